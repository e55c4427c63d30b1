"""Factories for the pair's year."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from pairs.models import Goal, GoalRating, Homework, Meeting, MeetingMode, MeetingStatus, Reflection


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    minutes = 90
    mode = MeetingMode.IN_PERSON
    place = "Stadshuset, Enköping"
    status = MeetingStatus.PLANNED


class HeldMeetingFactory(MeetingFactory):
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=14))
    status = MeetingStatus.HELD
    held_minutes = 80
    notes = "Vi pratade om att leda på distans."


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    title = "Gå hem i tid tre dagar i veckan"


class GoalRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalRating

    rating = 5


class HomeworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Homework

    title = "Läs kapitel 3"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))


class ReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reflection

    text = "Jag märker att jag undviker svåra samtal."


def bulk_pairs(cohort, municipality, count: int, *, meetings_each: int = 2) -> list:
    """Many pairs at once (bulk inserts), for query-count and speed tests."""
    from accounts.models import User
    from pairs.models import FitAnswer, Pair, PairNudge
    from programmes.models import Enrolment, EnrolmentStatus, Role

    start = User.objects.count()
    users = User.objects.bulk_create(
        [
            User(email=f"bulk{start + n}@example.se", full_name=f"Person {start + n}")
            for n in range(2 * count)
        ]
    )
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(
                person=user,
                cohort=cohort,
                role=Role.MENTOR if n % 2 == 0 else Role.ADEPT,
                status=EnrolmentStatus.ADMITTED,
                municipality=municipality,
            )
            for n, user in enumerate(users)
        ]
    )
    pairs = Pair.objects.bulk_create(
        [
            Pair(cohort=cohort, mentor=enrolments[2 * n], adept=enrolments[2 * n + 1])
            for n in range(count)
        ]
    )
    now = timezone.now()
    Meeting.objects.bulk_create(
        [
            Meeting(
                pair=pair,
                starts_at=now - datetime.timedelta(days=30 * (k + 1)),
                minutes=60,
                mode=MeetingMode.IN_PERSON,
                place="Bålsta",
                status=MeetingStatus.HELD,
                held_minutes=60,
            )
            for pair in pairs
            for k in range(meetings_each)
        ]
    )
    FitAnswer.objects.bulk_create(
        [FitAnswer(pair=pair, person_id=pair.mentor.person_id, works=True) for pair in pairs]
    )
    PairNudge.objects.bulk_create([PairNudge(pair=pair, number=1) for pair in pairs[::10]])
    return pairs

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

"""A year of data for a report: meetings, goals, evaluation answers, events, fees, with
texts that must never reach a report (REFLECTION, NOTE, ANSWER)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from events.models import Event, EventKind, EventRegistration, RegistrationStatus
from fees.models import FeeLine, InvoiceBasis
from pairs.models import (
    Answer,
    Goal,
    GoalRating,
    Meeting,
    MeetingMode,
    MeetingStatus,
    Pair,
    Question,
    QuestionKind,
    Questionnaire,
    Reflection,
    Response,
)
from programmes.models import Enrolment, Municipality, Role
from tests.factories import EnrolmentFactory, UserFactory
from tests.world import World

REFLECTION = "Hemlig reflektion om chefen zebra-17"
NOTE = "Delad anteckning om budgeten giraff-42"
ANSWER = "Fritt svar om samordnaren okapi-93"


@dataclass
class Year:
    pairs: list[Pair]
    meetings_held: int
    digital_held: int
    scale_answers: list[int]


def add_pair(
    world: World,
    adept_municipality: Municipality,
    mentor_municipality: Municipality,
    *,
    gender: str = "",
    birth_year: int | None = None,
) -> Pair:
    adept = EnrolmentFactory(
        cohort=world.cohort,
        role=Role.ADEPT,
        municipality=adept_municipality,
        person=UserFactory(gender=gender, birth_year=birth_year),
    )
    mentor = EnrolmentFactory(
        cohort=world.cohort, role=Role.MENTOR, municipality=mentor_municipality
    )
    return Pair.objects.create(cohort=world.cohort, mentor=mentor, adept=adept)


def hold_meetings(pair: Pair, held: int, *, digital: int = 0) -> None:
    start = timezone.make_aware(datetime.datetime.combine(pair.cohort.starts_on, datetime.time(9)))
    for index in range(held):
        Meeting.objects.create(
            pair=pair,
            starts_at=start + datetime.timedelta(days=14 * index),
            minutes=90,
            held_minutes=90,
            mode=MeetingMode.DIGITAL if index < digital else MeetingMode.IN_PERSON,
            status=MeetingStatus.HELD,
            notes=NOTE,
        )


def build_year(world: World) -> Year:
    """Six more Håbo adepts (women born 1980) paired with Knivsta mentors, plus the world's."""
    pairs = [world.pair, world.other_pair]
    for _index in range(6):
        pairs.append(
            add_pair(
                world, world.municipality_a, world.municipality_c, gender="woman", birth_year=1980
            )
        )
    plan = [(7, 2), (5, 0), (3, 3), (7, 7), (1, 0), (0, 0), (6, 1), (4, 2)]
    for pair, (held, digital) in zip(pairs, plan, strict=True):
        hold_meetings(pair, held, digital=digital)
        goal = Goal.objects.create(pair=pair, title="Leda förändring")
        GoalRating.objects.create(goal=goal, rating=3, rated_on=world.cohort.starts_on)
        GoalRating.objects.create(
            goal=goal, rating=7, rated_on=world.cohort.starts_on + datetime.timedelta(days=90)
        )
        Reflection.objects.create(pair=pair, author=pair.adept.person, text=REFLECTION)
    questionnaire = Questionnaire.objects.create(cohort=world.cohort)
    scale = Question.objects.create(
        questionnaire=questionnaire,
        audience=Role.ADEPT,
        kind=QuestionKind.SCALE,
        text="Hur nöjd är du med programmet?",
        position=1,
    )
    rare = Question.objects.create(
        questionnaire=questionnaire,
        audience=Role.ADEPT,
        kind=QuestionKind.SCALE,
        text="Hur nöjd är du med lokalerna?",
        position=2,
    )
    free = Question.objects.create(
        questionnaire=questionnaire,
        audience=Role.ADEPT,
        kind=QuestionKind.TEXT,
        text="Vad vill du säga?",
        position=3,
    )
    scale_answers = [5, 4, 4, 3, 5, 2]
    for pair, value in zip(pairs, scale_answers, strict=False):
        Response.objects.create(
            questionnaire=questionnaire,
            person=pair.adept.person,
            role=Role.ADEPT,
            municipality=pair.adept.municipality,
        )
        Answer.objects.create(question=scale, scale=value)
        Answer.objects.create(question=free, text=ANSWER)
    # Only three answered this one: too few to show.
    for value in (1, 1, 2):
        Answer.objects.create(question=rare, scale=value)
    event = Event.objects.create(
        programme=world.programme,
        cohort=world.cohort,
        kind=EventKind.KICKOFF,
        title="Uppstart i Bålsta",
        starts_at=timezone.make_aware(
            datetime.datetime.combine(world.cohort.starts_on, datetime.time(13))
        ),
        ends_at=timezone.make_aware(
            datetime.datetime.combine(world.cohort.starts_on, datetime.time(16))
        ),
        capacity=40,
    )
    for index, pair in enumerate(pairs):
        EventRegistration.objects.create(
            event=event,
            person=pair.adept.person,
            status=RegistrationStatus.REGISTERED,
            attended=index % 2 == 0,
        )
    for municipality in (world.municipality_a, world.municipality_b, world.municipality_c):
        basis = InvoiceBasis.objects.create(cohort=world.cohort, municipality=municipality)
        for enrolment in Enrolment.objects.filter(cohort=world.cohort, municipality=municipality):
            FeeLine.objects.create(
                basis=basis,
                enrolment=enrolment,
                description=str(enrolment.person),
                amount=Decimal("9800"),
            )
    return Year(
        pairs=pairs,
        meetings_held=sum(h for h, _d in plan),
        digital_held=sum(d for _h, d in plan),
        scale_answers=scale_answers,
    )

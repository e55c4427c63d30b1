"""The changes the pair's own services make to what its page shows, one function each,
for the tests of the page's revision (test_pair_revision.py) and of its cached sections
(test_pair_page_fragments.py). Each says what the page then shows."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from pairs.models import MeetingMode, Pair
from pairs.services import agreement, meetings, progress
from tests.world import World

from .factories import (
    GoalFactory,
    HeldMeetingFactory,
    HomeworkFactory,
    MeetingFactory,
    ReflectionFactory,
)

SOON = datetime.timedelta(days=3)


def revision(world: World) -> int:
    return Pair.objects.get(pk=world.pair.pk).revision


def plan(world: World) -> None:
    meetings.meeting_plan(
        pair=world.pair,
        actor=world.adept,
        starts_at=timezone.now() + SOON,
        minutes=60,
        mode=MeetingMode.IN_PERSON,
        place="Rådhuset",
    )


def reschedule(world: World) -> None:
    meetings.meeting_reschedule(
        meeting=MeetingFactory(pair=world.pair),
        actor=world.adept,
        starts_at=timezone.now() + SOON,
        minutes=45,
        mode=MeetingMode.IN_PERSON,
        place="Biblioteket",
    )


def log(world: World) -> None:
    started = MeetingFactory(pair=world.pair, starts_at=timezone.now() - SOON)
    meetings.meeting_log(
        meeting=started, actor=world.mentor, held=True, held_minutes=50, notes="Modet att fråga."
    )


def prepare(world: World) -> None:
    meetings.meeting_prepare(
        meeting=MeetingFactory(pair=world.pair), actor=world.mentor, text="Frågor"
    )


def agree(world: World) -> None:
    agreement.agreement_save(
        pair=world.pair,
        actor=world.adept,
        meeting_frequency="Var tredje vecka",
        meeting_place="Växelvis",
        confidentiality="Det vi säger stannar här.",
        adept_wishes="Tryggare i svåra samtal.",
    )


def confirm(world: World) -> None:
    agree(world)
    before = revision(world)
    agreement.agreement_confirm(pair=world.pair, actor=world.mentor)
    assert revision(world) > before


def fit(world: World) -> None:
    HeldMeetingFactory(pair=world.pair)
    agreement.fit_answer_give(pair=world.pair, actor=world.adept, works=True)


def goal(world: World) -> None:
    progress.goal_create(pair=world.pair, actor=world.adept, title="Gå hem i tid")


def rate(world: World) -> None:
    progress.goal_rate(goal=GoalFactory(pair=world.pair), actor=world.adept, rating=6)


def homework(world: World) -> None:
    progress.homework_create(
        pair=world.pair,
        actor=world.mentor,
        title="Läs kapitel 3",
        due_on=timezone.localdate() + SOON,
    )


def tick(world: World) -> None:
    progress.homework_tick(homework=HomeworkFactory(pair=world.pair), actor=world.adept)


def reflect(world: World) -> None:
    progress.reflection_create(pair=world.pair, actor=world.adept, text="Modigare nu.")


def share(world: World) -> None:
    reflection = ReflectionFactory(pair=world.pair, author=world.adept, text="Delad med dig.")
    progress.reflection_share(reflection=reflection, actor=world.adept, shared=True)


@dataclass
class ServiceChange:
    make: Callable[[World], None]
    # What the pair page shows afterwards, in English, to the reader named.
    shows: str
    reader: str


SERVICE_CHANGES: dict[str, ServiceChange] = {
    "meeting_plan": ServiceChange(plan, "Rådhuset", "mentor"),
    "meeting_reschedule": ServiceChange(reschedule, "Biblioteket", "mentor"),
    "meeting_log": ServiceChange(log, "Modet att fråga.", "adept"),
    "meeting_prepare": ServiceChange(prepare, "Mona Mentor's preparation:", "adept"),
    "agreement_save": ServiceChange(agree, "Tryggare i svåra samtal.", "mentor"),
    "agreement_confirm": ServiceChange(confirm, "The mentor has confirmed.", "adept"),
    "fit_answer_give": ServiceChange(fit, "Has something changed?", "adept"),
    "goal_create": ServiceChange(goal, "Gå hem i tid", "mentor"),
    "goal_rate": ServiceChange(rate, "<td>6</td>", "mentor"),
    "homework_create": ServiceChange(homework, "Läs kapitel 3", "adept"),
    "homework_tick": ServiceChange(tick, "<s>Läs kapitel 3</s>", "mentor"),
    "reflection_create": ServiceChange(reflect, "Modigare nu.", "adept"),
    "reflection_share": ServiceChange(share, "Delad med dig.", "mentor"),
}

"""Each service of the pair that changes what its page shows moves the pair's revision on;
what other apps change (a sign-in, a name) writes nothing to the pairs table."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
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

pytestmark = pytest.mark.django_db

SOON = datetime.timedelta(days=3)


def _revision(world: World) -> int:
    return Pair.objects.get(pk=world.pair.pk).revision


def _plan(world: World) -> None:
    meetings.meeting_plan(
        pair=world.pair,
        actor=world.adept,
        starts_at=timezone.now() + SOON,
        minutes=60,
        mode=MeetingMode.IN_PERSON,
        place="Rådhuset",
    )


def _reschedule(world: World) -> None:
    meetings.meeting_reschedule(
        meeting=MeetingFactory(pair=world.pair),
        actor=world.adept,
        starts_at=timezone.now() + SOON,
        minutes=45,
        mode=MeetingMode.IN_PERSON,
        place="Biblioteket",
    )


def _log(world: World) -> None:
    started = MeetingFactory(pair=world.pair, starts_at=timezone.now() - SOON)
    meetings.meeting_log(meeting=started, actor=world.mentor, held=True, held_minutes=50)


def _prepare(world: World) -> None:
    meetings.meeting_prepare(
        meeting=MeetingFactory(pair=world.pair), actor=world.mentor, text="Frågor"
    )


def _agree(world: World) -> None:
    agreement.agreement_save(
        pair=world.pair,
        actor=world.adept,
        meeting_frequency="Var tredje vecka",
        meeting_place="Växelvis",
        confidentiality="Det vi säger stannar här.",
        adept_wishes="Tryggare i svåra samtal.",
    )


def _confirm(world: World) -> None:
    _agree(world)
    before = _revision(world)
    agreement.agreement_confirm(pair=world.pair, actor=world.mentor)
    assert _revision(world) > before


def _fit(world: World) -> None:
    HeldMeetingFactory(pair=world.pair)
    agreement.fit_answer_give(pair=world.pair, actor=world.adept, works=True)


def _goal(world: World) -> None:
    progress.goal_create(pair=world.pair, actor=world.adept, title="Gå hem i tid")


def _rate(world: World) -> None:
    progress.goal_rate(goal=GoalFactory(pair=world.pair), actor=world.adept, rating=6)


def _homework(world: World) -> None:
    progress.homework_create(
        pair=world.pair,
        actor=world.mentor,
        title="Läs kapitel 3",
        due_on=timezone.localdate() + SOON,
    )


def _tick(world: World) -> None:
    progress.homework_tick(homework=HomeworkFactory(pair=world.pair), actor=world.adept)


def _reflect(world: World) -> None:
    progress.reflection_create(pair=world.pair, actor=world.adept, text="Modigare nu.")


def _share(world: World) -> None:
    reflection = ReflectionFactory(pair=world.pair, author=world.adept)
    progress.reflection_share(reflection=reflection, actor=world.adept, shared=True)


CHANGES: dict[str, Callable[[World], None]] = {
    "meeting_plan": _plan,
    "meeting_reschedule": _reschedule,
    "meeting_log": _log,
    "meeting_prepare": _prepare,
    "agreement_save": _agree,
    "agreement_confirm": _confirm,
    "fit_answer_give": _fit,
    "goal_create": _goal,
    "goal_rate": _rate,
    "homework_create": _homework,
    "homework_tick": _tick,
    "reflection_create": _reflect,
    "reflection_share": _share,
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_each_service_that_changes_the_pair_page_moves_its_revision_on(
    world: World, change: Callable[[World], None]
) -> None:
    before = _revision(world)
    other_before = Pair.objects.get(pk=world.other_pair.pk).revision
    change(world)
    assert _revision(world) > before
    assert Pair.objects.get(pk=world.other_pair.pk).revision == other_before


def _pair_writes(captured: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith(("UPDATE", "INSERT", "DELETE")) and '"pairs_' in q["sql"]
    ]


def test_a_sign_in_writes_nothing_to_the_pairs_tables(world: World) -> None:
    before = _revision(world)
    with CaptureQueriesContext(connection) as captured:
        Client().force_login(world.adept)
    assert any('UPDATE "accounts_user"' in q["sql"] for q in captured.captured_queries)
    assert _pair_writes(captured) == []
    assert _revision(world) == before


def test_a_sign_in_through_the_login_page_writes_nothing_to_the_pairs_tables(
    world: World,
) -> None:
    world.adept.set_password("Ett långt lösenord 2026")
    world.adept.save()
    with CaptureQueriesContext(connection) as captured:
        response = Client().post(
            reverse("account_login"),
            {"login": world.adept.email, "password": "Ett långt lösenord 2026"},
        )
    assert response.status_code == 302
    assert not any('UPDATE "pairs_pair"' in q["sql"] for q in captured.captured_queries)


def test_a_renamed_person_or_municipality_writes_nothing_to_the_pairs_tables(
    world: World,
) -> None:
    with CaptureQueriesContext(connection) as captured:
        world.mentor.full_name = "Mona Mentorsson"
        world.mentor.save()
        world.mentor_enrolment.title = "Rektor"
        world.mentor_enrolment.save()
        world.municipality_b.name = "Nya namnet"
        world.municipality_b.save()
    assert _pair_writes(captured) == []

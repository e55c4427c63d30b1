"""The pair page keeps its reads in the cache under the pair's revision: a second look
costs only the pair's own query, and every change shows at once."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pairs.models import MeetingMode, Pair, Reflection
from pairs.privacy import RETENTION
from pairs.services.meetings import meeting_plan, meeting_prepare
from pairs.services.progress import goal_create, goal_rate, reflection_create, reflection_share
from privacy.models import RecordKind
from tests.foundation.subprocesses import free_port
from tests.world import World

from .factories import GoalFactory, GoalRatingFactory, MeetingFactory, ReflectionFactory

pytestmark = pytest.mark.django_db


def _page(client, world: World) -> str:
    client.cookies["mentorship_language"] = "en"
    return client.get(reverse("pairs:pair_detail", kwargs={"pk": world.pair.pk})).content.decode()


def _queries(client, world: World) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        _page(client, world)
    return [query["sql"] for query in captured.captured_queries]


def test_a_second_look_reads_only_the_session_the_person_and_the_pair(
    world: World, client_for
) -> None:
    MeetingFactory(pair=world.pair)
    GoalRatingFactory(goal=GoalFactory(pair=world.pair), rating=4)
    ReflectionFactory(pair=world.pair, author=world.adept)
    client = client_for("adept")
    first = _queries(client, world)
    second = _queries(client, world)
    assert len(second) < len(first)
    tables = " ".join(second)
    for read in ("pairs_meeting", "pairs_goal", "pairs_homework", "pairs_reflection"):
        assert f'FROM "{read}"' not in tables


def test_a_reflection_made_private_leaves_the_partners_page_at_once(
    world: World, client_for
) -> None:
    reflection = ReflectionFactory(
        pair=world.pair, author=world.mentor, text="Modet att säga nej.", shared=True
    )
    partner = client_for("adept")
    assert "Modet att säga nej." in _page(partner, world)
    reflection_share(reflection=reflection, actor=world.mentor, shared=False)
    assert "Modet att säga nej." not in _page(partner, world)


def test_a_new_meeting_a_goal_and_a_rating_show_at_once(world: World, client_for) -> None:
    client = client_for("adept")
    _page(client, world)
    meeting_plan(
        pair=world.pair,
        actor=world.adept,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        minutes=60,
        mode=MeetingMode.IN_PERSON,
        place="Rådhuset i Enköping",
    )
    assert "Rådhuset i Enköping" in _page(client, world)
    goal = goal_create(pair=world.pair, actor=world.adept, title="Gå hem i tid")
    assert "Gå hem i tid" in _page(client, world)
    goal_rate(goal=goal, actor=world.adept, rating=9)
    assert "9" in _page(client, world).split("Gå hem i tid", 1)[1]


def _mentor_prepared_and_shared(world: World) -> None:
    meeting = meeting_plan(
        pair=world.pair,
        actor=world.adept,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        minutes=60,
        mode=MeetingMode.IN_PERSON,
        place="Rådhuset",
    )
    meeting_prepare(meeting=meeting, actor=world.mentor, text="Jag tar med en bok.")
    reflection_create(pair=world.pair, actor=world.mentor, text="Bra början.", shared=True)


def test_a_renamed_member_shows_at_once_in_what_the_cache_holds_too(
    world: World, client_for
) -> None:
    """The header reads the name afresh; the preparation and reflection are cached."""
    _mentor_prepared_and_shared(world)
    client = client_for("adept")
    assert "Mona Mentor's preparation" in _page(client, world)
    world.mentor.full_name = "Mona Mentorsson"
    world.mentor.email = "mona.mentorsson@example.se"
    world.mentor.save()
    page = _page(client, world)
    assert "Mona Mentor's preparation" not in page
    assert "Mona Mentorsson's preparation" in page
    assert page.count("Mona Mentorsson") >= 4  # heading, name, preparation, reflection
    assert "mona.mentorsson@example.se" in page


def test_a_renamed_municipality_shows_at_once(world: World, client_for) -> None:
    client = client_for("adept")
    _page(client, world)
    municipality = world.mentor_enrolment.municipality
    municipality.name = "Nya Enköping"
    municipality.save()
    assert "Nya Enköping" in _page(client, world)


def test_a_changed_enrolment_title_shows_at_once(world: World, client_for) -> None:
    client = client_for("adept")
    _page(client, world)
    world.mentor_enrolment.title = "Förvaltningschef"
    world.mentor_enrolment.save()
    assert "Förvaltningschef" in _page(client, world)


def test_a_second_look_after_a_rename_is_again_served_from_the_cache(
    world: World, client_for
) -> None:
    _mentor_prepared_and_shared(world)
    client = client_for("adept")
    _page(client, world)
    world.mentor.full_name = "Mona Mentorsson"
    world.mentor.save()
    first = _queries(client, world)
    second = _queries(client, world)
    assert any('FROM "pairs_meeting"' in sql for sql in first)
    assert not any('FROM "pairs_meeting"' in sql for sql in second)


def test_retention_moves_the_revision_on_so_no_emptied_text_stays_cached(
    world: World, client_for
) -> None:
    ReflectionFactory(pair=world.pair, author=world.adept, text="Bara för mig.")
    client = client_for("adept")
    assert "Bara för mig." in _page(client, world)
    before = Pair.objects.get(pk=world.pair.pk).revision
    handler = next(h for h in RETENTION if h.kind == RecordKind.REFLECTIONS)
    handler.apply(world.cohort.enrolments.all())
    assert Reflection.objects.get(pair=world.pair).text == ""
    assert Pair.objects.get(pk=world.pair.pk).revision > before
    assert "Bara för mig." not in _page(client, world)


def test_without_the_cache_the_page_reads_the_database(world: World, client_for, settings) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "common.cache.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    client = client_for("adept")
    ReflectionFactory(pair=world.pair, author=world.adept, text="Ändå här.")
    assert "Ändå här." in _page(client, world)
    reflection = Reflection.objects.get(text="Ändå här.")
    reflection.text = "Ändrad."
    reflection.save()
    assert "Ändrad." in _page(client, world)

"""The pair page keeps its reads in the cache under the pair's revision: a second look
costs only the pair's own query, and every change shows at once."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pairs.models import Pair, Reflection
from pairs.privacy import RETENTION
from pairs.services.progress import reflection_share
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


def test_a_new_meeting_a_rating_and_a_changed_name_show_at_once(world: World, client_for) -> None:
    client = client_for("adept")
    _page(client, world)
    MeetingFactory(
        pair=world.pair,
        place="Rådhuset i Enköping",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    assert "Rådhuset i Enköping" in _page(client, world)
    goal = GoalFactory(pair=world.pair, title="Gå hem i tid")
    assert "Gå hem i tid" in _page(client, world)
    GoalRatingFactory(goal=goal, rating=9)
    assert "9" in _page(client, world).split("Gå hem i tid", 1)[1]
    world.mentor.full_name = "Mona Mentorsson"
    world.mentor.save()
    assert "Mona Mentorsson" in _page(client, world)


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

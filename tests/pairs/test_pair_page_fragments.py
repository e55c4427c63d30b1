"""The pair page keeps its rendered sections in the cache (pairs/fragments.py): a second look
renders none of them, every change shows on the next look, each reader gets only their own
sections, and each browser its own CSRF token."""

from __future__ import annotations

import datetime
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pairs.models import Meeting, Pair, Reflection
from pairs.selectors import PAST_SHOWN
from pairs.services import meetings, pairs, progress
from programmes.services.enrolment import enrolment_withdraw
from tests.world import World

from .factories import MeetingFactory, ReflectionFactory
from .pair_changes import SERVICE_CHANGES, SOON

pytestmark = pytest.mark.django_db

SECTION_TEMPLATES = {
    f"pairs/includes/_pair_{name}.html"
    for name in ("agreement", "meetings", "goals", "homework", "reflections")
}


def _get(client: Client, world: World, language: str = "en"):
    client.cookies["mentorship_language"] = language
    return client.get(reverse("pairs:pair_detail", kwargs={"pk": world.pair.pk}))


def _rendered_sections(response) -> set[str]:
    return {template.name for template in response.templates} & SECTION_TEMPLATES


def _page(client: Client, world: World, language: str = "en") -> str:
    return _get(client, world, language).content.decode()


def test_a_second_look_renders_no_section_and_shows_the_same_page(world: World, client_for) -> None:
    MeetingFactory(pair=world.pair, place="Stadsbiblioteket")
    ReflectionFactory(pair=world.pair, author=world.adept, text="Min egen tanke.")
    client = client_for("adept")
    first = _get(client, world)
    second = _get(client, world)
    assert _rendered_sections(first) == SECTION_TEMPLATES
    assert _rendered_sections(second) == set()
    for text in ("Stadsbiblioteket", "Min egen tanke.", "Our agreement", "Homework"):
        assert text in second.content.decode()


@dataclass
class Change:
    """A change to what the page shows: who looks, the change, and what shows afterwards
    (or, with ``gone``, what no longer does)."""

    reader: str
    make: Callable[[World], None]
    shows: str
    gone: bool = False
    prepare: Callable[[World], None] | None = None


def _cancel(world: World) -> None:
    meetings.meeting_log(
        meeting=Meeting.objects.get(pair=world.pair, place="Första platsen"),
        actor=world.adept,
        held=False,
    )


def _shared_first(world: World) -> None:
    ReflectionFactory(pair=world.pair, author=world.mentor, text="Först delad.", shared=True)


def _make_private(world: World) -> None:
    reflection = Reflection.objects.get(pair=world.pair, text="Först delad.")
    progress.reflection_share(reflection=reflection, actor=world.mentor, shared=False)


def _withdraw(world: World) -> None:
    enrolment_withdraw(enrolment=world.mentor_enrolment, actor=world.mentor)


def _dissolve(world: World) -> None:
    pairs.pair_dissolve(pair=world.pair, actor=world.coordinator)


def _swap_sides(world: World) -> None:
    # Corrected by an administrator: the one who was the mentor is the adept (no service,
    # so the revision stays; the reader's side is in the key).
    Pair.objects.filter(pk=world.pair.pk).update(
        mentor=world.adept_enrolment, adept=world.mentor_enrolment
    )


CHANGES: dict[str, Change] = {
    **{
        name: Change(change.reader, change.make, change.shows)
        for name, change in SERVICE_CHANGES.items()
    },
    "meeting cancelled": Change("adept", _cancel, "Cancelled"),
    "reflection made private": Change(
        "adept", _make_private, "Först delad.", gone=True, prepare=_shared_first
    ),
    "pair dissolved": Change("adept", _dissolve, "This pair has ended."),
    "sides swapped": Change("mentor", _swap_sides, "New goal"),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_each_change_shows_on_the_next_look_in_freshly_rendered_sections(
    world: World, client_for, change: Change
) -> None:
    MeetingFactory(pair=world.pair, starts_at=timezone.now() + 2 * SOON, place="Första platsen")
    if change.prepare:
        change.prepare(world)
    client = client_for(change.reader)
    before = _page(client, world)
    assert _rendered_sections(_get(client, world)) == set()
    change.make(world)
    response = _get(client, world)
    page = response.content.decode()
    assert _rendered_sections(response) == SECTION_TEMPLATES
    if change.gone:
        assert change.shows in before and change.shows not in page
    else:
        assert change.shows in page


def test_a_withdrawn_place_renders_the_sections_afresh(world: World, client_for) -> None:
    client = client_for("adept")
    _page(client, world)
    _withdraw(world)
    assert _rendered_sections(_get(client, world)) == SECTION_TEMPLATES


def test_the_language_has_its_own_sections(world: World, client_for) -> None:
    client = client_for("adept")
    assert "Coming up" in _page(client, world, "en")
    swedish = _get(client, world, "sv")
    assert _rendered_sections(swedish) == SECTION_TEMPLATES
    assert "Coming up" not in swedish.content.decode()
    assert "Kommande" in swedish.content.decode()


def test_each_reader_gets_their_own_sections_never_the_partners(world: World, client_for) -> None:
    meeting = MeetingFactory(pair=world.pair, starts_at=timezone.now() + SOON)
    meetings.meeting_prepare(meeting=meeting, actor=world.mentor, text="Mentorns förberedelse.")
    ReflectionFactory(pair=world.pair, author=world.mentor, text="Bara mentorns.", shared=False)
    ReflectionFactory(pair=world.pair, author=world.adept, text="Bara adeptens.", shared=False)
    mentor, adept = client_for("mentor"), client_for("adept")
    mentors_page = _page(mentor, world)
    assert "Bara mentorns." in mentors_page and "Your preparation:" in mentors_page
    response = _get(adept, world)
    adepts_page = response.content.decode()
    assert _rendered_sections(response) == SECTION_TEMPLATES
    assert "Bara mentorns." not in adepts_page
    assert "Bara adeptens." in adepts_page
    assert "Mona Mentor's preparation:" in adepts_page
    assert "Your preparation:" not in adepts_page
    # And back: the mentor's cached sections are still the mentor's alone.
    again = _page(mentor, world)
    assert "Bara adeptens." not in again and "Bara mentorns." in again


def test_a_meeting_that_has_ended_moves_to_the_earlier_ones_without_any_change(
    world: World, client_for
) -> None:
    ends_at = timezone.now() + datetime.timedelta(seconds=2)
    MeetingFactory(
        pair=world.pair,
        starts_at=ends_at - datetime.timedelta(minutes=60),
        minutes=60,
        place="Snart över",
    )
    client = client_for("adept")
    coming, _, _ = _page(client, world).partition("Earlier meetings")
    assert "Snart över" in coming
    time.sleep(max(0.0, (ends_at - timezone.now()).total_seconds()) + 0.1)
    response = _get(client, world)
    assert _rendered_sections(response) == SECTION_TEMPLATES
    coming, _, earlier = response.content.decode().partition("Earlier meetings")
    assert "Snart över" in earlier and "Snart över" not in coming


def _csrf_tokens(page: str) -> set[str]:
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))


def test_each_browser_gets_its_own_csrf_token_in_the_cached_sections(world: World) -> None:
    reflection = ReflectionFactory(pair=world.pair, author=world.adept, text="Min.", shared=False)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(world.adept)
    second.force_login(world.adept)
    _page(first, world)
    response = _get(second, world)
    assert _rendered_sections(response) == set()
    page = response.content.decode()
    assert "placeholder" not in page
    # The token in the reflection's form, which came from the cache.
    (token,) = _csrf_tokens(page.split('id="reflections"', 1)[1])
    share = reverse("pairs:reflection_share", kwargs={"pk": reflection.pk})
    answer = second.post(share, {"shared": "1", "csrfmiddlewaretoken": token})
    assert answer.status_code == 302
    reflection.refresh_from_db()
    assert reflection.shared


def test_text_that_looks_like_the_placeholder_is_left_as_written(world: World, client_for) -> None:
    ReflectionFactory(
        pair=world.pair,
        author=world.adept,
        text='value="pairs-fragment-csrf-placeholder"',
        shared=False,
    )
    page = _page(client_for("adept"), world)
    assert "value=&quot;pairs-fragment-csrf-placeholder&quot;" in page


def test_the_page_shows_the_latest_meetings_and_links_all_of_them(world: World, client_for) -> None:
    for n in range(PAST_SHOWN + 5):
        MeetingFactory(
            pair=world.pair,
            starts_at=timezone.now() - datetime.timedelta(days=30 * (n + 1)),
            place=f"Plats {n}",
        )
    page = _page(client_for("adept"), world)
    assert "Plats 0" in page and f"Plats {PAST_SHOWN - 1}" in page
    assert f"Plats {PAST_SHOWN}" not in page
    assert "All meetings (5 more)" in page
    everything = client_for("adept").get(
        reverse("pairs:pair_meetings", kwargs={"pk": world.pair.pk})
    )
    for n in range(PAST_SHOWN + 5):
        assert f"Plats {n}" in everything.content.decode()


def test_all_reflections_keep_the_privacy_of_the_page(world: World, client_for) -> None:
    for n in range(6):
        ReflectionFactory(pair=world.pair, author=world.mentor, text=f"Privat {n}.", shared=False)
        ReflectionFactory(pair=world.pair, author=world.mentor, text=f"Delad {n}.", shared=True)
    url = reverse("pairs:pair_reflections", kwargs={"pk": world.pair.pk})
    client = client_for("adept")
    client.cookies["mentorship_language"] = "en"
    body = client.get(url).content.decode() + client.get(url + "?page=2").content.decode()
    assert all(f"Delad {n}." in body for n in range(6))
    assert "Privat" not in body


@pytest.mark.parametrize(
    "name", ["pairs:pair_meetings", "pairs:pair_goals", "pairs:pair_reflections"]
)
@pytest.mark.parametrize("persona", ["other_adept", "coordinator", "outsider"])
def test_nobody_outside_the_pair_opens_its_lists(
    world: World, client_for, name: str, persona: str
) -> None:
    response = client_for(persona).get(reverse(name, kwargs={"pk": world.pair.pk}))
    assert response.status_code == 404

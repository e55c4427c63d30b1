"""The cohort's pairs as a list that finds and acts: filters, sort, email and export."""

from __future__ import annotations

import datetime
import io
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AuditEvent
from pairs.models import FitAnswer, Pair, PairNudge
from programmes.models import CohortMessage
from tests.world import World

from .factories import HeldMeetingFactory

pytestmark = pytest.mark.django_db


def _health(client, world: World, **params: str) -> str:  # type: ignore[no-untyped-def]
    client.cookies["mentorship_language"] = "en"
    url = reverse("pairs:cohort_health", kwargs={"pk": world.cohort.pk})
    return client.get(url, params).content.decode()


def _pairs_shown(page: str, world: World) -> list[Pair]:
    """The world's pairs the page lists, in the order it lists them."""
    found = [
        (page.find(f'value="{pair.pk}" form="bulk-form"'), pair)
        for pair in (world.pair, world.other_pair)
    ]
    return [pair for at, pair in sorted(found, key=lambda f: f[0]) if at >= 0]


def _needs_attention(pair: Pair) -> None:
    """Two reminders since the pair last met."""
    HeldMeetingFactory(pair=pair, starts_at=timezone.now() - datetime.timedelta(weeks=20))
    for number in (1, 2):
        PairNudge.objects.create(pair=pair, number=number)


def test_the_pairs_are_searched_by_either_members_name_or_email(world: World, client_for) -> None:
    client = client_for("coordinator")
    assert _pairs_shown(_health(client, world, q="Mona"), world) == [world.pair]
    assert _pairs_shown(_health(client, world, q=world.other_adept.email), world) == [
        world.other_pair
    ]


def test_the_municipality_filter_finds_pairs_with_a_member_there(world: World, client_for) -> None:
    client = client_for("coordinator")
    # Knivsta (C) is the other mentor's; Enköping (B) has the mentor and the other adept.
    knivsta = _health(client, world, municipality=str(world.municipality_c.pk))
    assert _pairs_shown(knivsta, world) == [world.other_pair]
    enkoping = _health(client, world, municipality=str(world.municipality_b.pk))
    assert set(_pairs_shown(enkoping, world)) == {world.pair, world.other_pair}


def test_the_attention_filter_shows_the_pairs_the_page_flags(world: World, client_for) -> None:
    _needs_attention(world.other_pair)
    client = client_for("coordinator")
    everyone = _health(client, world)
    assert "1 pair needs attention." in everyone
    assert "?attention=1" in everyone
    flagged = _health(client, world, attention="1")
    assert _pairs_shown(flagged, world) == [world.other_pair]
    assert "<strong>Needs attention</strong>" in flagged


def test_the_fit_filter_shows_the_pairs_a_member_says_do_not_work(world: World, client_for) -> None:
    FitAnswer.objects.create(pair=world.pair, person=world.adept, works=True)
    FitAnswer.objects.create(pair=world.other_pair, person=world.other_adept, works=True)
    FitAnswer.objects.create(
        pair=world.other_pair, person=world.other_mentor, works=False, comment="HEMLIGT"
    )
    page = _health(client_for("coordinator"), world, fit="no")
    assert _pairs_shown(page, world) == [world.other_pair]
    assert "Does not work" in page and "HEMLIGT" not in page


def test_the_pairs_sort_by_meetings_held_both_ways(world: World, client_for) -> None:
    HeldMeetingFactory(pair=world.other_pair)
    client = client_for("coordinator")
    assert _pairs_shown(_health(client, world, sort="-held"), world) == [
        world.other_pair,
        world.pair,
    ]
    assert _pairs_shown(_health(client, world, sort="held"), world) == [
        world.pair,
        world.other_pair,
    ]


def _bulk(client, world: World, **data):  # type: ignore[no-untyped-def]
    client.cookies["mentorship_language"] = "en"
    url = reverse("pairs:cohort_health_bulk", kwargs={"pk": world.cohort.pk})
    return client.post(url, data)


def test_both_members_of_the_pairs_that_need_attention_are_emailed_after_a_confirmation(
    world: World, client_for, outbox, django_capture_on_commit_callbacks
) -> None:
    _needs_attention(world.other_pair)
    client = client_for("coordinator")
    query = urlencode({"attention": "1"})
    confirm = _bulk(client, world, scope="all", query=query, action="email").content.decode()
    assert "Email both members of 1 pair?" in confirm
    assert world.other_mentor.full_name in confirm and world.mentor.full_name not in confirm
    assert not outbox
    with django_capture_on_commit_callbacks(execute=True):
        done = _bulk(
            client,
            world,
            action="email",
            ids=str(world.other_pair.pk),
            query=query,
            confirm="1",
            subject="Hur går det?",
            body="Hör av er om ni behöver hjälp.",
        )
    assert done.status_code == 302
    assert sorted(m.to[0] for m in outbox) == sorted(
        [world.other_mentor.email, world.other_adept.email]
    )
    assert CohortMessage.objects.get().recipient_count == 2


def test_a_message_without_a_text_is_refused_and_nobody_is_emailed(
    world: World, client_for, outbox
) -> None:
    response = _bulk(
        client_for("coordinator"),
        world,
        action="email",
        ids=str(world.pair.pk),
        confirm="1",
        subject="Hej",
        body="",
    )
    assert response.status_code == 400
    assert not outbox and not CohortMessage.objects.exists()


def test_the_chosen_pairs_export_as_csv_with_figures_only(world: World, client_for) -> None:
    FitAnswer.objects.create(pair=world.pair, person=world.adept, works=False, comment="HEMLIGT")
    HeldMeetingFactory(pair=world.pair, notes="HEMLIGA ANTECKNINGAR")
    response = _bulk(
        client_for("coordinator"),
        world,
        scope="chosen",
        chosen=[world.pair.pk],
        action="export_csv",
    )
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert len(lines) == 2
    assert lines[1].startswith(f"{world.mentor.full_name};{world.mentor.email};")
    assert "Does not work" in lines[1] or "Fungerar inte" in lines[1]
    assert "HEMLIG" not in text
    assert AuditEvent.objects.get(action="pair.export").object_ids == [world.pair.pk]


def test_the_excel_export_holds_every_pair_that_matches(world: World, client_for) -> None:
    response = _bulk(client_for("coordinator"), world, scope="all", query="", action="export_xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert len(rows) == 3
    assert {row[0] for row in rows[1:]} == {world.mentor.full_name, world.other_mentor.full_name}


@pytest.mark.parametrize(
    "role", ["other_coordinator", "administrator", "contact_a", "mentor", "adept"]
)
def test_who_does_not_run_the_cohort_neither_sees_nor_acts_on_its_pairs(
    world: World, client_for, outbox, role: str
) -> None:
    client = client_for(role)
    assert (
        client.get(reverse("pairs:cohort_health", kwargs={"pk": world.cohort.pk})).status_code
        == 404
    )
    response = _bulk(
        client,
        world,
        action="email",
        ids=f"{world.pair.pk},{world.other_pair.pk}",
        confirm="1",
        subject="Hej",
        body="Hej",
    )
    assert response.status_code == 404
    assert not outbox and not CohortMessage.objects.exists()

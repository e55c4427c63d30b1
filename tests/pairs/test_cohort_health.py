"""The coordinator's view of how the cohort's pairs are doing: figures, never notes."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from common.lists import PAGE_SIZES
from pairs.models import Agreement, FitAnswer
from tests.world import World

from .factories import HeldMeetingFactory, MeetingFactory, ReflectionFactory, bulk_pairs

pytestmark = pytest.mark.django_db


def _health(client, world: World) -> str:
    client.cookies["mentorship_language"] = "en"
    url = reverse("pairs:cohort_health", kwargs={"pk": world.cohort.pk})
    return client.get(url).content.decode()


def test_the_coordinator_sees_meetings_against_plan_agreement_and_fit(
    world: World, client_for
) -> None:
    last = timezone.now() - datetime.timedelta(days=3)
    HeldMeetingFactory(pair=world.pair, starts_at=last, notes="HEMLIGA ANTECKNINGAR")
    HeldMeetingFactory(pair=world.pair, starts_at=last - datetime.timedelta(days=40))
    MeetingFactory(pair=world.pair)
    Agreement.objects.create(
        pair=world.pair,
        meeting_frequency="Månadsvis",
        meeting_place="Enköping",
        adept_wishes="HEMLIGA ÖNSKEMÅL",
        mentor_confirmed_at=last,
        adept_confirmed_at=last,
    )
    FitAnswer.objects.create(pair=world.pair, person=world.adept, works=True, comment="HEMLIGT")
    ReflectionFactory(pair=world.pair, author=world.adept, text="HEMLIG REFLEKTION", shared=True)
    body = _health(client_for("coordinator"), world)
    row = body[body.index("Mona Mentor") : body.index("</tr>", body.index("Mona Mentor"))]
    assert "2 of 7" in row and "(1 planned)" in row
    assert "<td>Yes</td>" in row
    assert "Works (1 of 2)" in row
    assert timezone.localtime(last).strftime("%-d") in row
    for secret in ("HEMLIGA ANTECKNINGAR", "HEMLIGA ÖNSKEMÅL", "HEMLIGT", "HEMLIG REFLEKTION"):
        assert secret not in body
    other_row = body[body.index("Mats Mentor") : body.index("</tr>", body.index("Mats Mentor"))]
    assert "0 of 7" in other_row and "<td>No</td>" in other_row and "Not answered" in other_row


def test_another_programmes_coordinator_and_the_administrator_get_404(
    world: World, client_for
) -> None:
    url = reverse("pairs:cohort_health", kwargs={"pk": world.cohort.pk})
    for role in ("other_coordinator", "administrator", "mentor", "contact_a"):
        assert client_for(role).get(url).status_code == 404


def test_the_health_list_costs_no_more_queries_for_a_thousand_pairs_than_for_ten(
    world: World, client_for, django_assert_max_num_queries
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import CohortFactory

    small = CohortFactory(programme=world.programme, name="Liten")
    bulk_pairs(small, world.municipality_a, 10)
    bulk_pairs(world.cohort, world.municipality_a, 1000)
    client = client_for("coordinator")

    def url(cohort) -> str:  # type: ignore[no-untyped-def]
        return reverse("pairs:cohort_health", kwargs={"pk": cohort.pk})

    with CaptureQueriesContext(connection) as ten:
        client.get(url(small), {"per_page": PAGE_SIZES[-1]})
    with django_assert_max_num_queries(2 * len(ten)):
        response = client.get(url(world.cohort), {"per_page": PAGE_SIZES[-1]})
    assert response.content.decode().count('name="chosen"') == PAGE_SIZES[-1]


def test_a_pair_that_has_not_started_shows_before_any_reminder_went(
    world: World, client_for
) -> None:
    from pairs.models import Pair

    long_ago = timezone.now() - datetime.timedelta(weeks=10)
    Pair.objects.filter(pk=world.other_pair.pk).update(created_at=long_ago)
    Pair.objects.filter(pk=world.pair.pk).update(created_at=timezone.now())  # just published
    body = _health(client_for("coordinator"), world)
    quiet = body[body.index("Mats Mentor") : body.index("</tr>", body.index("Mats Mentor"))]
    new = body[body.index("Mona Mentor") : body.index("</tr>", body.index("Mona Mentor"))]
    assert "No meeting yet" in quiet
    assert "No meeting yet" not in new and "OK" in new
    # One meeting planned is a start.
    MeetingFactory(pair=world.other_pair)
    body = _health(client_for("coordinator"), world)
    quiet = body[body.index("Mats Mentor") : body.index("</tr>", body.index("Mats Mentor"))]
    assert "No meeting yet" not in quiet

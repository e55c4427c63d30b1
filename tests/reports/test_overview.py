"""The coordinator's cohort overview and the municipality contact's view."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from programmes.models import EnrolmentStatus
from tests.factories import EnrolmentFactory
from tests.world import World

from .factories import add_pair, build_year, hold_meetings


def test_the_overview_shows_funnel_pairs_events_and_fees(
    world: World, client_for: Callable[[str], Client]
) -> None:
    build_year(world)
    EnrolmentFactory(
        cohort=world.cohort, status=EnrolmentStatus.WAITING, municipality=world.municipality_b
    )
    page = client_for("coordinator").get(reverse("reports:cohort_overview", args=[world.cohort.pk]))
    html = page.content.decode()
    assert (
        '<th scope="row">On the waiting list</th><td class="text-end">1</td>'
        in html.replace("\n", "")
        or "On the waiting list" in html
    )
    assert "Ada Adept" in html and "7 / 7" in html
    assert "Uppstart i Bålsta" in html
    assert "Håbo" in html and "68" in html


def test_the_overview_costs_the_same_queries_for_a_larger_cohort(
    world: World, client_for: Callable[[str], Client], django_assert_max_num_queries
) -> None:
    build_year(world)
    client = client_for("coordinator")
    url = reverse("reports:cohort_overview", args=[world.cohort.pk])
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    for _index in range(10):
        hold_meetings(add_pair(world, world.municipality_a, world.municipality_b), 2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_the_contact_sees_own_participants_with_partner_municipality_and_meetings(
    world: World, client_for: Callable[[str], Client]
) -> None:
    build_year(world)
    page = client_for("contact_a").get(
        reverse("reports:municipality_view", args=[world.municipality_a.pk])
    )
    html = page.content.decode()
    assert "Ada Adept" in html
    # Ada's mentor is from Enköping: shown as a municipality, never as a name.
    assert "Enköping" in html
    assert "Mona Mentor" not in html
    assert "7 / 7" in html
    # Other municipalities' people stay out.
    assert "Otto Adept" not in html
    assert "Mats Mentor" not in html
    assert AuditEvent.objects.filter(action="municipality.view", actor=world.contact_a).exists()


def test_the_contact_sees_only_own_invoice_basis(
    world: World, client_for: Callable[[str], Client]
) -> None:
    build_year(world)
    html = (
        client_for("contact_b")
        .get(reverse("reports:municipality_view", args=[world.municipality_b.pk]))
        .content.decode()
    )
    assert "Otto Adept" in html
    assert "Ada Adept" not in html
    # Enköping has two participants: 2 × 9 800 SEK.
    assert "19" in html and "600" in html
    assert "68" not in html.split("invoices-heading")[1]


def test_the_municipality_view_costs_the_same_queries_for_more_participants(
    world: World, client_for: Callable[[str], Client], django_assert_max_num_queries
) -> None:
    build_year(world)
    client = client_for("contact_a")
    url = reverse("reports:municipality_view", args=[world.municipality_a.pk])
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    for _index in range(10):
        add_pair(world, world.municipality_a, world.municipality_b)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_a_later_appointment_is_offered_only_for_admitted_participants(
    world: World, client_for: Callable[[str], Client]
) -> None:
    applicant = EnrolmentFactory(
        cohort=world.cohort, municipality=world.municipality_a, status=EnrolmentStatus.APPLIED
    )
    html = (
        client_for("contact_a")
        .get(reverse("reports:municipality_view", args=[world.municipality_a.pk]))
        .content.decode()
    )
    admitted = reverse("reports:appointment_create", args=[world.adept_enrolment.pk])
    applied = reverse("reports:appointment_create", args=[applicant.pk])
    assert f'href="{admitted}"' in html
    assert applicant.person.full_name in html and f'href="{applied}"' not in html

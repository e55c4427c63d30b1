"""The consortium over time: memberships with dates, agreement periods, cohorts in each."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from programmes.models import AgreementPeriod, Membership
from programmes.selectors.consortium import (
    agreement_period_of,
    cohorts_by_agreement_period,
    municipalities_in_cohort,
)
from programmes.services.consortium import agreement_period_create
from tests.factories import CohortFactory, MembershipFactory, MunicipalityFactory

from .factories_running import in_english

pytestmark = pytest.mark.usefixtures("in_english")
__all__ = ["in_english"]

D = datetime.date


def _period_form(**overrides: str) -> dict[str, str]:
    return {
        "name": "2027–2029",
        "starts_on": "2027-01-01",
        "ends_on": "2029-12-31",
        "note": "",
    } | overrides


def test_coordinator_adds_an_agreement_period_and_sees_its_cohorts(world, client_for) -> None:
    CohortFactory(
        programme=world.programme, name="2027/28", starts_on=D(2027, 8, 1), ends_on=D(2028, 6, 30)
    )
    client = client_for("coordinator")
    response = client.post(
        reverse("programmes:agreement_period_create", kwargs={"programme_pk": world.programme.pk}),
        _period_form(note="Programmet fortsätter tre år till."),
    )
    assert response.status_code == 302
    page = client.get(
        reverse("programmes:consortium_detail", kwargs={"programme_pk": world.programme.pk})
    ).content.decode()
    assert "2027–2029" in page and "2027/28" in page and "tre år till" in page


def test_a_participant_sees_the_other_cohorts_without_a_link_that_would_refuse_them(
    world, client_for
) -> None:
    later = CohortFactory(
        programme=world.programme, name="2027/28", starts_on=D(2027, 8, 1), ends_on=D(2028, 6, 30)
    )
    url = reverse("programmes:consortium_detail", kwargs={"programme_pk": world.programme.pk})
    page = client_for("adept").get(url).content.decode()
    own = reverse("programmes:cohort_detail", kwargs={"pk": world.cohort.pk})
    other = reverse("programmes:cohort_detail", kwargs={"pk": later.pk})
    assert "2027/28" in page and f'href="{other}"' not in page
    assert f'href="{own}"' in page
    assert client_for("adept").get(other).status_code == 404
    assert f'href="{other}"' in client_for("coordinator").get(url).content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_on": "2026-12-31"}, "The agreement period must end after it starts."),
        ({"starts_on": "2029-01-01", "ends_on": "2031-12-31"}, "The period overlaps 2024–2026"),
    ],
)
def test_a_bad_agreement_period_is_refused_and_nothing_changes(
    world, client_for, overrides, message
) -> None:
    agreement_period_create(
        programme=world.programme,
        name="2024–2026",
        starts_on=D(2024, 1, 1),
        ends_on=D(2026, 12, 31),
    )
    if "2029" in overrides.get("starts_on", ""):
        AgreementPeriod.objects.update(name="2024–2026", ends_on=D(2029, 6, 30))
    response = client_for("coordinator").post(
        reverse("programmes:agreement_period_create", kwargs={"programme_pk": world.programme.pk}),
        _period_form(**overrides),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert AgreementPeriod.objects.count() == 1


def test_a_membership_that_ends_before_it_starts_is_refused(world, client_for) -> None:
    newcomer = MunicipalityFactory(name="Upplands Väsby", code="0114")
    response = client_for("coordinator").post(
        reverse("programmes:membership_create", kwargs={"programme_pk": world.programme.pk}),
        {"municipality": newcomer.pk, "joined_on": "2027-01-01", "left_on": "2026-01-01"},
    )
    assert "A municipality cannot leave before it joins." in response.content.decode()
    assert not Membership.objects.filter(municipality=newcomer).exists()


def test_an_overlapping_membership_is_refused(world, client_for) -> None:
    response = client_for("coordinator").post(
        reverse("programmes:membership_create", kwargs={"programme_pk": world.programme.pk}),
        {"municipality": world.municipality_a.pk, "joined_on": "2027-01-01", "left_on": ""},
    )
    assert "is already a member of" in response.content.decode()
    assert Membership.objects.filter(municipality=world.municipality_a).count() == 1


def test_a_municipality_that_joins_mid_period_appears_in_new_cohorts_from_its_joining_date(
    world,
) -> None:
    programme = world.programme
    agreement_period_create(
        programme=programme, name="2024–2026", starts_on=D(2024, 1, 1), ends_on=D(2026, 12, 31)
    )
    early = CohortFactory(
        programme=programme, name="2024", starts_on=D(2024, 2, 1), ends_on=D(2024, 12, 15)
    )
    late = CohortFactory(
        programme=programme, name="2026", starts_on=D(2026, 2, 1), ends_on=D(2026, 12, 15)
    )
    newcomer = MunicipalityFactory(name="Östhammar", code="0382")
    MembershipFactory(programme=programme, municipality=newcomer, joined_on=D(2025, 7, 1))
    assert "Östhammar" not in [m.name for m in municipalities_in_cohort(early)]
    in_late = {m.name: m.member_from for m in municipalities_in_cohort(late)}
    assert in_late["Östhammar"] == D(2025, 7, 1)
    assert in_late["Håbo"] == D(2024, 1, 1)
    assert agreement_period_of(late).name == "2024–2026"


def test_a_municipality_that_left_is_not_in_later_cohorts(world) -> None:
    Membership.objects.filter(municipality=world.municipality_c).update(left_on=D(2024, 6, 30))
    later = CohortFactory(
        programme=world.programme, starts_on=D(2025, 2, 1), ends_on=D(2025, 12, 1)
    )
    assert "Knivsta" not in [m.name for m in municipalities_in_cohort(later)]


def test_cohorts_outside_any_period_are_grouped_last(world) -> None:
    agreement_period_create(
        programme=world.programme,
        name="2030–2032",
        starts_on=D(2030, 1, 1),
        ends_on=D(2032, 12, 31),
    )
    groups = cohorts_by_agreement_period(world.programme)
    assert groups[0].period.name == "2030–2032" and groups[0].cohorts == []
    assert groups[-1].period is None and world.cohort in groups[-1].cohorts

"""The fee of the participant's role: adepts and mentors may pay differently, or nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from fees.models import FeeLine, InvoiceBasis
from fees.services import invoice_bases_prepare
from programmes.models import Enrolment, EnrolmentStatus, Programme, Role
from programmes.services.enrolment import enrolment_admit, enrolment_withdraw
from tests.factories import CohortFactory, EnrolmentFactory
from tests.programmes.factories_running import in_english

pytestmark = pytest.mark.usefixtures("in_english")
__all__ = ["in_english"]


def _fees(programme: Programme, *, adept: str, mentor: str) -> None:
    programme.fee_sek = Decimal(adept)
    programme.mentor_fee_sek = Decimal(mentor)
    programme.save(update_fields=["fee_sek", "mentor_fee_sek"])


def _application(world, role: str, municipality) -> Enrolment:  # type: ignore[no-untyped-def]
    cohort = CohortFactory(
        programme=world.programme,
        name="2027/28",
        starts_on=timezone.localdate() + datetime.timedelta(days=30),
        ends_on=timezone.localdate() + datetime.timedelta(days=400),
    )
    return EnrolmentFactory(
        cohort=cohort,
        role=role,
        municipality=municipality,
        status=EnrolmentStatus.APPLIED,
        completed_at=timezone.now(),
    )


def test_an_admitted_adept_is_billed_the_adept_fee(world) -> None:
    _fees(world.programme, adept="9800", mentor="4500")
    enrolment = _application(world, Role.ADEPT, world.municipality_a)
    enrolment_admit(enrolment=enrolment, actor=world.coordinator)
    line = FeeLine.objects.get(enrolment=enrolment)
    assert line.amount == Decimal("9800")
    assert line.basis.municipality == world.municipality_a


def test_an_admitted_mentor_is_billed_the_mentor_fee(world) -> None:
    _fees(world.programme, adept="9800", mentor="4500")
    enrolment = _application(world, Role.MENTOR, world.municipality_b)
    enrolment_admit(enrolment=enrolment, actor=world.coordinator)
    assert FeeLine.objects.get(enrolment=enrolment).amount == Decimal("4500")


def test_a_mentor_of_a_programme_where_mentors_are_free_makes_no_line_nor_basis(world) -> None:
    _fees(world.programme, adept="9800", mentor="0")
    enrolment = _application(world, Role.MENTOR, world.municipality_c)
    enrolment_admit(enrolment=enrolment, actor=world.coordinator)
    assert not FeeLine.objects.filter(enrolment=enrolment).exists()
    assert not InvoiceBasis.objects.filter(cohort=enrolment.cohort).exists()


def test_withdrawal_before_the_deadline_still_removes_the_role_fee(world) -> None:
    _fees(world.programme, adept="9800", mentor="4500")
    enrolment = _application(world, Role.MENTOR, world.municipality_b)
    enrolment_admit(enrolment=enrolment, actor=world.coordinator)
    enrolment_withdraw(enrolment=enrolment, actor=enrolment.person)
    assert not FeeLine.objects.filter(enrolment=enrolment).exists()


def test_preparing_bases_bills_each_role_its_fee_and_free_roles_nothing(world) -> None:
    _fees(world.programme, adept="9800", mentor="0")
    assert invoice_bases_prepare(cohort=world.cohort) == 2
    amounts = dict(
        FeeLine.objects.filter(basis__cohort=world.cohort).values_list("enrolment__role", "amount")
    )
    assert amounts == {Role.ADEPT: Decimal("9800")}
    # Knivsta sent only a mentor: nothing to invoice, no basis.
    assert not InvoiceBasis.objects.filter(municipality=world.municipality_c).exists()


def _programme_post(programme: Programme, **changes: str) -> dict[str, object]:
    return {
        "name": programme.name,
        "kind": programme.kind,
        "description": programme.description,
        "admission_rule": programme.admission_rule,
        "fee_sek": "9800",
        "mentor_fee_sek": "0",
        "fee_includes": "Ledarprofil",
        "planned_meetings": programme.planned_meetings,
        "meeting_minutes": programme.meeting_minutes,
        **changes,
    }


def test_the_coordinator_sets_the_fee_of_each_role_on_the_programme_form(world, client_for) -> None:
    client = client_for("coordinator")
    url = reverse("programmes:programme_edit", kwargs={"pk": world.programme.pk})
    form = client.get(url).content.decode()
    assert 'name="fee_sek"' in form and 'name="mentor_fee_sek"' in form
    assert "0 if mentors take part free." in form
    response = client.post(url, _programme_post(world.programme))
    assert response.status_code == 302
    world.programme.refresh_from_db()
    assert (world.programme.fee_sek, world.programme.mentor_fee_sek) == (
        Decimal("9800"),
        Decimal("0"),
    )
    page = client.get(reverse("programmes:programme_detail", kwargs={"pk": world.programme.pk}))
    assert "9\xa0800,00\xa0kr per adept, 0,00\xa0kr per mentor" in page.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("mentor_fee_sek", "-1", "Ensure this value is greater than or equal to 0."),
        ("mentor_fee_sek", "", "This field is required."),
        ("fee_sek", "gratis", "Enter a number."),
    ],
)
def test_a_bad_fee_is_refused_with_a_message_and_changes_nothing(
    world, client_for, field: str, value: str, message: str
) -> None:
    before = (world.programme.fee_sek, world.programme.mentor_fee_sek)
    response = client_for("coordinator").post(
        reverse("programmes:programme_edit", kwargs={"pk": world.programme.pk}),
        _programme_post(world.programme, **{field: value}),
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    world.programme.refresh_from_db()
    assert (world.programme.fee_sek, world.programme.mentor_fee_sek) == before


def test_a_bad_fee_is_refused_in_swedish_for_a_swedish_reader(world, client_for) -> None:
    world.coordinator.preferred_language = "sv"
    world.coordinator.save(update_fields=["preferred_language"])
    response = client_for("coordinator").post(
        reverse("programmes:programme_edit", kwargs={"pk": world.programme.pk}),
        _programme_post(world.programme, mentor_fee_sek="-1"),
    )
    text = response.content.decode()
    assert "Avgift per mentor och år (kr)" in text
    assert "Kontrollera att detta värde är större än eller lika med 0." in text
    world.programme.refresh_from_db()
    assert world.programme.mentor_fee_sek == Decimal("9800")

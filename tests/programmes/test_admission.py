"""Admission by each rule: first come first served with a waiting list, and selection."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from fees.models import FeeLine
from programmes.models import AdmissionRule, EnrolmentStatus, Role
from programmes.services.enrolment import (
    consent_answer,
    consent_link,
    enrolment_admit,
    enrolment_withdraw,
)
from tests.factories import MunicipalityFactory

from .factories_enrolment import ConsentRequestFactory, committed, english, open_cohort

__all__ = ["committed", "english"]

pytestmark = pytest.mark.django_db


def _token(consent) -> str:
    return consent_link(consent=consent).rstrip("/").rsplit("/", 1)[1]


def _applicants(cohort, count: int, role: str = Role.ADEPT, municipality=None):
    return [
        ConsentRequestFactory(
            enrolment__cohort=cohort,
            enrolment__role=role,
            **({"enrolment__municipality": municipality} if municipality else {}),
        )
        for _n in range(count)
    ]


def _status(consent) -> str:
    consent.enrolment.refresh_from_db()
    return consent.enrolment.status


def test_open_rule_admits_in_order_of_consent_then_fills_the_waiting_list(
    outbox, committed
) -> None:
    cohort = open_cohort(rule=AdmissionRule.OPEN, places=2)
    first, second, third, fourth = _applicants(cohort, 4)
    # The fourth applicant's manager answers first: completion, not application, decides.
    for consent in (fourth, second, first, third):
        committed(consent_answer, token=_token(consent), agreed=True)
    assert [_status(c) for c in (fourth, second, first, third)] == [
        EnrolmentStatus.ADMITTED,
        EnrolmentStatus.ADMITTED,
        EnrolmentStatus.WAITING,
        EnrolmentStatus.WAITING,
    ]
    subjects = {m.to[0]: m.subject for m in outbox}
    assert "waiting list" in subjects[first.enrolment.person.email]
    assert "admitted" in subjects[fourth.enrolment.person.email]
    assert FeeLine.objects.filter(enrolment__cohort=cohort).count() == 2


def test_withdrawal_promotes_the_first_on_the_waiting_list_who_is_emailed(
    outbox, committed
) -> None:
    cohort = open_cohort(rule=AdmissionRule.OPEN, places=1)
    admitted, first_waiting, second_waiting = _applicants(cohort, 3)
    for consent in (admitted, first_waiting, second_waiting):
        committed(consent_answer, token=_token(consent), agreed=True)
    outbox.clear()
    committed(enrolment_withdraw, enrolment=admitted.enrolment, actor=admitted.enrolment.person)
    assert _status(admitted) == EnrolmentStatus.WITHDRAWN
    assert _status(first_waiting) == EnrolmentStatus.ADMITTED
    assert _status(second_waiting) == EnrolmentStatus.WAITING
    assert [m.to[0] for m in outbox] == [first_waiting.enrolment.person.email]
    assert "place" in outbox[0].subject
    assert FeeLine.objects.filter(enrolment=first_waiting.enrolment).exists()


def test_withdrawal_before_the_deadline_removes_the_fee_line() -> None:
    cohort = open_cohort(rule=AdmissionRule.OPEN, places=5)
    cohort.withdrawal_fee_deadline = timezone.localdate() + datetime.timedelta(days=3)
    cohort.save()
    (consent,) = _applicants(cohort, 1)
    consent_answer(token=_token(consent), agreed=True)
    line = FeeLine.objects.get(enrolment=consent.enrolment)
    assert line.amount == cohort.programme.fee_sek
    enrolment_withdraw(enrolment=consent.enrolment, actor=consent.enrolment.person)
    assert not FeeLine.objects.filter(enrolment=consent.enrolment).exists()


def test_withdrawal_after_the_deadline_keeps_the_fee_line() -> None:
    cohort = open_cohort(rule=AdmissionRule.OPEN, places=5)
    cohort.withdrawal_fee_deadline = timezone.localdate() - datetime.timedelta(days=1)
    cohort.save()
    (consent,) = _applicants(cohort, 1)
    consent_answer(token=_token(consent), agreed=True)
    enrolment_withdraw(enrolment=consent.enrolment, actor=consent.enrolment.person)
    assert FeeLine.objects.filter(enrolment=consent.enrolment).count() == 1


def _selection(world):
    cohort = open_cohort(rule=AdmissionRule.SELECTION, places=1, programme=world.programme)
    return cohort


def test_coordinator_admits_a_complete_application_and_the_fee_line_follows(
    world, client_for, outbox, committed
) -> None:
    cohort = _selection(world)
    (consent,) = _applicants(cohort, 1, municipality=world.municipality_a)
    consent_answer(token=_token(consent), agreed=True)
    response = committed(
        client_for("coordinator").post,
        reverse("programmes:application_decide", args=[consent.enrolment.pk]),
        {"decision": "admit"},
    )
    assert response.status_code == 302
    assert _status(consent) == EnrolmentStatus.ADMITTED
    line = FeeLine.objects.get(enrolment=consent.enrolment)
    assert line.basis.municipality == world.municipality_a
    assert AuditEvent.objects.filter(action="enrolment.admit", actor=world.coordinator).exists()
    assert "admitted" in outbox[-1].subject


def test_coordinator_declines_with_a_reason_the_applicant_reads(
    world, client_for, outbox, committed
) -> None:
    cohort = _selection(world)
    (consent,) = _applicants(cohort, 1)
    consent_answer(token=_token(consent), agreed=True)
    committed(
        client_for("coordinator").post,
        reverse("programmes:application_decide", args=[consent.enrolment.pk]),
        {"decision": "decline", "reason": "Du passar bättre nästa år."},
    )
    assert _status(consent) == EnrolmentStatus.DECLINED
    assert "Du passar bättre nästa år." in outbox[-1].body


def test_declining_without_a_reason_is_refused_and_changes_nothing(world, client_for) -> None:
    cohort = _selection(world)
    (consent,) = _applicants(cohort, 1)
    consent_answer(token=_token(consent), agreed=True)
    response = client_for("coordinator").post(
        reverse("programmes:application_decide", args=[consent.enrolment.pk]),
        {"decision": "decline", "reason": " "},
        follow=True,
    )
    assert "Give a reason" in response.content.decode()
    assert _status(consent) == EnrolmentStatus.APPLIED


def test_admitting_into_a_full_cohort_is_refused(world) -> None:
    cohort = _selection(world)
    one, two = _applicants(cohort, 2)
    for consent in (one, two):
        consent_answer(token=_token(consent), agreed=True)
    enrolment_admit(enrolment=one.enrolment, actor=world.coordinator)
    with pytest.raises(ValidationError, match="All places"):
        enrolment_admit(enrolment=two.enrolment, actor=world.coordinator)
    assert _status(two) == EnrolmentStatus.APPLIED


def test_an_application_without_consent_cannot_be_admitted(world) -> None:
    cohort = _selection(world)
    (consent,) = _applicants(cohort, 1)
    with pytest.raises(ValidationError, match="not complete"):
        enrolment_admit(enrolment=consent.enrolment, actor=world.coordinator)
    assert not FeeLine.objects.filter(enrolment=consent.enrolment).exists()


def test_the_other_coordinator_cannot_decide(world, client_for) -> None:
    cohort = _selection(world)
    (consent,) = _applicants(cohort, 1)
    consent_answer(token=_token(consent), agreed=True)
    response = client_for("other_coordinator").post(
        reverse("programmes:application_decide", args=[consent.enrolment.pk]),
        {"decision": "admit"},
    )
    assert response.status_code == 404
    assert _status(consent) == EnrolmentStatus.APPLIED


def test_municipality_contact_sees_own_municipalitys_applications_only(world, client_for) -> None:
    cohort = _selection(world)
    (own,) = _applicants(cohort, 1, municipality=world.municipality_a)
    (other,) = _applicants(cohort, 1, municipality=world.municipality_b)
    page = client_for("contact_a").get(reverse("programmes:cohort_applications", args=[cohort.pk]))
    content = page.content.decode()
    assert own.enrolment.person.full_name in content
    assert other.enrolment.person.full_name not in content
    assert 'name="decision"' not in content


def test_coordinators_application_list_costs_a_constant_number_of_queries(
    world, client_for, django_assert_max_num_queries
) -> None:
    cohort = _selection(world)
    client = client_for("coordinator")
    url = reverse("programmes:cohort_applications", args=[cohort.pk])
    _applicants(cohort, 3, municipality=MunicipalityFactory())
    client.get(url)
    with django_assert_max_num_queries(16) as few:
        client.get(url)
    _applicants(cohort, 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert page.content.decode().count('name="decision"') == 0  # none is complete yet


def test_coordinator_and_contact_find_the_cohorts_to_review(world, client_for) -> None:
    url = reverse("programmes:my_applications")
    review = reverse("programmes:cohort_applications", args=[world.cohort.pk])
    assert review in client_for("coordinator").get(url).content.decode()
    assert review in client_for("contact_a").get(url).content.decode()
    assert review not in client_for("other_coordinator").get(url).content.decode()
    assert review not in client_for("adept").get(url).content.decode()

"""The nearest manager agrees or declines through a signed, expiring, single-use link."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from notifications.models import Delivery
from programmes.models import AdmissionRule, EnrolmentStatus
from programmes.services.enrolment import CONSENT_SALT, consent_link, consent_reminders_send
from programmes.tasks import sweep

from .factories_enrolment import ConsentRequestFactory, committed, english, open_cohort

__all__ = ["committed", "english"]

pytestmark = pytest.mark.django_db


def _path(consent) -> str:
    return urlsplit(consent_link(consent=consent)).path


def _pending(rule: str = AdmissionRule.OPEN, places: int = 40):
    cohort = open_cohort(rule=rule, places=places)
    return ConsentRequestFactory(enrolment__cohort=cohort)


def test_manager_without_account_sees_who_asks_and_agrees(client, outbox, committed) -> None:
    consent = _pending()
    page = client.get(_path(consent))
    assert consent.enrolment.person.full_name in page.content.decode()
    response = committed(client.post, _path(consent), {"answer": "yes", "comment": "Lycka till"})
    assert "You agreed" in response.content.decode()
    consent.refresh_from_db()
    assert consent.agreed is True
    assert consent.comment == "Lycka till"
    enrolment = consent.enrolment
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert enrolment.status == EnrolmentStatus.ADMITTED
    assert [m.to for m in outbox] == [[enrolment.person.email]]
    assert "admitted" in outbox[0].subject or "antagen" in outbox[0].subject


def test_manager_declines_and_the_applicant_is_told(client, outbox, committed) -> None:
    consent = _pending()
    committed(client.post, _path(consent), {"answer": "no", "comment": "Inte i år"})
    consent.enrolment.refresh_from_db()
    assert consent.enrolment.status == EnrolmentStatus.DECLINED
    assert consent.enrolment.completed_at is None
    assert "Inte i år" in outbox[0].body


def test_selection_programme_waits_for_the_coordinator_after_consent(client) -> None:
    consent = _pending(rule=AdmissionRule.SELECTION)
    client.post(_path(consent), {"answer": "yes"})
    consent.enrolment.refresh_from_db()
    assert consent.enrolment.status == EnrolmentStatus.APPLIED
    assert consent.enrolment.completed_at is not None


def test_a_used_link_says_so_and_changes_nothing(client) -> None:
    consent = _pending()
    client.post(_path(consent), {"answer": "no", "comment": "Nej"})
    response = client.post(_path(consent), {"answer": "yes", "comment": "Ja ändå"})
    assert "already been used" in response.content.decode()
    consent.refresh_from_db()
    assert consent.agreed is False
    assert consent.comment == "Nej"
    assert client.get(_path(consent)).content.decode().count("already been used") == 1


def test_a_tampered_link_says_so_and_changes_nothing(client) -> None:
    consent = _pending()
    path = _path(consent)
    tampered = path.replace(f"/{consent.pk}:", f"/{consent.pk + 1}:")
    other = ConsentRequestFactory(enrolment__cohort=consent.enrolment.cohort)
    assert other.pk == consent.pk + 1
    response = client.post(tampered, {"answer": "yes"})
    assert "not valid" in response.content.decode()
    other.refresh_from_db()
    assert other.decided_at is None
    assert "not valid" in client.get(path[:-3] + "abc/").content.decode()


def test_an_expired_link_says_so_and_changes_nothing(client, monkeypatch) -> None:
    consent = _pending()
    path = _path(consent)
    later = timezone.now() + datetime.timedelta(days=15)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())
    response = client.post(path, {"answer": "yes"})
    assert "expired" in response.content.decode()
    consent.refresh_from_db()
    assert consent.decided_at is None


def test_a_link_for_a_withdrawn_application_changes_nothing(client) -> None:
    consent = _pending()
    consent.enrolment.status = EnrolmentStatus.WITHDRAWN
    consent.enrolment.save()
    response = client.post(_path(consent), {"answer": "yes"})
    assert "withdrawn or decided" in response.content.decode()
    consent.refresh_from_db()
    assert consent.decided_at is None


def test_a_link_signed_for_another_purpose_is_refused(client) -> None:
    consent = _pending()
    forged = signing.TimestampSigner(salt="another.salt").sign(f"{consent.pk}:{consent.nonce}")
    response = client.post(f"/consent/{forged}/", {"answer": "yes"})
    assert "not valid" in response.content.decode()
    consent.refresh_from_db()
    assert consent.decided_at is None
    assert CONSENT_SALT == "programmes.consent"


def test_sweep_reminds_managers_who_have_not_answered_once_per_interval(outbox) -> None:
    consent = _pending()
    fresh = _pending()
    consent.asked_at = timezone.now() - datetime.timedelta(days=5)
    consent.save()
    assert sweep()["consent_reminders"] == 1
    assert [m.to for m in outbox] == [[consent.manager_email]]
    assert "/consent/" in outbox[0].body
    assert sweep()["consent_reminders"] == 0
    later = timezone.now() + datetime.timedelta(days=4)
    assert consent_reminders_send(now=later) == 2  # the second for consent, the first for fresh
    assert Delivery.objects.filter(kind="consent_reminder").count() == 3
    assert fresh.manager_email in [m.to[0] for m in outbox]


def test_answered_consents_get_no_reminder(client, outbox) -> None:
    consent = _pending()
    client.post(_path(consent), {"answer": "yes"})
    outbox.clear()
    later = timezone.now() + datetime.timedelta(days=10)
    assert consent_reminders_send(now=later) == 0
    assert outbox == []


def test_coordinator_sees_who_is_still_waiting_for_consent(world, client_for) -> None:
    consent = ConsentRequestFactory(enrolment__cohort=world.cohort, manager_name="Bertil Väntande")
    page = client_for("coordinator").get(
        reverse("programmes:cohort_applications", args=[world.cohort.pk])
    )
    waiting = page.content.decode().split("waiting-consent-heading", 1)[1].split("</section>")[0]
    assert "Bertil Väntande" in waiting
    assert consent.enrolment.person.full_name in waiting

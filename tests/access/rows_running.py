"""Access rows for running the programme: events, resources, fees, messages, the consortium."""

from __future__ import annotations

import datetime

from django.utils import timezone

from events.models import Audience, Event, EventKind, Resource
from fees.models import InvoiceBasis
from fees.services import fee_line_for_admission
from programmes.models import AgreementPeriod, CohortMessage, MessageAudience
from tests.world import World

from .table import FORBIDDEN, NOT_ALLOWED, OK, REDIRECT, STAFF, Row, expect, only

ALL_SIGNED_IN = expect(200)
# Managers of P's member municipalities (the world's participants and both contacts) and staff.
CONSORTIUM_PEOPLE = ("adept", "mentor", "other_mentor", "contact_a", "contact_b", *STAFF)
COHORT_PEOPLE = ("adept", "mentor", "other_mentor", *STAFF)


def _event(w: World) -> dict[str, int]:
    starts = timezone.now() + datetime.timedelta(days=7)
    event, _created = Event.objects.get_or_create(
        programme=w.programme,
        title="Ledardag",
        defaults={
            "kind": EventKind.LEADER_DAY,
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=6),
            "place": "Kungsbacka",
            "capacity": 340,
            "audience": Audience.MANAGERS,
        },
    )
    return {"pk": event.pk}


def _waiting_message(w: World) -> dict[str, int]:
    message = CohortMessage.objects.create(
        cohort=w.cohort,
        audience=MessageAudience.COHORT,
        subject="Snart",
        body="Vi ses.",
        scheduled_for=timezone.now() + datetime.timedelta(days=1),
    )
    return {"cohort_pk": w.cohort.pk, "pk": message.pk}


def _resource(w: World) -> dict[str, int]:
    resource, _created = Resource.objects.get_or_create(
        programme=w.programme,
        cohort=w.cohort,
        title="Digital mentorbok",
        defaults={"url": "https://example.se/mentorbok"},
    )
    return {"pk": resource.pk}


def _basis(w: World) -> InvoiceBasis:
    fee_line_for_admission(enrolment=w.adept_enrolment)
    return InvoiceBasis.objects.get(cohort=w.cohort, municipality=w.municipality_a)


def _period(w: World) -> dict[str, int]:
    period, _created = AgreementPeriod.objects.get_or_create(
        programme=w.programme,
        name="2027–2029",
        defaults={"starts_on": datetime.date(2027, 1, 1), "ends_on": datetime.date(2029, 12, 31)},
    )
    return {"pk": period.pk}


def _posted(*allowed: str) -> dict[str, int]:
    return only(*allowed, status=REDIRECT)


ROWS = [
    Row("events:event_list", ALL_SIGNED_IN),
    Row(
        "events:event_create",
        only(*STAFF),
        kwargs=lambda w: {"programme_pk": w.programme.pk},
    ),
    Row(
        "events:event_detail",
        only(*CONSORTIUM_PEOPLE),
        kwargs=_event,
        why="An event for all managers: everyone tied to a member municipality, and staff.",
    ),
    Row("events:event_edit", only(*STAFF), kwargs=_event),
    Row("events:event_call_off", only(*STAFF), kwargs=_event, why="The confirmation."),
    Row("events:event_register", _posted(*CONSORTIUM_PEOPLE), kwargs=_event, method="post"),
    Row("events:event_cancel", _posted(*CONSORTIUM_PEOPLE), kwargs=_event, method="post"),
    Row("events:event_attendance", only(*STAFF), kwargs=_event),
    Row(
        "events:event_attendance_bulk",
        _posted(*STAFF),
        kwargs=_event,
        method="post",
        why="Nothing chosen: back to the list with a message.",
    ),
    Row("events:event_export", only(*STAFF), kwargs=_event),
    Row("events:event_ics", only(*CONSORTIUM_PEOPLE), kwargs=_event),
    Row("events:resource_list", ALL_SIGNED_IN),
    Row(
        "events:resource_create",
        only(*STAFF),
        kwargs=lambda w: {"programme_pk": w.programme.pk},
    ),
    Row(
        "events:resource_download",
        _posted(*COHORT_PEOPLE),
        kwargs=_resource,
        why="A link resource redirects those allowed; the cohort's participants and staff.",
    ),
    Row("events:resource_delete", only(*STAFF), kwargs=_resource, why="The confirmation."),
    Row("fees:invoice_basis_list", ALL_SIGNED_IN),
    Row(
        "fees:invoice_bases_prepare",
        _posted(*STAFF),
        kwargs=lambda w: {"cohort_pk": w.cohort.pk},
        method="post",
    ),
    Row(
        "fees:invoice_basis_detail",
        only("contact_a", *STAFF),
        kwargs=lambda w: {"pk": _basis(w).pk},
        why="Municipality A's money: its contact (read-only) and the coordinators.",
    ),
    Row("fees:fee_line_create", only(*STAFF), kwargs=lambda w: {"pk": _basis(w).pk}),
    Row(
        "fees:fee_line_edit",
        only(*STAFF),
        kwargs=lambda w: {"pk": _basis(w).lines.first().pk},
    ),
    Row(
        "fees:invoice_basis_send",
        _posted(*STAFF),
        kwargs=lambda w: {"pk": _basis(w).pk},
        method="post",
    ),
    Row(
        "fees:invoice_basis_pay",
        _posted(*STAFF),
        kwargs=lambda w: {"pk": _basis(w).pk},
        method="post",
    ),
    Row(
        "fees:invoice_basis_csv",
        only("contact_a", *STAFF),
        kwargs=lambda w: {"pk": _basis(w).pk},
    ),
    Row(
        "fees:invoice_basis_pdf",
        only("contact_a", *STAFF),
        kwargs=lambda w: {"pk": _basis(w).pk},
    ),
    Row(
        "fees:buyer_details_edit",
        expect(FORBIDDEN, coordinator=OK, other_coordinator=OK, administrator=OK),
        kwargs=lambda w: {"pk": w.municipality_a.pk},
        why="As the municipality itself: those who keep the consortium's register.",
    ),
    Row("programmes:message_list", only(*STAFF), kwargs=lambda w: {"cohort_pk": w.cohort.pk}),
    Row("programmes:message_create", only(*STAFF), kwargs=lambda w: {"cohort_pk": w.cohort.pk}),
    Row("programmes:message_cancel", expect(NOT_ALLOWED), kwargs=_waiting_message),
    Row(
        "programmes:message_cancel",
        only(*STAFF, status=REDIRECT),
        kwargs=_waiting_message,
        method="post",
    ),
    Row(
        "programmes:bounce_correct",
        only(*STAFF),
        kwargs=lambda w: {"cohort_pk": w.cohort.pk, "person_pk": w.adept.pk},
        why="the cohort's coordinators correct a participant's address that mail bounced from",
    ),
    Row(
        "programmes:consortium_detail",
        only(*CONSORTIUM_PEOPLE),
        kwargs=lambda w: {"programme_pk": w.programme.pk},
    ),
    Row(
        "programmes:agreement_period_create",
        only(*STAFF),
        kwargs=lambda w: {"programme_pk": w.programme.pk},
    ),
    Row("programmes:agreement_period_edit", only(*STAFF), kwargs=_period),
]

__all__ = ["ROWS"]

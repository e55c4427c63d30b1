"""The journey mails of an event for a cohort: the invitation when it is created, and a notice
to those invited or registered when its time or place changes.

Each is an outbox row per person in the transaction of the change, sent on commit: an
invitation once per event, a notice once per change (the key holds the moment of the
change). An open event, or one for every manager, has no list of people and is announced
otherwise. A programme that has switched the mails off (Programme.mails_event_invitation)
gets none queued.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from events.mails import journey_context
from events.models import Audience, Event, RegistrationStatus
from events.services.session_participants import expected_enrolments
from notifications.models import Delivery
from notifications.services import (
    DeliveryNotNeeded,
    Notification,
    deliveries_queue,
    deliveries_queue_new,
    delivery_sender,
)
from programmes.models import Enrolment, Role
from programmes.services.mail_templates import programme_mail_send

EVENT_INVITATION_KIND = "event_invitation"
EVENT_CHANGED_KIND = "event_changed"


@dataclass(frozen=True)
class EventWhereAndWhen:
    """What a participant plans around: a change to any of it is news to them."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    online_url: str

    @classmethod
    def of(cls, event: Event) -> EventWhereAndWhen:
        return cls(event.starts_at, event.ends_at, event.place, event.online_url)


def mails_enabled(event: Event) -> bool:
    """A coming event of a programme that mails its events (past ones are entered afterwards)."""
    return event.programme.mails_event_invitation and event.starts_at > timezone.now()


def event_audience_ids(event: Event) -> set[int]:
    """The people an event is for: its cohort's admitted participants (the adepts alone when it
    is for them) and everyone invited by name."""
    ids = set(Event.invitees.through.objects.filter(event=event).values_list("user_id", flat=True))
    if event.audience == Audience.COHORT:
        ids |= set(expected_enrolments(event).values_list("person_id", flat=True))
    return ids


def invitation_key(event_id: int) -> str:
    return f"event:{event_id}:invitation"


def _queue(kind: str, key: str, person_ids: set[int], payload: dict[str, object]) -> int:
    return deliveries_queue(
        Notification(kind=kind, key=key, recipient_id=person_id, payload=payload)
        for person_id in sorted(person_ids)
    )


def event_invitations_queue(*, event: Event) -> int:
    """Invites the event's audience, in the caller's transaction; the mails leave on commit."""
    if not mails_enabled(event):
        return 0
    return _queue(
        EVENT_INVITATION_KIND,
        invitation_key(event.pk),
        event_audience_ids(event),
        {"event_id": event.pk},
    )


def event_invitations_queue_for(*, enrolment: Enrolment) -> int:
    """Invites a participant admitted after the events were created to those still ahead."""
    events = Event.objects.filter(
        cohort_id=enrolment.cohort_id,
        audience=Audience.COHORT,
        starts_at__gt=timezone.now(),
        programme__mails_event_invitation=True,
    )
    if enrolment.role != Role.ADEPT:
        events = events.filter(for_adepts_only=False)
    return deliveries_queue_new(
        Notification(
            kind=EVENT_INVITATION_KIND,
            key=invitation_key(event_id),
            recipient_id=enrolment.person_id,
            payload={"event_id": event_id},
        )
        for event_id in events.order_by("starts_at", "pk").values_list("pk", flat=True)
    )


def event_change_queue(*, event: Event, before: EventWhereAndWhen) -> int:
    """Tells those invited or registered (not those who cancelled) that the time or place of
    the event changed; nothing when neither did."""
    if EventWhereAndWhen.of(event) == before or not mails_enabled(event):
        return 0
    statuses = dict(event.registrations.values_list("person_id", "status"))
    cancelled = {p for p, status in statuses.items() if status == RegistrationStatus.CANCELLED}
    told = (event_audience_ids(event) - cancelled) | (statuses.keys() - cancelled)
    return _queue(
        EVENT_CHANGED_KIND,
        f"event:{event.pk}:changed:{event.updated_at:%Y%m%d%H%M%S%f}",
        told,
        {
            "event_id": event.pk,
            "was_starts_at": before.starts_at.isoformat(),
            "was_place": before.place,
        },
    )


# Each kind's mail in the mail registry (events/mails.py), which a programme can reword.
MAIL_KEYS = {EVENT_INVITATION_KIND: "event_invitation", EVENT_CHANGED_KIND: "event_changed"}


def event_mail_send(delivery: Delivery) -> str:
    event = (
        Event.objects.select_related("programme", "cohort")
        .filter(
            pk=delivery.payload["event_id"],
            starts_at__gt=timezone.now(),
            cancelled_at__isnull=True,
        )
        .first()
    )
    if event is None:
        raise DeliveryNotNeeded  # removed, cancelled, or already begun
    was_starts_at = delivery.payload.get("was_starts_at")
    return programme_mail_send(
        key=MAIL_KEYS[delivery.kind],
        programme=event.programme,
        to=delivery.recipient,
        context=journey_context(
            event,
            was_starts_at=datetime.datetime.fromisoformat(was_starts_at) if was_starts_at else None,
            was_place=delivery.payload.get("was_place", ""),
        ),
    )


delivery_sender(EVENT_INVITATION_KIND)(event_mail_send)
delivery_sender(EVENT_CHANGED_KIND)(event_mail_send)

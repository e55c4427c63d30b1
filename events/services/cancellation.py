"""Cancelling an event (a leader day, a kickoff), as opposed to a person's place at it.

The event stays, marked cancelled with the coordinator's note: the people registered find
out on its page, in their calendar feed (STATUS:CANCELLED) and by mail, and the figures of
the cohort's year leave it out. A cohort's session is removed instead
(events.services.sessions.session_delete), since every participant is expected at it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from events.mails import journey_context
from events.models import Event, RegistrationStatus
from events.services.event_mails import event_audience_ids
from notifications.models import Delivery
from notifications.services import (
    DeliveryNotNeeded,
    Notification,
    deliveries_queue,
    delivery_sender,
)
from programmes.services.mail_templates import programme_mail_send

EVENT_CANCELLED_KIND = "event_cancelled"
NOTE_MAX_LENGTH = 2000


def event_locked(event: Event) -> Event:
    """The event's row as it is now, locked for a change: nothing is registered, changed or
    marked on a cancelled event, even when the caller read it before it was cancelled."""
    locked = Event.objects.select_for_update().select_related("programme").get(pk=event.pk)
    if locked.is_cancelled:
        raise ValidationError(_("The event is cancelled."))
    return locked


def call_off_refusal(event: Event) -> str | None:
    """Why the event cannot be cancelled, or None when it can."""
    if event.is_session:
        return _("A session is removed from the cohort's sessions instead.")
    if event.is_cancelled:
        return _("The event is cancelled.")
    if event.starts_at <= timezone.now():
        return _("The event has already begun; it can no longer be cancelled.")
    return None


def people_to_tell(event: Event) -> set[int]:
    """Everyone with a place or on the waiting list, and, when the programme mails its
    invitations, everyone invited who has not cancelled their own place."""
    statuses = dict(event.registrations.values_list("person_id", "status"))
    withdrew = {p for p, status in statuses.items() if status == RegistrationStatus.CANCELLED}
    told = statuses.keys() - withdrew
    if event.programme.mails_event_invitation:
        told |= event_audience_ids(event) - withdrew
    return set(told)


@transaction.atomic
def event_call_off(*, event: Event, actor: User, note: str = "") -> int:
    """Cancels the whole event before it begins and tells the people it concerns; the mails
    leave when the cancellation is committed. Returns how many people are told."""
    event = Event.objects.select_for_update().select_related("programme").get(pk=event.pk)
    note = note.strip()
    refusal = call_off_refusal(event)
    if refusal:
        raise ValidationError(refusal)
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"note": _("Keep the note within %(count)s characters.") % {"count": NOTE_MAX_LENGTH}}
        )
    event.cancelled_at = timezone.now()
    event.cancellation_note = note
    event.save(update_fields=["cancelled_at", "cancellation_note", "updated_at"])
    told = people_to_tell(event)
    deliveries_queue(
        Notification(
            kind=EVENT_CANCELLED_KIND,
            key=f"event:{event.pk}:cancelled",
            recipient_id=person_id,
            payload={"event_id": event.pk},
        )
        for person_id in sorted(told)
    )
    audit_record(
        actor=actor,
        action="event.cancel",
        target=event,
        summary=f"{event.title} ({event.pk}), {len(told)} told",
    )
    return len(told)


@delivery_sender(EVENT_CANCELLED_KIND)
def event_cancelled_send(delivery: Delivery) -> str:
    event = (
        Event.objects.select_related("programme", "cohort")
        .filter(
            pk=delivery.payload["event_id"],
            cancelled_at__isnull=False,
            starts_at__gt=timezone.now(),
        )
        .first()
    )
    if event is None:
        raise DeliveryNotNeeded  # removed, or its day has passed: the news is old
    return programme_mail_send(
        key="event_cancelled",
        programme=event.programme,
        to=delivery.recipient,
        context=journey_context(event),
    )

"""The coordinator's changes to many registrations at once, from the event's list.

Each takes the event's lock, changes all the chosen registrations or none (a refusal
says why), and is audited as one entry listing them.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from audit.services import audit_record_bulk
from events.models import Event, EventRegistration, RegistrationStatus
from events.services.cancellation import event_locked
from events.services.events import (
    EVENT_MESSAGE_KIND,
    promote_waiting,
    refuse_session,
    registered_count,
    registrations_give_place,
)
from notifications.emails import email_send
from notifications.models import Delivery
from notifications.services import (
    DeliveryNotNeeded,
    Notification,
    deliveries_queue,
    delivery_sender,
    new_key,
)


def _chosen(event: Event, registration_ids: Iterable[int]) -> list[EventRegistration]:
    """The chosen registrations of the event, in the waiting list's order; all must exist."""
    ids = set(registration_ids)
    if not ids:
        raise ValidationError(_("Choose at least one person."))
    chosen = list(
        event.registrations.filter(pk__in=ids)
        .select_related("person")
        .order_by("registered_at", "pk")
    )
    if len(chosen) != len(ids):
        raise ValidationError(
            _(
                "Some of the chosen people are no longer on the event's list. Nothing was "
                "changed: show the list again and choose anew."
            )
        )
    return chosen


def _audit(
    *, event: Event, actor: User, action: str, chosen: list[EventRegistration], note: str = ""
) -> None:
    """One entry for the action, listing the registrations it changed."""
    summary = f"{event.title} ({event.pk}){note}"
    audit_record_bulk(actor=actor, action=action, objects=chosen, summary=summary)


def _refuse_past(event: Event) -> None:
    if event.is_past:
        raise ValidationError(_("The event has already taken place."))


@transaction.atomic
def registrations_mark_attended(
    *, event: Event, registration_ids: Iterable[int], attended: bool, actor: User
) -> int:
    """Marks the chosen people as attending (or not); all must hold a place."""
    event = event_locked(event)
    chosen = _chosen(event, registration_ids)
    others = sum(1 for r in chosen if r.status != RegistrationStatus.REGISTERED)
    if others:
        raise ValidationError(
            ngettext(
                "%(count)s of the chosen people holds no place (waiting list or cancelled): "
                "only registered people can be marked. Nothing was changed.",
                "%(count)s of the chosen people hold no place (waiting list or cancelled): "
                "only registered people can be marked. Nothing was changed.",
                others,
            )
            % {"count": others}
        )
    EventRegistration.objects.filter(pk__in=[r.pk for r in chosen]).update(attended=attended)
    _audit(
        event=event,
        actor=actor,
        action="event_registration.attended" if attended else "event_registration.absent",
        chosen=chosen,
    )
    return len(chosen)


@transaction.atomic
def registrations_promote(*, event: Event, registration_ids: Iterable[int], actor: User) -> int:
    """Gives the chosen people on the waiting list a place each, if the event has that many
    free; each is emailed, as when a place frees up."""
    event = event_locked(event)
    refuse_session(event)
    _refuse_past(event)
    chosen = _chosen(event, registration_ids)
    others = sum(1 for r in chosen if r.status != RegistrationStatus.WAITING)
    if others:
        raise ValidationError(
            ngettext(
                "%(count)s of the chosen people is not on the waiting list. Nothing was changed.",
                "%(count)s of the chosen people are not on the waiting list. Nothing was changed.",
                others,
            )
            % {"count": others}
        )
    free = event.capacity - registered_count(event)
    if free <= 0:
        raise ValidationError(
            _(
                "The event is full: nobody was moved from the waiting list. Give the event "
                "more places first."
            )
        )
    if len(chosen) > free:
        raise ValidationError(
            ngettext(
                "The event has %(free)s free place, too few for the %(count)s chosen. Nothing "
                "was changed: choose fewer people or give the event more places.",
                "The event has %(free)s free places, too few for the %(count)s chosen. Nothing "
                "was changed: choose fewer people or give the event more places.",
                free,
            )
            % {"free": free, "count": len(chosen)}
        )
    registrations_give_place(event=event, registrations=chosen)
    _audit(event=event, actor=actor, action="event_registration.promote", chosen=chosen)
    return len(chosen)


@transaction.atomic
def registrations_cancel(*, event: Event, registration_ids: Iterable[int], actor: User) -> int:
    """Cancels the chosen registrations (places or waiting); the places freed go to the
    first on the waiting list, as when a person cancels."""
    event = event_locked(event)
    refuse_session(event)
    _refuse_past(event)
    chosen = _chosen(event, registration_ids)
    cancelled = sum(1 for r in chosen if r.status == RegistrationStatus.CANCELLED)
    if cancelled:
        raise ValidationError(
            ngettext(
                "%(count)s of the chosen people has already cancelled. Nothing was changed.",
                "%(count)s of the chosen people have already cancelled. Nothing was changed.",
                cancelled,
            )
            % {"count": cancelled}
        )
    EventRegistration.objects.filter(pk__in=[r.pk for r in chosen]).update(
        status=RegistrationStatus.CANCELLED, changed_at=timezone.now()
    )
    _audit(event=event, actor=actor, action="event_registration.cancel", chosen=chosen)
    promote_waiting(event=event)
    return len(chosen)


@transaction.atomic
def registrations_email(
    *,
    event: Event,
    registration_ids: Iterable[int],
    actor: User,
    subject: str,
    body: str,
) -> int:
    """A message from the coordinator to the chosen people, about the event; each active
    person gets a copy through the outbox. Returns how many."""
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise ValidationError(_("Write a subject and a message."))
    chosen = _chosen(event, registration_ids)
    recipients = sorted({r.person_id for r in chosen if r.person.is_active})
    if not recipients:
        raise ValidationError(_("None of the chosen people can be emailed."))
    key = new_key()
    payload = {"event_id": event.pk, "subject": subject, "body": body, "sent_by": actor.pk}
    deliveries_queue(
        Notification(kind=EVENT_MESSAGE_KIND, key=key, recipient_id=person_id, payload=payload)
        for person_id in recipients
    )
    _audit(
        event=event,
        actor=actor,
        action="event_registration.email",
        chosen=chosen,
        note=f": {len(recipients)}",
    )
    return len(recipients)


@delivery_sender(EVENT_MESSAGE_KIND)
def event_message_send(delivery: Delivery) -> str:
    event = Event.objects.select_related("programme").filter(pk=delivery.payload["event_id"])
    found = event.first()
    if found is None:
        raise DeliveryNotNeeded
    return email_send(
        to=delivery.recipient,
        template="event_message",
        context={
            "event": found,
            "subject": delivery.payload["subject"],
            "body": delivery.payload["body"],
            "sender": User.objects.filter(pk=delivery.payload.get("sent_by")).first(),
        },
    )

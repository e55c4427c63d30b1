"""Events: create and change them, register and cancel with a waiting list, attendance, reminders.

Registration takes a row lock on the event (SELECT ... FOR UPDATE on PostgreSQL;
SQLite's IMMEDIATE transactions serialise writers), so two people asking for
the last place at the same moment cannot both get it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from common.ics import CALENDAR_MIMETYPE, ics_calendar
from events.mails import event_context
from events.models import Audience, Event, EventRegistration, RegistrationStatus
from events.selectors import ics_for_event
from events.services.cancellation import event_locked
from events.services.event_mails import (
    EventWhereAndWhen,
    event_change_queue,
    event_invitations_queue,
)
from events.services.session_participants import sessions_sync_starting_before
from notifications.emails import Attachment
from notifications.models import Delivery
from notifications.services import (
    DeliveryNotNeeded,
    Notification,
    deliveries_queue,
    deliveries_send,
    delivery_queue,
    delivery_sender,
)
from programmes.models import Cohort, Municipality, Programme
from programmes.services.mail_templates import programme_mail_send

# The reminder goes out this long before an event starts.
EVENT_REMINDER_BEFORE = datetime.timedelta(hours=24)
EVENT_REMINDER_KIND = "event_reminder"
EVENT_PROMOTED_KIND = "event_promoted"
# The coordinator's message to people chosen in the event's list.
EVENT_MESSAGE_KIND = "event_message"
ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)


def _validate_event(
    *,
    programme: Programme,
    cohort: Cohort | None,
    audience: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    capacity: int,
    place: str,
    online_url: str,
    check_future: bool,
    open_municipalities: Iterable[Municipality] = (),
) -> None:
    errors: dict[str, str] = {}
    if capacity is None or capacity < 1:
        errors["capacity"] = _("An event needs at least one place.")
    if check_future and starts_at <= timezone.now():
        errors["starts_at"] = _("The event cannot start in the past.")
    if ends_at <= starts_at:
        errors["ends_at"] = _("The event must end after it starts.")
    if online_url and not online_url.lower().startswith("https://"):
        errors["online_url"] = _("The digital link must start with https://.")
    if not place.strip() and not online_url:
        errors["place"] = _("Give a place, a digital link, or both.")
    if audience == Audience.COHORT and cohort is None:
        errors["cohort"] = _("Choose the cohort whose participants are invited.")
    if cohort is not None and cohort.programme_id != programme.pk:
        errors["cohort"] = _("The cohort belongs to another programme.")
    if audience == Audience.OPEN and not open_municipalities:
        errors["open_municipalities"] = _("Choose the municipalities whose employees may register.")
    if errors:
        raise ValidationError(errors)


class EventFields(TypedDict, total=False):
    """What the event form sets; event_update takes any of them."""

    kind: str
    title: str
    theme: str
    description: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    online_url: str
    preparation: str
    reflection_questions: str
    for_adepts_only: bool
    capacity: int
    audience: str
    cohort: Cohort | None
    email_domains: str


@transaction.atomic
def event_create(
    *,
    programme: Programme,
    invitees: Iterable[User] = (),
    open_municipalities: Iterable[Municipality] = (),
    allow_past: bool = False,
    **fields: Unpack[EventFields],
) -> Event:
    """A new event; only a cohort's session may be entered after it took place
    (``allow_past``), since nobody can still register for it."""
    open_municipalities = list(open_municipalities)
    _validate_event(
        programme=programme,
        cohort=fields.get("cohort"),
        audience=fields.get("audience", Audience.COHORT),
        starts_at=fields["starts_at"],
        ends_at=fields["ends_at"],
        capacity=fields["capacity"],
        place=fields.get("place", ""),
        online_url=fields.get("online_url", ""),
        check_future=not allow_past,
        open_municipalities=open_municipalities,
    )
    event = Event(programme=programme, **fields)
    event.full_clean()
    event.save()
    event.invitees.set(list(invitees))
    event.open_municipalities.set(open_municipalities)
    event_invitations_queue(event=event)
    return event


@transaction.atomic
def event_update(
    *,
    event: Event,
    invitees: Iterable[User] | None = None,
    open_municipalities: Iterable[Municipality] | None = None,
    allow_past: bool = False,
    **fields: Unpack[EventFields],
) -> Event:
    event = event_locked(event)
    before = EventWhereAndWhen.of(event)
    moved = "starts_at" in fields and fields["starts_at"] != event.starts_at
    for name, value in fields.items():
        setattr(event, name, value)
    _validate_event(
        programme=event.programme,
        cohort=event.cohort,
        audience=event.audience,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        capacity=event.capacity,
        place=event.place,
        online_url=event.online_url,
        check_future=moved and not allow_past,
        open_municipalities=(
            list(open_municipalities)
            if open_municipalities is not None
            else list(event.open_municipalities.all())
        ),
    )
    registered = event.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    if event.capacity < registered:
        raise ValidationError(
            {
                "capacity": ngettext(
                    "%(count)s person is already registered; the event cannot have fewer places.",
                    "%(count)s people are already registered; the event cannot have fewer places.",
                    registered,
                )
                % {"count": registered}
            }
        )
    event.full_clean()
    event.save()
    if invitees is not None:
        event.invitees.set(list(invitees))
    if open_municipalities is not None:
        event.open_municipalities.set(list(open_municipalities))
    promote_waiting(event=event)
    event_change_queue(event=event, before=before)
    return event


def registered_count(event: Event) -> int:
    return event.registrations.filter(status=RegistrationStatus.REGISTERED).count()


def refuse_session(event: Event) -> None:
    if event.is_session:
        raise ValidationError(
            _("Nobody registers for a session: every participant of the cohort is expected.")
        )


@transaction.atomic
def event_register(
    *, event: Event, person: User, join_waiting_list: bool = False
) -> EventRegistration:
    """A place if one is free; on a full event the waiting list, but only when asked for."""
    event = event_locked(event)
    refuse_session(event)
    if event.is_past:
        raise ValidationError(_("The event has already taken place."))
    registration = EventRegistration.objects.filter(event=event, person=person).first()
    if registration and registration.status == RegistrationStatus.REGISTERED:
        raise ValidationError(_("You are already registered for this event."))
    if registration and registration.status == RegistrationStatus.WAITING:
        raise ValidationError(_("You are already on the waiting list for this event."))
    full = registered_count(event) >= event.capacity
    if full and not join_waiting_list:
        raise ValidationError(
            _("The event is full. You can join the waiting list and get a place if one frees up.")
        )
    status = RegistrationStatus.WAITING if full else RegistrationStatus.REGISTERED
    now = timezone.now()
    if registration is None:
        registration = EventRegistration(event=event, person=person)
    registration.status = status
    registration.attended = False
    registration.registered_at = now
    registration.changed_at = now
    registration.save()
    return registration


@transaction.atomic
def event_cancel(*, event: Event, person: User) -> EventRegistration:
    """Cancels a place or a waiting; a freed place goes to the first on the waiting list."""
    event = event_locked(event)
    refuse_session(event)
    registration = EventRegistration.objects.filter(
        event=event, person=person, status__in=ACTIVE
    ).first()
    if registration is None:
        raise ValidationError(_("You are not registered for this event."))
    if event.is_past:
        raise ValidationError(_("The event has already taken place."))
    registration.status = RegistrationStatus.CANCELLED
    registration.changed_at = timezone.now()
    registration.save(update_fields=["status", "changed_at"])
    promote_waiting(event=event)
    return registration


def promote_waiting(*, event: Event) -> list[EventRegistration]:
    """Moves people up from the waiting list while places are free; each is emailed on commit."""
    free = event.capacity - registered_count(event)
    if free <= 0:
        return []
    promoted = list(
        event.registrations.filter(status=RegistrationStatus.WAITING)
        .select_related("person")
        .order_by("registered_at", "pk")[:free]
    )
    registrations_give_place(event=event, registrations=promoted)
    return promoted


def registrations_give_place(*, event: Event, registrations: Iterable[EventRegistration]) -> None:
    """Moves each from the waiting list to a place and emails them on commit; the caller
    holds the event's lock and has counted the free places."""
    now = timezone.now()
    for registration in registrations:
        registration.status = RegistrationStatus.REGISTERED
        registration.changed_at = now
        registration.save(update_fields=["status", "changed_at"])
        delivery_queue(
            kind=EVENT_PROMOTED_KIND,
            recipient=registration.person,
            payload={"event_id": event.pk},
        )


def _event_for(delivery: Delivery) -> Event:
    event = (
        Event.objects.select_related("programme", "cohort")
        .filter(pk=delivery.payload["event_id"])
        .first()
    )
    if event is None:
        raise DeliveryNotNeeded
    return event


@delivery_sender(EVENT_PROMOTED_KIND)
def event_promoted_send(delivery: Delivery) -> str:
    event = _event_for(delivery)
    return programme_mail_send(
        key="event_promoted",
        programme=event.programme,
        to=delivery.recipient,
        context=event_context(event),
    )


@delivery_sender(EVENT_REMINDER_KIND)
def event_reminder_send(delivery: Delivery) -> str:
    event = _event_for(delivery)
    if (
        event.is_cancelled
        or reminder_key(event) != delivery.key
        or not event.registrations.filter(
            person=delivery.recipient, status=RegistrationStatus.REGISTERED
        ).exists()
    ):
        raise DeliveryNotNeeded  # moved or cancelled since, or the person cancelled
    return programme_mail_send(
        key="event_reminder",
        programme=event.programme,
        to=delivery.recipient,
        context=event_context(event),
        attachments=[_ics_attachment(event)],
    )


def reminder_key(event: Event) -> str:
    # The start time is part of the key: a moved event is reminded of again.
    return f"event:{event.pk}:{event.starts_at:%Y%m%d%H%M}"


@transaction.atomic
def event_attendance_mark(*, event: Event, attended_person_ids: Iterable[int]) -> int:
    """Sets who came, among those registered; returns how many attended."""
    event = event_locked(event)
    attended = set(attended_person_ids)
    registrations = event.registrations.filter(status=RegistrationStatus.REGISTERED)
    unknown = attended - set(registrations.values_list("person_id", flat=True))
    if unknown:
        raise ValidationError(_("Only people registered for the event can be marked as attending."))
    registrations.filter(person_id__in=attended).update(attended=True)
    registrations.exclude(person_id__in=attended).update(attended=False)
    return len(attended)


def _ics_attachment(event: Event) -> Attachment:
    entry = ics_for_event(event, base_url=settings.SITE_URL)
    return Attachment(
        filename=f"event-{event.pk}.ics",
        content=ics_calendar([entry], name=event.title),
        mimetype=CALENDAR_MIMETYPE,
    )


def event_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """The sweep's step: one reminder per registered person before each event, once only."""
    now = now or timezone.now()
    # A session's expected participants follow the cohort up to the reminder.
    sessions_sync_starting_before(now=now, until=now + EVENT_REMINDER_BEFORE)
    due = (
        EventRegistration.objects.filter(
            status=RegistrationStatus.REGISTERED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + EVENT_REMINDER_BEFORE,
            event__cancelled_at__isnull=True,
        )
        .select_related("event")
        .filter(Q(person__is_active=True))
    )
    deliveries_queue(
        (
            Notification(
                kind=EVENT_REMINDER_KIND,
                key=reminder_key(registration.event),
                recipient_id=registration.person_id,
                payload={"event_id": registration.event_id},
            )
            for registration in due
        ),
        wake=False,
    )
    return deliveries_send(kinds=[EVENT_REMINDER_KIND]).total

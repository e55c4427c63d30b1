"""Messages from the coordinator to a cohort, one role in it, or one municipality's participants.

The message is kept, and each addressee's copy is put in the outbox in the same
transaction (services/delivery.py): those admitted when it was sent get it, once.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from audit.services import audit_record
from notifications.emails import recipient_language
from notifications.mail_registry import Mail, MergeField, link_field, merge_fields
from notifications.models import Delivery
from notifications.services import (
    DeliveryNotNeeded,
    Notification,
    deliveries_queue,
    delivery_sender,
)
from programmes.models import (
    Cohort,
    CohortMessage,
    EnrolmentStatus,
    MessageAudience,
    Municipality,
    Role,
)
from programmes.services.mail_templates import MailText, text_mail_send, validate_merge_fields

MESSAGE_KIND = "cohort_message"
# A time to send at this little in the past (the minute the form was filled in) means now.
SCHEDULE_SLACK = datetime.timedelta(minutes=5)


def message_recipients(
    *,
    cohort: Cohort,
    audience: str,
    municipality: Municipality | None = None,
) -> QuerySet[User]:
    """The active people the message is for: admitted participants of the audience, now."""
    enrolments = cohort.enrolments.filter(status=EnrolmentStatus.ADMITTED)
    if audience == MessageAudience.MENTORS:
        enrolments = enrolments.filter(role=Role.MENTOR)
    elif audience == MessageAudience.ADEPTS:
        enrolments = enrolments.filter(role=Role.ADEPT)
    elif audience == MessageAudience.MUNICIPALITY:
        enrolments = enrolments.filter(municipality=municipality)
    return User.objects.filter(pk__in=enrolments.values("person_id"), is_active=True).order_by(
        "full_name"
    )


# The event a message can be about ----------------------------------------------------


@dataclass(frozen=True)
class EventFacts:
    """What a message says about its event: the title, when, and the two links."""

    title: str
    starts_at: datetime.datetime
    url: str
    ics_url: str


@dataclass(frozen=True)
class MessageEvents:
    """How messages reach the events app above: its cohort's events and one event's facts."""

    choices: Callable[[Cohort], list[tuple[int, str]]]
    facts: Callable[[int], EventFacts | None]


_events: list[MessageEvents] = []


def message_events_register(source: MessageEvents) -> None:
    """Called once by the events app in its AppConfig.ready."""
    _events[:] = [source]


def event_choices(cohort: Cohort) -> list[tuple[int, str]]:
    return _events[0].choices(cohort) if _events else []


def event_facts(event_id: int | None) -> EventFacts | None:
    return _events[0].facts(event_id) if _events and event_id else None


# Merge fields of a message: those of every mail, and its event's.
# The event's fields are the events app's mails' too (events/mails.py): an Event and the
# EventFacts of a message both have a title and a start.
EVENT = MergeField("event", gettext_lazy("The event's title"), lambda c: c["event"].title)
EVENT_STARTS = MergeField(
    "event_starts",
    gettext_lazy("When the event starts"),
    # As the events' default texts write it, so that a default text shows the field.
    lambda c: formats.date_format(timezone.localtime(c["event"].starts_at), "l j F Y H:i"),
)
EVENT_LINK = MergeField(
    "event_link", gettext_lazy("Link to the event's page"), lambda c: c["event"].url
)
CALENDAR_LINK = MergeField(
    "calendar_link",
    gettext_lazy("Link to the event for a calendar (.ics)"),
    lambda c: c["event"].ics_url,
)
LINK = link_field("page_url", gettext_lazy("Link to the service"))
MESSAGE = Mail(
    key=MESSAGE_KIND,
    label=gettext_lazy("Message to the cohort"),
    template="cohort_message",
    fields=merge_fields(LINK),
    sample=lambda enrolment: {},
)
MESSAGE_WITH_EVENT = replace(
    MESSAGE, fields=merge_fields(EVENT, EVENT_STARTS, EVENT_LINK, CALENDAR_LINK, LINK)
)


def message_mail(event: EventFacts | None) -> Mail:
    return MESSAGE_WITH_EVENT if event else MESSAGE


# Writing, scheduling, cancelling ----------------------------------------------------------


@transaction.atomic
def message_send(
    *,
    cohort: Cohort,
    sent_by: User,
    audience: str,
    subject: str,
    body: str,
    municipality: Municipality | None = None,
    scheduled_for: datetime.datetime | None = None,
    event_id: int | None = None,
    now: datetime.datetime | None = None,
) -> CohortMessage:
    """Sends the message now, or keeps it until ``scheduled_for`` when that is later."""
    now = now or timezone.now()
    if audience == MessageAudience.MUNICIPALITY and municipality is None:
        raise ValidationError(
            {"municipality": _("Choose the municipality whose participants get it.")}
        )
    if audience != MessageAudience.MUNICIPALITY:
        municipality = None
    if not subject.strip() or not body.strip():
        raise ValidationError(_("Write a subject and a message."))
    if event_id is not None and event_id not in dict(event_choices(cohort)):
        raise ValidationError({"event_id": _("Choose one of the cohort's events.")})
    event = event_facts(event_id)
    validate_merge_fields(mail=message_mail(event), text=MailText(subject, body))
    if scheduled_for is not None and scheduled_for < now - SCHEDULE_SLACK:
        raise ValidationError(
            {"scheduled_for": _("Choose a time ahead, or leave it empty to send at once.")}
        )
    later = scheduled_for is not None and scheduled_for > now
    recipient_ids = _recipient_ids(cohort=cohort, audience=audience, municipality=municipality)
    if not recipient_ids and not later:
        raise ValidationError(_("Nobody in the cohort matches; the message was not sent."))
    message = CohortMessage.objects.create(
        cohort=cohort,
        audience=audience,
        municipality=municipality,
        subject=subject.strip(),
        body=body.strip(),
        sent_by=sent_by,
        scheduled_for=scheduled_for if later else None,
        event_id=event_id,
        created_at=now,
    )
    if later:
        audit_record(
            actor=sent_by,
            action="cohort_message.schedule",
            target=message,
            summary=f"to be sent at {scheduled_for:%Y-%m-%d %H:%M}",
        )
        return message
    _queue_copies(message, recipient_ids, now=now)
    audit_record(
        actor=sent_by,
        action="cohort_message.send",
        target=message,
        summary=f"{len(recipient_ids)} recipients",
    )
    return message


def _recipient_ids(
    *, cohort: Cohort, audience: str, municipality: Municipality | None
) -> list[int]:
    return list(
        message_recipients(cohort=cohort, audience=audience, municipality=municipality).values_list(
            "pk", flat=True
        )
    )


def _queue_copies(
    message: CohortMessage, recipient_ids: list[int], *, now: datetime.datetime
) -> None:
    message.sent_at = now
    message.recipient_count = len(recipient_ids)
    message.save(update_fields=["sent_at", "recipient_count"])
    # Each copy is in the outbox with the message itself: with the broker down, a sweep sends it.
    deliveries_queue(message_copies(message, recipient_ids))


@transaction.atomic
def message_cancel(*, message: CohortMessage, actor: User) -> CohortMessage:
    message = CohortMessage.objects.select_for_update().get(pk=message.pk)
    if not message.is_waiting:
        raise ValidationError(_("The message has already been sent or cancelled."))
    message.cancelled_at = timezone.now()
    message.save(update_fields=["cancelled_at"])
    audit_record(actor=actor, action="cohort_message.cancel", target=message)
    return message


def messages_due_send(*, now: datetime.datetime | None = None) -> int:
    """The sweep's step: sends each scheduled message that has come due, once."""
    now = now or timezone.now()
    sent = 0
    for pk in CohortMessage.objects.due(now).values_list("pk", flat=True):
        with transaction.atomic():
            # Locked and read again: a cancel or another sweep may have come first.
            message = CohortMessage.objects.select_for_update().due(now).filter(pk=pk).first()
            if message is None:
                continue
            recipient_ids = _recipient_ids(
                cohort=message.cohort, audience=message.audience, municipality=message.municipality
            )
            _queue_copies(message, recipient_ids, now=now)
            audit_record(
                actor=None,
                action="cohort_message.send",
                target=message,
                summary=f"{len(recipient_ids)} recipients, as scheduled",
            )
            sent += 1
    return sent


@transaction.atomic
def message_to_chosen_send(
    *, cohort: Cohort, sent_by: User, people: Iterable[User], subject: str, body: str
) -> CohortMessage:
    """A message to the people ticked in one of the cohort's lists; each active one gets a
    copy at once. Kept beside :func:`message_send` (audience "chosen"), so the cohort's
    messages show it; a chosen selection is never scheduled: it is the list as it stands."""
    if not subject.strip() or not body.strip():
        raise ValidationError(_("Write a subject and a message."))
    validate_merge_fields(mail=MESSAGE, text=MailText(subject, body))
    recipient_ids = sorted({person.pk for person in people if person.is_active})
    if not recipient_ids:
        raise ValidationError(_("Nobody in the cohort matches; the message was not sent."))
    now = timezone.now()
    message = CohortMessage.objects.create(
        cohort=cohort,
        audience=MessageAudience.CHOSEN,
        subject=subject.strip(),
        body=body.strip(),
        sent_by=sent_by,
        created_at=now,
    )
    _queue_copies(message, recipient_ids, now=now)
    audit_record(
        actor=sent_by,
        action="cohort_message.send",
        target=message,
        summary=f"{len(recipient_ids)} chosen recipients",
    )
    return message


def message_copies(message: CohortMessage, person_ids: Iterable[int]) -> Iterator[Notification]:
    """One outbox row per addressee of ``message``."""
    for person_id in person_ids:
        yield Notification(
            kind=MESSAGE_KIND,
            key=message_key(message),
            recipient_id=person_id,
            payload={"message_id": message.pk},
        )


def message_key(message: CohortMessage) -> str:
    return f"message:{message.pk}"


@delivery_sender(MESSAGE_KIND)
def message_copy_send(delivery: Delivery) -> str:
    message = (
        CohortMessage.objects.select_related("cohort__programme", "sent_by")
        .filter(pk=delivery.payload["message_id"], cancelled_at__isnull=True)
        .first()
    )
    if message is None:
        raise DeliveryNotNeeded
    event = event_facts(message.event_id)
    body = message.body
    if event is not None:
        body += "\n\n" + _("%(event)s, %(starts)s:") % {
            "event": "{event}",
            "starts": "{event_starts}",
        }
        body += "\n{event_link}\n" + _("Add it to your calendar:") + " {calendar_link}"
    return text_mail_send(
        mail=message_mail(event),
        programme=message.cohort.programme,
        text=MailText(message.subject, body),
        to=delivery.recipient,
        context={
            "message": message,
            "cohort": message.cohort,
            "programme": message.cohort.programme,
            "event": event,
            "page_url": event.url if event else settings.SITE_URL + "/",
        },
        language=recipient_language(delivery.recipient),
    )

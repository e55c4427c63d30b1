"""The event mails a programme can shape (notifications/mail_registry.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from notifications.mail_registry import Mail, MergeField, absolute, merge_fields
from programmes.models import Enrolment

from .models import Event, EventKind

EVENT = MergeField("event", _("The event's title"), lambda c: c["event"].title)
EVENT_STARTS = MergeField(
    "event_starts",
    _("When the event starts"),
    # As the default text writes it, so that the default text shows the field.
    lambda c: formats.date_format(timezone.localtime(c["event"].starts_at), "l j F Y H:i"),
)
PLACE = MergeField("place", _("Where the event is"), lambda c: c["event"].place)
EVENT_LINK = MergeField("link", _("Link to the event's page"), lambda c: event_link(c["event"]))
# A made-up event of a preview is this far ahead, at nine in the morning.
SAMPLE_EVENT_IN = datetime.timedelta(days=14)


def event_link(event: Event) -> str:
    name = "events:session_detail" if event.is_session else "events:event_detail"
    return absolute(reverse(name, args=[event.pk]))


def event_context(event: Event) -> dict[str, Any]:
    """What an event's mail is rendered with, its programme and cohort included."""
    return {"event": event, "programme": event.programme, "cohort": event.cohort}


def _sample(enrolment: Enrolment) -> dict[str, Any]:
    starts_at = (timezone.localtime() + SAMPLE_EVENT_IN).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    event = Event(
        pk=0,
        programme=enrolment.cohort.programme,
        cohort=enrolment.cohort,
        kind=EventKind.KICKOFF,
        title=_("Kickoff"),
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=3),
        place="Stadshuset",
        capacity=40,
    )
    return event_context(event)


EVENT_FIELDS = merge_fields(EVENT, EVENT_STARTS, PLACE, EVENT_LINK)

MAILS = (
    Mail(
        key="event_reminder",
        label=_("Event reminder"),
        template="event_reminder",
        fields=EVENT_FIELDS,
        sample=_sample,
    ),
    Mail(
        key="event_promoted",
        label=_("A place at an event from the waiting list"),
        template="event_promoted",
        fields=EVENT_FIELDS,
        sample=_sample,
    ),
)

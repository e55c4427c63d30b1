"""The event mails a programme can shape (notifications/mail_registry.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from notifications.mail_registry import Mail, MergeField, absolute, merge_fields
from programmes.models import Cohort, Enrolment
from programmes.services.messages import EVENT, EVENT_STARTS, EventFacts, MessageEvents

from .models import Event, EventKind

PLACE = MergeField("place", _("Where the event is"), lambda c: c["event"].place)
EVENT_LINK = MergeField("link", _("Link to the event's page"), lambda c: event_link(c["event"]))
CALENDAR_LINK = MergeField(
    "calendar_link",
    _("Link to the event's calendar file (.ics)"),
    lambda c: absolute(reverse("events:event_ics", args=[c["event"].pk])),
)
WAS_STARTS = MergeField(
    "was_starts",
    _("When the event started before the change"),
    lambda c: formats.date_format(timezone.localtime(c["was_starts_at"]), "l j F Y H:i"),
)
NOTE = MergeField(
    "note",
    _("The coordinator's note about the cancellation"),
    lambda c: c["event"].cancellation_note,
)
WAS_PLACE = MergeField(
    "was_place", _("Where the event was before the change"), lambda c: c["was_place"]
)
# A made-up event of a preview is this far ahead, at nine in the morning.
SAMPLE_EVENT_IN = datetime.timedelta(days=14)
# A made-up change of a preview moved the event by this much.
SAMPLE_MOVED_BY = datetime.timedelta(days=1)


def event_link(event: Event) -> str:
    name = "events:session_detail" if event.is_session else "events:event_detail"
    return absolute(reverse(name, args=[event.pk]))


def cohort_event_choices(cohort: Cohort) -> list[tuple[int, str]]:
    """The events a message to ``cohort`` can be about: its own and its programme's, ahead."""
    events = (
        Event.objects.taking_place()
        .filter(Q(cohort=cohort) | Q(cohort__isnull=True), programme_id=cohort.programme_id)
        .filter(ends_at__gte=timezone.now())
    )
    return [
        (
            event.pk,
            f"{event.title} ({formats.date_format(timezone.localtime(event.starts_at), 'j F Y')})",
        )
        for event in events.order_by("starts_at", "pk")
    ]


def message_event_facts(event_id: int) -> EventFacts | None:
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return None
    return EventFacts(
        title=event.title,
        starts_at=event.starts_at,
        url=event_link(event),
        ics_url=absolute(reverse("events:event_ics", args=[event.pk])),
    )


MESSAGE_EVENTS = MessageEvents(choices=cohort_event_choices, facts=message_event_facts)


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
        title=str(_("Kickoff")),
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=3),
        place="Stadshuset",
        capacity=40,
    )
    return event_context(event)


def journey_context(
    event: Event, *, was_starts_at: datetime.datetime | None = None, was_place: str = ""
) -> dict[str, Any]:
    """What an invitation or a notice of change is rendered with: the event's links too."""
    return {
        **event_context(event),
        "page_url": event_link(event),
        "ics_url": absolute(reverse("events:event_ics", args=[event.pk])),
        "was_starts_at": was_starts_at,
        "was_place": was_place,
    }


def _sample_cancelled(enrolment: Enrolment) -> dict[str, Any]:
    event = _sample(enrolment)["event"]
    event.cancelled_at = timezone.now()
    event.cancellation_note = str(
        _("The speaker is ill. We will come back with a new date as soon as we can.")
    )
    return journey_context(event)


def _sample_journey(enrolment: Enrolment) -> dict[str, Any]:
    event = _sample(enrolment)["event"]
    return journey_context(
        event, was_starts_at=event.starts_at - SAMPLE_MOVED_BY, was_place="Kommunhuset"
    )


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
    Mail(
        key="event_invitation",
        label=_("Invitation to a cohort's event or session"),
        template="event_invitation",
        fields=(*EVENT_FIELDS, CALENDAR_LINK),
        sample=_sample_journey,
    ),
    Mail(
        key="event_changed",
        label=_("An event's new time or place"),
        template="event_changed",
        fields=(*EVENT_FIELDS, CALENDAR_LINK, WAS_STARTS, WAS_PLACE),
        sample=_sample_journey,
    ),
    Mail(
        key="event_cancelled",
        label=_("An event is cancelled"),
        template="event_cancelled",
        fields=(*EVENT_FIELDS, NOTE),
        sample=_sample_cancelled,
    ),
)

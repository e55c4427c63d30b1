"""The pair's meetings (and the programme events a person attends) as calendar entries."""

from __future__ import annotations

from email.utils import parseaddr

from django.conf import settings
from django.utils.translation import gettext as _

from accounts.models import User
from common.ics import IcsEvent, Person, ics_calendar
from events.models.events import Event

from .models import GroupMeeting, Meeting, MeetingMode, MeetingStatus
from .models.meetings import MeetingFields

ORGANIZER_NAME = "Mentorprogrammet"


def _organizer() -> Person:
    # A stable organiser: either member may change the meeting, and calendars
    # only accept updates from the organiser of the original entry.
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return Person(email=address, name=name or ORGANIZER_NAME)


def _entry(meeting: MeetingFields, *, summary: str, attendees: tuple[Person, ...]) -> IcsEvent:
    description = meeting.questions
    if meeting.mode == MeetingMode.DIGITAL:
        description = f"{meeting.link}\n\n{description}".strip()
    return IcsEvent(
        uid=meeting.uid,
        sequence=meeting.sequence,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        summary=summary,
        description=description,
        location=meeting.place if meeting.mode == MeetingMode.IN_PERSON else meeting.link,
        url=meeting.link,
        organizer=_organizer(),
        attendees=attendees,
        cancelled=meeting.status == MeetingStatus.CANCELLED,
        updated_at=meeting.updated_at,
    )


def meeting_ics_event(meeting: Meeting) -> IcsEvent:
    pair = meeting.pair
    mentor, adept = pair.mentor.person, pair.adept.person
    summary = _("Mentor meeting: %(mentor)s and %(adept)s") % {
        "mentor": mentor.full_name,
        "adept": adept.full_name,
    }
    return _entry(
        meeting,
        summary=summary,
        attendees=(
            Person(email=mentor.email, name=mentor.full_name),
            Person(email=adept.email, name=adept.full_name),
        ),
    )


def group_meeting_ics_event(meeting: GroupMeeting) -> IcsEvent:
    """A group's meeting; the attendees are left out, since the group changes over the year."""
    return _entry(
        meeting,
        summary=_("Mentor group: %(group)s") % {"group": meeting.group},
        attendees=(),
    )


def meeting_method(meeting: MeetingFields) -> str:
    return "CANCEL" if meeting.status == MeetingStatus.CANCELLED else "REQUEST"


def meeting_ics(meeting: Meeting) -> bytes:
    return ics_calendar([meeting_ics_event(meeting)], method=meeting_method(meeting))


def group_meeting_ics(meeting: GroupMeeting) -> bytes:
    return ics_calendar([group_meeting_ics_event(meeting)], method=meeting_method(meeting))


def event_ics_event(event: Event) -> IcsEvent:
    """A programme event in the person's feed; its UID is the one the events app uses too."""
    return IcsEvent(
        uid=f"programmes-event-{event.pk}@mentorship",
        sequence=0,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        summary=event.title,
        description=event.description,
        location=event.place or event.online_url,
        url=event.online_url,
        organizer=_organizer(),
        cancelled=event.is_cancelled,
    )


def feed_events(person: User) -> list[IcsEvent]:
    """The programme events the person is registered for (or waiting for), not cancelled."""
    return [event_ics_event(event) for event in Event.objects.for_calendar_of(person)]


def feed_ics(
    *, meetings: list[Meeting], group_meetings: list[GroupMeeting], events: list[IcsEvent]
) -> bytes:
    entries = [
        *(meeting_ics_event(meeting) for meeting in meetings),
        *(group_meeting_ics_event(meeting) for meeting in group_meetings),
        *events,
    ]
    return ics_calendar(entries, name=_("Mentor programme"))

"""Calendar entries (.ics) that Outlook and Google Calendar update in place.

A stable UID names the entry; SEQUENCE rises with every change, so a later
invitation with the same UID updates it and METHOD:CANCEL removes it. Times are
written with TZID Europe/Stockholm and the VTIMEZONE that goes with it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vText,
)

PRODID = "-//Mentor programme//mentorship//SV"
# The VTIMEZONE covers these years; building it is slow, so it is built once per process.
TIMEZONE_FIRST_DATE = datetime.date(2020, 1, 1)
TIMEZONE_LAST_DATE = datetime.date(2045, 1, 1)
EU_CENTRAL_TZID = "Europe/Stockholm"
CALENDAR_MIMETYPE = "text/calendar"


@dataclass(frozen=True)
class Person:
    email: str
    name: str = ""


@dataclass(frozen=True)
class IcsEvent:
    uid: str
    sequence: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    organizer: Person | None = None
    attendees: tuple[Person, ...] = field(default_factory=tuple)
    cancelled: bool = False
    updated_at: datetime.datetime | None = None


def _address(person: Person, *, attendee: bool) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    if person.name:
        address.params["cn"] = vText(person.name)
    if attendee:
        address.params["role"] = vText("REQ-PARTICIPANT")
        address.params["rsvp"] = vText("FALSE")
    return address


def ics_event(event: IcsEvent) -> Event:
    zone = ZoneInfo(settings.TIME_ZONE)
    component = Event()
    component.add("uid", event.uid)
    component.add("sequence", event.sequence)
    component.add("dtstamp", (event.updated_at or timezone.now()).astimezone(datetime.UTC))
    component.add("dtstart", event.starts_at.astimezone(zone))
    component.add("dtend", event.ends_at.astimezone(zone))
    component.add("summary", event.summary)
    if event.description:
        component.add("description", event.description)
    if event.location:
        component.add("location", event.location)
    if event.url:
        component.add("url", event.url)
    if event.organizer:
        component.add("organizer", _address(event.organizer, attendee=False))
    for attendee in event.attendees:
        component.add("attendee", _address(attendee, attendee=True))
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    return component


def ics_calendar(events: Iterable[IcsEvent], *, method: str | None = None, name: str = "") -> bytes:
    """A VCALENDAR; ``method`` is REQUEST or CANCEL for an invitation, None for a feed."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add_component(_vtimezone(settings.TIME_ZONE))
    for event in events:
        calendar.add_component(ics_event(event))
    return calendar.to_ical()


def ics_response(body: bytes, *, filename: str | None) -> HttpResponse:
    """A calendar file: a download that calendar apps open as an invitation, or, with no
    file name, a feed that calendar apps subscribe to. Neither is kept in a cache
    (programmes.middleware.NoStoreMiddleware)."""
    response = HttpResponse(body, content_type=f"{CALENDAR_MIMETYPE}; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@lru_cache(maxsize=4)
def _vtimezone(tzid: str) -> Timezone:
    if tzid == EU_CENTRAL_TZID:
        return _eu_central_vtimezone(tzid)
    return Timezone.from_tzid(tzid, first_date=TIMEZONE_FIRST_DATE, last_date=TIMEZONE_LAST_DATE)


def _eu_central_vtimezone(tzid: str) -> Timezone:
    """Europe/Stockholm by the EU's rule (since 1996), as Outlook writes it: two RRULEs.

    Far smaller than a list of every change, which matters when thousands of reminders go out.
    """
    timezone_component = Timezone()
    timezone_component.add("tzid", tzid)
    # The first onsets under the rule: the last Sundays of March and October 1996.
    for kind, name, onset, offset_from, offset_to in (
        (TimezoneDaylight, "CEST", datetime.datetime(1996, 3, 31, 2), 1, 2),
        (TimezoneStandard, "CET", datetime.datetime(1996, 10, 27, 3), 2, 1),
    ):
        month = onset.month
        part = kind()
        part.add("tzname", name)
        part.add("dtstart", onset)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        part.add("tzoffsetfrom", datetime.timedelta(hours=offset_from))
        part.add("tzoffsetto", datetime.timedelta(hours=offset_to))
        timezone_component.add_component(part)
    return timezone_component

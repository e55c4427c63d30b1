"""The shared .ics builder: stable UID and SEQUENCE, TZID Europe/Stockholm with a VTIMEZONE
that agrees with the real zone, methods for invitations and cancellations."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from common.ics import IcsEvent, Person, ics_calendar

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _event(**fields: object) -> IcsEvent:
    start = datetime.datetime(2026, 7, 1, 8, tzinfo=datetime.UTC)
    defaults: dict[str, object] = {
        "uid": "pairs-meeting-1@mentorship",
        "sequence": 3,
        "starts_at": start,
        "ends_at": start + datetime.timedelta(minutes=90),
        "summary": "Mentorträff",
        "organizer": Person("noreply@example.se", "Mentorprogrammet"),
        "attendees": (Person("ada@example.se", "Ada Adept"), Person("mona@example.se")),
    }
    defaults.update(fields)
    return IcsEvent(**defaults)  # type: ignore[arg-type]


def test_an_invitation_carries_uid_sequence_method_and_people() -> None:
    calendar = Calendar.from_ical(ics_calendar([_event()], method="REQUEST"))
    assert calendar["METHOD"] == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert (str(event["UID"]), event["SEQUENCE"]) == ("pairs-meeting-1@mentorship", 3)
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert event["DTSTART"].dt.hour == 10  # 08:00 UTC is 10:00 in Stockholm in summer
    assert str(event["ORGANIZER"]) == "mailto:noreply@example.se"
    assert sorted(str(a) for a in event["ATTENDEE"]) == [
        "mailto:ada@example.se",
        "mailto:mona@example.se",
    ]


def test_a_cancellation_keeps_the_uid_and_says_cancelled() -> None:
    calendar = Calendar.from_ical(ics_calendar([_event(cancelled=True)], method="CANCEL"))
    event = calendar.walk("VEVENT")[0]
    assert calendar["METHOD"] == "CANCEL" and str(event["STATUS"]) == "CANCELLED"


@pytest.mark.parametrize(
    "local",
    [
        datetime.datetime(2026, 3, 29, 1, 30),
        datetime.datetime(2026, 3, 29, 3, 30),
        datetime.datetime(2026, 10, 25, 1, 0),
        datetime.datetime(2026, 10, 25, 4, 0),
        datetime.datetime(2031, 1, 10, 12, 0),
        datetime.datetime(2040, 7, 1, 12, 0),
    ],
)
def test_the_vtimezone_agrees_with_the_real_zone(local: datetime.datetime) -> None:
    calendar = Calendar.from_ical(ics_calendar([_event()]))
    written = calendar.walk("VTIMEZONE")[0].to_tz()
    assert local.replace(tzinfo=written).utcoffset() == local.replace(tzinfo=STOCKHOLM).utcoffset()

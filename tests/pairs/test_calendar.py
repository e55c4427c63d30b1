"""The private calendar feed: all of a person's meetings and registered events, by secret token."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events.models.events import Event, EventRegistration, RegistrationStatus
from pairs.models import CalendarFeed, MeetingStatus
from pairs.services.calendar_feed import calendar_feed_get
from tests.world import World

from .factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _event(world: World, title: str) -> Event:
    start = timezone.now() + datetime.timedelta(days=20)
    return Event.objects.create(
        programme=world.programme,
        cohort=world.cohort,
        kind="seminar",
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        place="Enköpings teater",
        capacity=50,
    )


def test_the_feed_has_my_meetings_and_the_events_i_am_registered_for(world: World, client) -> None:
    planned = MeetingFactory(pair=world.pair)
    cancelled = MeetingFactory(pair=world.pair, status=MeetingStatus.CANCELLED, sequence=1)
    other = MeetingFactory(pair=world.other_pair)
    registered = _event(world, "Mentordag i Enköping")
    dropped = _event(world, "Seminarium om ledarskap")
    unregistered = _event(world, "Ledarskapscafé")
    EventRegistration.objects.create(event=registered, person=world.adept)
    EventRegistration.objects.create(
        event=dropped, person=world.adept, status=RegistrationStatus.CANCELLED
    )
    token = calendar_feed_get(person=world.adept).token
    response = client.get(reverse("pairs:calendar_feed", kwargs={"token": token}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert planned.uid in events and cancelled.uid in events
    assert str(events[cancelled.uid]["STATUS"]) == "CANCELLED"
    assert other.uid not in events
    summaries = {str(e["SUMMARY"]) for e in events.values()}
    assert "Mentordag i Enköping" in summaries
    assert not {dropped.title, unregistered.title} & summaries


def test_a_wrong_token_is_a_404(world: World, client) -> None:
    calendar_feed_get(person=world.adept)
    response = client.get(reverse("pairs:calendar_feed", kwargs={"token": "not-the-token"}))
    assert response.status_code == 404


def test_renewing_the_address_retires_the_old_one(world: World, client_for, client) -> None:
    old = calendar_feed_get(person=world.adept).token
    page = client_for("adept").get(reverse("pairs:calendar")).content.decode()
    assert old in page
    response = client_for("adept").post(reverse("pairs:calendar_renew"))
    assert response.status_code == 302
    new = CalendarFeed.objects.get(person=world.adept).token
    assert new != old
    assert client.get(reverse("pairs:calendar_feed", kwargs={"token": old})).status_code == 404
    assert client.get(reverse("pairs:calendar_feed", kwargs={"token": new})).status_code == 200


def test_the_feed_never_carries_notes_or_preparation(world: World, client) -> None:
    MeetingFactory(pair=world.pair, notes="HEMLIG ANTECKNING")
    token = calendar_feed_get(person=world.mentor).token
    body = client.get(reverse("pairs:calendar_feed", kwargs={"token": token})).content.decode()
    assert "HEMLIG ANTECKNING" not in body


def test_a_held_meeting_lasts_in_the_calendar_as_long_as_it_was_held(world: World) -> None:
    from pairs.calendar import meeting_ics

    from .factories import HeldMeetingFactory

    held = HeldMeetingFactory(pair=world.pair, minutes=90, held_minutes=80)
    planned = MeetingFactory(pair=world.pair, minutes=90)
    for meeting, minutes in ((held, 80), (planned, 90)):
        entry = Calendar.from_ical(meeting_ics(meeting)).walk("VEVENT")[0]
        length = entry.decoded("DTEND") - entry.decoded("DTSTART")
        assert length == datetime.timedelta(minutes=minutes)

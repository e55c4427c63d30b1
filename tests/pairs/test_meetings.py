"""Planning, changing, logging and cancelling meetings, and what the partner is told."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from pairs.models import Meeting, MeetingStatus
from tests.world import World

from .factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _plan_data(**overrides: object) -> dict[str, object]:
    day = timezone.localdate() + datetime.timedelta(days=10)
    data = {
        "day": day.isoformat(),
        "time": "14:00",
        "minutes": "90",
        "mode": "digital",
        "place": "",
        "link": "https://teams.microsoft.com/l/meetup-join/abc",
        "questions": "Vad vill du ha ut av året?",
    }
    data.update(overrides)
    return data


def _calendar_attachment(message) -> tuple[str, Calendar]:
    for part in message.message().walk():
        if part.get_content_type() == "text/calendar":
            return part.get_param("method"), Calendar.from_ical(part.get_payload(decode=True))
    raise AssertionError("no text/calendar part")


def test_adept_plans_a_digital_meeting_and_the_mentor_gets_an_invitation(
    world: World, client_for, outbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("adept").post(
            reverse("pairs:meeting_plan", kwargs={"pk": world.pair.pk}), _plan_data()
        )
    assert response.status_code == 302
    meeting = Meeting.objects.get(pair=world.pair)
    assert meeting.mode == "digital" and meeting.minutes == 90
    assert [m.to for m in outbox] == [[world.mentor.email]]
    method, calendar = _calendar_attachment(outbox[0])
    assert method == "REQUEST"
    assert calendar["METHOD"] == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert str(event["UID"]) == meeting.uid
    assert event["SEQUENCE"] == 0
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert calendar.walk("VTIMEZONE")
    assert "Ada Adept" in outbox[0].subject


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"minutes": "0"}, "The meeting must end after it starts."),
        ({"minutes": "-30"}, "The meeting must end after it starts."),
        (
            {"day": (timezone.localdate() - datetime.timedelta(days=1)).isoformat()},
            "A planned meeting must be in the future.",
        ),
        ({"link": "http://teams.example.com/x"}, "The meeting link must start with https://."),
        ({"mode": "in_person", "place": "", "link": ""}, "Say where you meet."),
    ],
)
def test_bad_meeting_input_gets_a_clear_message_and_changes_nothing(
    world: World, client_for, outbox, overrides, message
) -> None:
    client = client_for("mentor")
    client.cookies["mentorship_language"] = "en"
    response = client.post(
        reverse("pairs:meeting_plan", kwargs={"pk": world.pair.pk}), _plan_data(**overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Meeting.objects.exists()
    assert outbox == []


def test_a_changed_meeting_updates_the_same_calendar_entry(
    world: World, client_for, outbox, django_capture_on_commit_callbacks
) -> None:
    meeting = MeetingFactory(pair=world.pair, created_by=world.adept)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("adept").post(
            reverse("pairs:meeting_edit", kwargs={"pk": meeting.pk}),
            _plan_data(mode="in_person", place="Kommunhuset, Bålsta", link=""),
        )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Kommunhuset, Bålsta" and meeting.sequence == 1
    _method, calendar = _calendar_attachment(outbox[0])
    event = calendar.walk("VEVENT")[0]
    assert str(event["UID"]) == meeting.uid
    assert event["SEQUENCE"] == 1
    assert str(event["LOCATION"]) == "Kommunhuset, Bålsta"


def test_a_cancelled_meeting_sends_a_cancel_for_the_same_entry(
    world: World, client_for, outbox, django_capture_on_commit_callbacks
) -> None:
    meeting = MeetingFactory(pair=world.pair)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("mentor").post(
            reverse("pairs:meeting_log", kwargs={"pk": meeting.pk}),
            {"outcome": "cancelled", "notes": ""},
        )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert outbox[0].to == [world.adept.email]
    method, calendar = _calendar_attachment(outbox[0])
    assert method == "CANCEL"
    event = calendar.walk("VEVENT")[0]
    assert str(event["UID"]) == meeting.uid and event["SEQUENCE"] == 1
    assert str(event["STATUS"]) == "CANCELLED"


def test_a_held_meeting_is_logged_with_its_length_and_shared_notes(
    world: World, client_for, outbox, django_capture_on_commit_callbacks
) -> None:
    meeting = MeetingFactory(
        pair=world.pair, starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("adept").post(
            reverse("pairs:meeting_log", kwargs={"pk": meeting.pk}),
            {"outcome": "held", "held_minutes": "75", "notes": "Vi pratade om delegering."},
        )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.status, meeting.held_minutes) == (MeetingStatus.HELD, 75)
    page = client_for("mentor").get(reverse("pairs:pair_detail", kwargs={"pk": world.pair.pk}))
    assert "Vi pratade om delegering." in page.content.decode()
    assert outbox[0].to == [world.mentor.email]


def test_a_meeting_still_to_come_cannot_be_logged_as_held(world: World, client_for) -> None:
    meeting = MeetingFactory(pair=world.pair)
    client = client_for("adept")
    client.cookies["mentorship_language"] = "en"
    response = client.post(
        reverse("pairs:meeting_log", kwargs={"pk": meeting.pk}),
        {"outcome": "held", "held_minutes": "60", "notes": "x"},
    )
    assert "A meeting can be logged as held once it has started." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED and meeting.notes == ""


def test_both_members_prepare_and_read_each_others_preparation(world: World, client_for) -> None:
    meeting = MeetingFactory(pair=world.pair, questions="Vad är svårast just nu?")
    client_for("adept").post(
        reverse("pairs:meeting_prepare", kwargs={"pk": meeting.pk}), {"text": "Att prioritera."}
    )
    client_for("mentor").post(
        reverse("pairs:meeting_prepare", kwargs={"pk": meeting.pk}), {"text": "Frågor om team."}
    )
    page = client_for("adept").get(reverse("pairs:pair_detail", kwargs={"pk": world.pair.pk}))
    body = page.content.decode()
    assert "Att prioritera." in body and "Frågor om team." in body
    assert "Vad är svårast just nu?" in body


def test_the_meeting_ics_download_has_the_stable_uid(world: World, client_for) -> None:
    meeting = MeetingFactory(pair=world.pair)
    response = client_for("mentor").get(reverse("pairs:meeting_ics", kwargs={"pk": meeting.pk}))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar.walk("VEVENT")[0]["UID"]) == meeting.uid


def test_a_meeting_already_held_is_recorded_in_one_step(world: World, client_for, outbox) -> None:
    day = timezone.localdate() - datetime.timedelta(days=3)
    response = client_for("mentor").post(
        reverse("pairs:meeting_record", kwargs={"pk": world.pair.pk}),
        {
            "day": day.isoformat(),
            "time": "10:00",
            "minutes": "75",
            "mode": "in_person",
            "place": "Kaféet vid stationen",
            "link": "",
            "notes": "Vi pratade om sommarens rekryteringar.",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(pair=world.pair)
    assert meeting.status == MeetingStatus.HELD and meeting.held_minutes == 75
    assert timezone.localtime(meeting.starts_at).date() == day
    assert outbox == []  # it has happened: nobody needs an invitation


def test_a_meeting_in_the_future_is_planned_not_recorded(world: World, client_for) -> None:
    day = timezone.localdate() + datetime.timedelta(days=3)
    response = client_for("adept").post(
        reverse("pairs:meeting_record", kwargs={"pk": world.pair.pk}),
        {"day": day.isoformat(), "time": "10:00", "minutes": "60", "mode": "digital"},
    )
    assert response.status_code == 200
    assert not Meeting.objects.filter(pair=world.pair).exists()

"""Events: creating them, registering, the waiting list, attendance, exports and reminders."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events.models import Audience, Event, EventKind, EventRegistration, RegistrationStatus
from events.selectors import cohort_events, event_attendance_for_cohort
from events.services.events import (
    event_attendance_mark,
    event_cancel,
    event_register,
    event_reminders_send,
    event_update,
)
from events.tasks import sweep
from tests.factories import UserFactory

from .factories_running import EventFactory, in_english

pytestmark = pytest.mark.usefixtures("in_english")
__all__ = ["in_english"]


def _form(world, **overrides):
    starts = timezone.localtime() + datetime.timedelta(days=10)
    data = {
        "kind": EventKind.SEMINAR,
        "title": "Seminarium om mentorskap",
        "theme": "Vad gör en bra mentor?",
        "description": "Föreläsning och samtal.",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Bålsta, Kommunhuset",
        "online_url": "",
        "capacity": "40",
        "audience": Audience.COHORT,
        "cohort": str(world.cohort.pk),
        "invitee_emails": "",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_a_seminar_that_the_cohort_sees(world, client_for) -> None:
    response = client_for("coordinator").post(
        reverse("events:event_create", kwargs={"programme_pk": world.programme.pk}),
        _form(world),
    )
    event = Event.objects.get(title="Seminarium om mentorskap")
    assert response.status_code == 302
    assert event.capacity == 40 and event.cohort == world.cohort
    page = client_for("adept").get(reverse("events:event_list"))
    assert "Seminarium om mentorskap" in page.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"capacity": "0"}, "An event needs at least one place."),
        (
            {
                "starts_at": "2020-03-01T09:00",
                "ends_at": "2020-03-01T12:00",
            },
            "The event cannot start in the past.",
        ),
        ({"online_url": "http://teams.example/meet"}, "The digital link must start with https://."),
        ({"cohort": ""}, "Choose the cohort whose participants are invited."),
    ],
)
def test_an_event_with_bad_input_is_refused_with_a_message_and_not_created(
    world, client_for, overrides, message
) -> None:
    client = client_for("coordinator")
    client.cookies.load({"mentorship_language": "en"})
    world.coordinator.preferred_language = "en"
    world.coordinator.save()
    response = client.post(
        reverse("events:event_create", kwargs={"programme_pk": world.programme.pk}),
        _form(world, **overrides),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_registration_for_a_free_place_registers(world) -> None:
    event = EventFactory(programme=world.programme, capacity=2)
    registration = event_register(event=event, person=world.adept)
    assert registration.status == RegistrationStatus.REGISTERED


def test_registering_twice_is_refused_and_changes_nothing(world) -> None:
    event = EventFactory(programme=world.programme, capacity=2)
    first = event_register(event=event, person=world.adept)
    with pytest.raises(ValidationError, match="already registered"):
        event_register(event=event, person=world.adept)
    assert list(EventRegistration.objects.values_list("pk", "status")) == [
        (first.pk, RegistrationStatus.REGISTERED)
    ]


def test_a_full_event_refuses_a_place_but_offers_the_waiting_list(world) -> None:
    event = EventFactory(programme=world.programme, capacity=1)
    event_register(event=event, person=world.adept)
    with pytest.raises(ValidationError, match="The event is full"):
        event_register(event=event, person=world.mentor)
    assert not EventRegistration.objects.filter(person=world.mentor).exists()
    waiting = event_register(event=event, person=world.mentor, join_waiting_list=True)
    assert waiting.status == RegistrationStatus.WAITING


def test_registering_through_the_page_shows_the_message_for_a_full_event(world, client_for) -> None:
    event = EventFactory(programme=world.programme, capacity=1)
    event_register(event=event, person=world.adept)
    client = client_for("mentor")
    response = client.post(
        reverse("events:event_register", kwargs={"pk": event.pk}),
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = response.content.decode()
    assert "The event is full" in page or "Träffen är full" in page or "fullt" in page
    assert not EventRegistration.objects.filter(person=world.mentor).exists()
    assert "waiting_list" in page  # the page offers the waiting list instead


def test_cancellation_moves_the_first_on_the_waiting_list_up_and_emails_them(
    world, outbox, django_capture_on_commit_callbacks
) -> None:
    event = EventFactory(programme=world.programme, capacity=1, title="Mentordagen")
    event_register(event=event, person=world.adept)
    event_register(event=event, person=world.mentor, join_waiting_list=True)
    event_register(event=event, person=world.other_mentor, join_waiting_list=True)
    with django_capture_on_commit_callbacks(execute=True):
        event_cancel(event=event, person=world.adept)
    statuses = dict(EventRegistration.objects.values_list("person__full_name", "status"))
    assert statuses == {
        "Ada Adept": RegistrationStatus.CANCELLED,
        "Mona Mentor": RegistrationStatus.REGISTERED,
        "Mats Mentor": RegistrationStatus.WAITING,
    }
    assert [m.to for m in outbox] == [[world.mentor.email]]
    assert "Mentordagen" in outbox[0].subject


def test_a_cancelled_person_can_register_again_at_the_end_of_the_queue(world) -> None:
    event = EventFactory(programme=world.programme, capacity=1)
    event_register(event=event, person=world.adept)
    event_cancel(event=event, person=world.adept)
    event_register(event=event, person=world.mentor)
    again = event_register(event=event, person=world.adept, join_waiting_list=True)
    assert again.status == RegistrationStatus.WAITING
    assert EventRegistration.objects.filter(event=event).count() == 2


def test_registration_for_a_past_event_is_refused(world) -> None:
    past = timezone.now() - datetime.timedelta(days=3)
    event = EventFactory(programme=world.programme, starts_at=past)
    with pytest.raises(ValidationError, match="already taken place"):
        event_register(event=event, person=world.adept)
    assert not EventRegistration.objects.exists()


def test_coordinator_marks_attendance_and_the_page_shows_it(world, client_for) -> None:
    event = EventFactory(programme=world.programme, capacity=5)
    for person in (world.adept, world.mentor):
        event_register(event=event, person=person)
    client = client_for("coordinator")
    url = reverse("events:event_attendance", kwargs={"pk": event.pk})
    assert "Ada Adept" in client.get(url).content.decode()
    adept = EventRegistration.objects.get(person=world.adept)
    bulk = reverse("events:event_attendance_bulk", kwargs={"pk": event.pk})
    response = client.post(bulk, {"action": "attended", "ids": str(adept.pk), "confirm": "1"})
    assert response.status_code == 302
    attended = dict(EventRegistration.objects.values_list("person_id", "attended"))
    assert attended == {world.adept.pk: True, world.mentor.pk: False}
    assert "1 of 2 registered attended" in client.get(url).content.decode()


def test_attendance_cannot_be_marked_for_someone_not_registered(world) -> None:
    event = EventFactory(programme=world.programme)
    event_register(event=event, person=world.adept)
    with pytest.raises(ValidationError):
        event_attendance_mark(event=event, attended_person_ids=[world.outsider.pk])
    assert not EventRegistration.objects.filter(attended=True).exists()


def test_the_exported_list_opens_in_swedish_excel_and_cannot_run_formulas(
    world, client_for
) -> None:
    event = EventFactory(programme=world.programme, capacity=5)
    sly = UserFactory(full_name='=HYPERLINK("http://evil")', email="sly@example.se")
    event.invitees.add(sly)
    event_register(event=event, person=world.adept)
    event_register(event=event, person=sly)
    event_attendance_mark(event=event, attended_person_ids=[world.adept.pk])
    response = client_for("coordinator").get(
        reverse("events:event_export", kwargs={"pk": event.pk})
    )
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].count(";") == 4
    assert any(line.startswith("Ada Adept;") for line in lines)
    assert (
        "'=HYPERLINK" in text
        and ";=HYPERLINK" not in text
        and not any(line.startswith("=") for line in lines)
    )


def test_the_ics_file_holds_the_event(world, client_for) -> None:
    event = EventFactory(programme=world.programme, title="Ledarcafé", place="Örebro")
    response = client_for("contact_a").get(reverse("events:event_ics", kwargs={"pk": event.pk}))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    entry = calendar.walk("VEVENT")[0]
    assert str(entry["SUMMARY"]) == "Ledarcafé"
    assert str(entry["LOCATION"]) == "Örebro"
    assert entry["DTSTART"].dt == event.starts_at.replace(microsecond=0)


def test_calendar_of_a_person_holds_registered_and_waiting_but_not_cancelled(world) -> None:
    kept = EventFactory(programme=world.programme, capacity=1)
    waiting = EventFactory(programme=world.programme, capacity=1)
    cancelled = EventFactory(programme=world.programme)
    event_register(event=kept, person=world.adept)
    event_register(event=waiting, person=world.mentor)
    event_register(event=waiting, person=world.adept, join_waiting_list=True)
    event_register(event=cancelled, person=world.adept)
    event_cancel(event=cancelled, person=world.adept)
    assert set(Event.objects.for_calendar_of(world.adept)) == {kept, waiting}


def test_reminders_go_out_once_before_the_event_from_the_sweep(world, outbox) -> None:
    soon = EventFactory(
        programme=world.programme,
        title="Frukostseminarium",
        starts_at=timezone.now() + datetime.timedelta(hours=10),
    )
    later = EventFactory(programme=world.programme)
    event_register(event=soon, person=world.adept)
    event_register(event=later, person=world.adept)
    result = sweep()
    assert result["event_reminders"] == 1
    assert event_reminders_send() == 0
    assert len(outbox) == 1
    assert "Frukostseminarium" in outbox[0].subject
    assert outbox[0].to == [world.adept.email]
    filename, content, mimetype = outbox[0].attachments[0]
    assert filename == f"event-{soon.pk}.ics"
    assert mimetype == "text/calendar"
    assert b"SUMMARY:Frukostseminarium" in (
        content if isinstance(content, bytes) else content.encode()
    )


def test_contact_of_a_member_municipality_sees_an_event_for_all_managers(world, client_for) -> None:
    event = EventFactory(programme=world.programme, title="Ledardag", capacity=340)
    page = client_for("contact_a").get(reverse("events:event_detail", kwargs={"pk": event.pk}))
    assert "Ledardag" in page.content.decode()
    assert (
        client_for("outsider")
        .get(reverse("events:event_detail", kwargs={"pk": event.pk}))
        .status_code
        == 404
    )


def test_an_invited_person_sees_an_event_for_invited_people_only(world, client_for) -> None:
    event = EventFactory(programme=world.programme, audience=Audience.INVITED)
    url = reverse("events:event_detail", kwargs={"pk": event.pk})
    assert client_for("manager").get(url).status_code == 404
    event.invitees.add(world.manager)
    assert client_for("manager").get(url).status_code == 200


def test_the_event_list_costs_the_same_queries_for_many_events(
    world, client_for, django_assert_max_num_queries
) -> None:
    for _n in range(15):
        event = EventFactory(programme=world.programme)
        event_register(event=event, person=world.adept)
    client = client_for("adept")
    with django_assert_max_num_queries(13):
        response = client.get(reverse("events:event_list"))
    assert response.content.decode().count("Seminarium") == 15


def test_attendance_figures_per_cohort_event_and_per_municipality(world) -> None:
    event = EventFactory(programme=world.programme, cohort=world.cohort, audience=Audience.COHORT)
    for person in (world.adept, world.mentor, world.people["other_adept"], world.outsider):
        event.invitees.add(person)
        event_register(event=event, person=person)
    event_attendance_mark(
        event=event, attended_person_ids=[world.adept.pk, world.mentor.pk, world.outsider.pk]
    )
    rows = event_attendance_for_cohort(world.cohort)
    # The outsider is not in the cohort and is not counted.
    assert [(r.event, r.registered, r.attended) for r in rows] == [(event, 3, 2)]
    figures = {
        municipality.name: [
            (r.registered, r.attended)
            for r in event_attendance_for_cohort(world.cohort, municipality=municipality)
        ]
        for municipality in (world.municipality_a, world.municipality_b, world.municipality_c)
    }
    assert figures == {"Håbo": [(1, 1)], "Enköping": [(2, 1)], "Knivsta": [(0, 0)]}


def test_a_cohort_year_has_its_own_events_and_the_programme_wide_ones_within_its_dates(
    world,
) -> None:
    cohort = world.cohort

    def programme_wide(day: datetime.date) -> Event:
        starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
        return EventFactory(
            programme=world.programme,
            cohort=None,
            audience=Audience.INVITED,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
        )

    own = EventFactory(programme=world.programme, cohort=cohort, audience=Audience.COHORT)
    during = programme_wide(cohort.starts_on)
    before = programme_wide(cohort.starts_on - datetime.timedelta(days=1))
    EventFactory(programme=world.other_programme, cohort=world.other_cohort)
    assert set(cohort_events(cohort)) == {own, during}
    assert before not in [row.event for row in event_attendance_for_cohort(cohort)]


def test_fewer_places_than_registered_is_refused_and_more_places_move_the_queue_up(
    world, outbox, django_capture_on_commit_callbacks
) -> None:
    event = EventFactory(programme=world.programme, capacity=2)
    event_register(event=event, person=world.adept)
    event_register(event=event, person=world.other_mentor)
    event_register(event=event, person=world.mentor, join_waiting_list=True)
    with pytest.raises(ValidationError, match="2 people are already registered"):
        event_update(event=event, capacity=1)
    event.refresh_from_db()
    assert event.capacity == 2
    with django_capture_on_commit_callbacks(execute=True):
        event_update(event=event, capacity=3)
    assert EventRegistration.objects.get(person=world.mentor).status == (
        RegistrationStatus.REGISTERED
    )
    assert [m.to for m in outbox] == [[world.mentor.email]]


def test_the_event_page_speaks_swedish_to_a_swedish_reader(world, client_for) -> None:
    world.adept.preferred_language = "sv"
    world.adept.save()
    event = EventFactory(programme=world.programme, capacity=1)
    page = client_for("adept").get(reverse("events:event_detail", kwargs={"pk": event.pk}))
    text = page.content.decode()
    assert "Anmäl mig" in text and "Lägg till i kalendern (.ics)" in text

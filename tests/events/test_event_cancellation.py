"""A coordinator cancels a whole event: who is told, what the event still shows, what it
refuses, and that the cohort's figures leave it out."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from events.models import Audience, Event, EventKind, EventRegistration
from events.selectors import cohort_events, event_attendance_for_cohort
from events.services.attendance import event_check_in
from events.services.cancellation import event_call_off
from events.services.events import (
    event_attendance_mark,
    event_cancel,
    event_create,
    event_register,
    event_reminders_send,
    event_update,
)
from events.services.open_events import open_event_register
from events.services.sessions import session_plan
from notifications.models import Delivery, DeliveryStatus
from notifications.services import deliveries_send
from pairs.calendar import feed_events
from tests.factories import UserFactory
from tests.world import World

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def _leader_day(world: World, **fields) -> Event:  # type: ignore[no-untyped-def]
    starts = fields.pop("starts_at", timezone.now() + datetime.timedelta(days=10))
    fields.setdefault("audience", Audience.COHORT)
    fields.setdefault("cohort", world.cohort)
    return event_create(
        programme=world.programme,
        kind=EventKind.LEADER_DAY,
        title="Ledardagen",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=6),
        place="Bålsta, Kulturhuset",
        capacity=2,
        **fields,
    )


def test_everyone_registered_waiting_or_invited_is_told_once_with_the_note(
    world: World, outbox, django_capture_on_commit_callbacks
) -> None:
    guest, waiting = UserFactory(), UserFactory()
    event = _leader_day(world, invitees=[guest])
    event_register(event=event, person=world.adept)
    event_register(event=event, person=guest)
    event_register(event=event, person=waiting, join_waiting_list=True)
    event_register(event=event, person=world.mentor, join_waiting_list=True)
    event_cancel(event=event, person=world.mentor)  # withdrew on their own: not told again
    outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event_call_off(event=event, actor=world.coordinator, note="Talaren är sjuk.\nNytt datum.")
    told = {world.adept.email, guest.email, waiting.email, world.other_adept.email}
    told.add(world.other_mentor.email)  # of the cohort, invited, not registered
    assert {m.to[0] for m in outbox} == told and len(outbox) == len(told)
    message = next(m for m in outbox if m.to == [world.adept.email])
    assert message.subject.startswith(f"{world.programme.name}: Ledardagen on ")
    assert message.subject.endswith(" is cancelled")
    assert "Talaren är sjuk." in message.body
    assert f"{settings.SITE_URL}/events/{event.pk}/" in message.body
    assert "Talaren är sjuk.<br>Nytt datum." in message.alternatives[0][0]
    event.refresh_from_db()
    assert event.is_cancelled and event.cancellation_note == "Talaren är sjuk.\nNytt datum."
    assert AuditEvent.objects.filter(action="event.cancel", target_id=str(event.pk)).exists()
    # The places stay as they were: the list still says who was coming.
    assert EventRegistration.objects.filter(event=event, person=world.adept).get().status == (
        "registered"
    )


def test_with_invitations_switched_off_only_the_people_registered_are_told(
    world: World, outbox, django_capture_on_commit_callbacks
) -> None:
    world.programme.mails_event_invitation = False
    world.programme.save(update_fields=["mails_event_invitation"])
    event = _leader_day(world)
    event_register(event=event, person=world.adept)
    with django_capture_on_commit_callbacks(execute=True):
        event_call_off(event=event, actor=world.coordinator)
    assert [m.to for m in outbox] == [[world.adept.email]]


def test_a_cancelled_event_takes_no_registration_change_or_attendance(world: World) -> None:
    event = _leader_day(world)
    registration = event_register(event=event, person=world.adept)
    event_call_off(event=event, actor=world.coordinator)
    refusals = (
        lambda: event_register(event=event, person=world.mentor),
        lambda: event_cancel(event=event, person=world.adept),
        lambda: event_update(event=event, place="Knivsta"),
        lambda: event_attendance_mark(event=event, attended_person_ids=[world.adept.pk]),
        lambda: event_check_in(event=event, registration_id=registration.pk),
        lambda: event_call_off(event=event, actor=world.coordinator),
    )
    for refused in refusals:
        with pytest.raises(ValidationError, match=r"The event is cancelled\."):
            refused()
    registration.refresh_from_db()
    assert (registration.status, registration.attended) == ("registered", False)


def test_an_open_event_cancelled_refuses_registration_on_its_public_page_too(
    world: World,
) -> None:
    event = _leader_day(
        world, audience=Audience.OPEN, cohort=None, open_municipalities=[world.municipality_a]
    )
    event_call_off(event=event, actor=world.coordinator)
    with pytest.raises(ValidationError, match=r"The event is cancelled\."):
        open_event_register(
            event=event,
            person=UserFactory(),
            full_name="Lena Ledare",
            municipality=world.municipality_a,
        )


def test_an_event_that_has_begun_or_a_session_cannot_be_cancelled(world: World) -> None:
    begun = Event.objects.create(
        programme=world.programme,
        cohort=world.cohort,
        kind=EventKind.KICKOFF,
        title="Uppstart",
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() + datetime.timedelta(hours=2),
        place="Bålsta",
        capacity=10,
    )
    with pytest.raises(ValidationError, match="already begun"):
        event_call_off(event=begun, actor=world.coordinator)
    starts = timezone.now() + datetime.timedelta(days=5)
    session = session_plan(
        cohort=world.cohort,
        actor=world.coordinator,
        title="Träff 1",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Kommunhuset",
    )
    with pytest.raises(ValidationError, match="removed from the cohort's sessions"):
        event_call_off(event=session, actor=world.coordinator)
    assert not Event.objects.filter(cancelled_at__isnull=False).exists()


def test_the_reminder_of_a_cancelled_event_is_not_sent(world: World, outbox) -> None:
    event = _leader_day(world, starts_at=timezone.now() + datetime.timedelta(hours=20))
    event_register(event=event, person=world.adept)
    event_reminders_send()
    assert Delivery.objects.get(kind="event_reminder").status == DeliveryStatus.SENT
    # A reminder still in the outbox when the event is cancelled is dropped when its turn comes.
    Delivery.objects.filter(kind="event_reminder").update(
        status=DeliveryStatus.PENDING, sent_at=None, next_attempt_at=timezone.now()
    )
    event_call_off(event=event, actor=world.coordinator)
    outbox.clear()
    deliveries_send(kinds=["event_reminder"])
    assert outbox == []
    assert Delivery.objects.get(kind="event_reminder").status == DeliveryStatus.DROPPED
    # Nor does the next sweep queue one.
    event_reminders_send()
    assert Delivery.objects.filter(kind="event_reminder").count() == 1


def test_the_cohorts_figures_and_calendar_feed_know_it_is_cancelled(world: World) -> None:
    kept = _leader_day(world)
    cancelled = _leader_day(world)
    event_register(event=kept, person=world.adept)
    event_register(event=cancelled, person=world.adept)
    event_call_off(event=cancelled, actor=world.coordinator)
    assert list(cohort_events(world.cohort)) == [kept]
    assert [row.event for row in event_attendance_for_cohort(world.cohort)] == [kept]
    feed = {entry.uid: entry.cancelled for entry in feed_events(world.adept)}
    assert feed == {
        f"programmes-event-{kept.pk}@mentorship": False,
        f"programmes-event-{cancelled.pk}@mentorship": True,
    }


def test_the_events_ics_says_cancelled(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    event = _leader_day(world)
    event_call_off(event=event, actor=world.coordinator)
    body = client_for("adept").get(reverse("events:event_ics", args=[event.pk])).content
    assert b"STATUS:CANCELLED" in body


def test_the_coordinator_cancels_from_the_events_page_with_a_note(
    world: World, client_for, django_capture_on_commit_callbacks, outbox
) -> None:  # type: ignore[no-untyped-def]
    event = _leader_day(world)
    event_register(event=event, person=world.adept)
    client = client_for("coordinator")
    url = reverse("events:event_call_off", args=[event.pk])
    page = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert f'href="{url}"' in page
    form = client.get(url).content.decode()
    assert "4 people get an email that the event is cancelled" in form
    assert "1 of them has a place." in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"note": "Stormen stänger vägarna."}, follow=True)
    page = response.content.decode()
    assert "The event is cancelled. 4 people are told by email." in page
    assert 'id="cancelled-notice"' in page and "Stormen stänger vägarna." in page
    assert f'href="{url}"' not in page
    assert reverse("events:event_check_in", args=[event.pk]) not in page
    assert len(outbox) == 4
    # The participant's page says so and offers no registration.
    mine = client_for("adept").get(reverse("events:event_detail", args=[event.pk])).content
    assert b"The event is cancelled." in mine and b"Cancel my registration" not in mine
    listing = client_for("adept").get(reverse("events:event_list")).content.decode()
    assert "Cancelled</span>" in listing


def test_a_too_long_note_is_refused_and_nothing_changes(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    event = _leader_day(world)
    response = client_for("coordinator").post(
        reverse("events:event_call_off", args=[event.pk]), {"note": "x" * 2001}
    )
    assert response.status_code == 200
    assert "at most 2000 characters" in response.content.decode()
    event.refresh_from_db()
    assert not event.is_cancelled and not Delivery.objects.filter(kind="event_cancelled").exists()


@pytest.mark.parametrize("persona", ["adept", "contact_a", "other_coordinator", "anonymous"])
def test_only_the_programmes_coordinators_cancel_an_event(
    world: World, client_for, persona: str
) -> None:  # type: ignore[no-untyped-def]
    event = _leader_day(world)
    url = reverse("events:event_call_off", args=[event.pk])
    client = client_for(persona)
    responses = (client.get(url), client.post(url, {"note": "Nej"}))
    expected = 302 if persona == "anonymous" else 404
    assert [r.status_code for r in responses] == [expected, expected]
    event.refresh_from_db()
    assert not event.is_cancelled


def test_a_cancelled_events_edit_page_sends_back_to_the_event(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    event = _leader_day(world)
    event_call_off(event=event, actor=world.coordinator)
    response = client_for("coordinator").post(
        reverse("events:event_edit", args=[event.pk]), {"title": "Ny titel"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("events:event_detail", args=[event.pk])
    event.refresh_from_db()
    assert event.title == "Ledardagen"


def test_a_cancelled_event_has_no_attendance_pages(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    event = _leader_day(world)
    event_call_off(event=event, actor=world.coordinator)
    client = client_for("coordinator")
    for name in ("event_attendance", "event_check_in", "event_attendance_import"):
        assert client.get(reverse(f"events:{name}", args=[event.pk])).status_code == 404
    assert client.get(reverse("events:event_export", args=[event.pk])).status_code == 200


def test_the_swedish_mail_and_badge(
    world: World, outbox, django_capture_on_commit_callbacks, client_for
) -> None:  # type: ignore[no-untyped-def]
    world.adept.preferred_language = "sv"
    world.adept.save(update_fields=["preferred_language"])
    event = _leader_day(world)
    event_register(event=event, person=world.adept)
    with django_capture_on_commit_callbacks(execute=True):
        event_call_off(event=event, actor=world.coordinator)
    swedish = next(m for m in outbox if m.to == [world.adept.email])
    assert swedish.subject.endswith(" är inställd")
    assert "är inställd" in swedish.body
    client = client_for("adept")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    listing = client.get(reverse("events:event_list")).content.decode()
    assert "Inställd</span>" in listing

"""The journey mails of a cohort's events and sessions: invitation, change, cancellation."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from events.models import Audience, Event, EventKind
from events.services.events import event_cancel, event_create, event_register, event_update
from events.services.sessions import session_delete, session_plan, session_update
from events.tasks import sweep
from notifications.models import Delivery
from programmes.models import EnrolmentStatus, MailTemplate, Role
from programmes.services.enrolment import enrolment_admit
from tests.factories import EnrolmentFactory, UserFactory
from tests.world import World

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def _participants(world: World) -> set[str]:
    return {p.email for p in (world.adept, world.mentor, world.other_adept, world.other_mentor)}


def _adepts(world: World) -> set[str]:
    return {world.adept.email, world.other_adept.email}


def _seminar(world: World, **fields) -> Event:  # type: ignore[no-untyped-def]
    starts = timezone.now() + datetime.timedelta(days=10)
    fields.setdefault("audience", Audience.COHORT)
    fields.setdefault("cohort", world.cohort)
    fields.setdefault("title", "Seminarium om mentorskap")
    return event_create(
        programme=world.programme,
        kind=EventKind.SEMINAR,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        place="Bålsta, Kommunhuset",
        capacity=40,
        **fields,
    )


def _session(world: World, **fields) -> Event:  # type: ignore[no-untyped-def]
    starts = fields.pop("starts_at", timezone.now() + datetime.timedelta(days=14))
    fields.setdefault("title", "Träff 1")
    return session_plan(
        cohort=world.cohort,
        actor=world.coordinator,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        place="Kommunhuset",
        **fields,
    )


def test_a_cohort_event_invites_its_participants_with_its_page_and_calendar_links(
    world: World, outbox, django_capture_on_commit_callbacks, client_for
) -> None:
    starts = timezone.localtime() + datetime.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coordinator").post(
            reverse("events:event_create", kwargs={"programme_pk": world.programme.pk}),
            {
                "kind": EventKind.SEMINAR,
                "title": "Seminarium om mentorskap",
                "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
                "ends_at": (starts + datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
                "place": "Bålsta, Kommunhuset",
                "capacity": "40",
                "audience": Audience.COHORT,
                "cohort": str(world.cohort.pk),
                "invitee_emails": "",
            },
        )
    assert response.status_code == 302
    event = Event.objects.get(title="Seminarium om mentorskap")
    assert {m.to[0] for m in outbox} == _participants(world)
    assert len(outbox) == 4
    message = outbox[0]
    page = f"{settings.SITE_URL}/events/{event.pk}/"
    ics = f"{settings.SITE_URL}/events/{event.pk}/event.ics"
    assert message.subject.startswith(f"{world.programme.name}: invitation to Seminarium")
    assert page in message.body and ics in message.body and "Register" in message.body
    html = message.alternatives[0][0]
    assert f'href="{page}"' in html and f'href="{ics}"' in html
    assert world.programme.name in html


def test_an_event_for_the_adepts_only_invites_no_mentor(
    world: World, outbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _seminar(world, for_adepts_only=True)
    assert {m.to[0] for m in outbox} == _adepts(world)


def test_an_event_for_invited_people_invites_them_and_an_open_one_nobody(
    world: World, outbox, django_capture_on_commit_callbacks
) -> None:
    guest = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _seminar(world, audience=Audience.INVITED, cohort=None, invitees=[guest])
        _seminar(
            world,
            audience=Audience.OPEN,
            cohort=None,
            open_municipalities=[world.municipality_a],
        )
    assert [m.to for m in outbox] == [[guest.email]]


def test_a_session_invites_those_expected_with_its_page_and_no_registration(
    world: World, outbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        session = _session(world)
    assert {m.to[0] for m in outbox} == _participants(world)
    assert f"{settings.SITE_URL}/sessions/{session.pk}/" in outbox[0].body
    assert "do not need to register" in outbox[0].body


def test_a_session_entered_after_it_took_place_invites_nobody(
    world: World, outbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _session(world, starts_at=timezone.now() - datetime.timedelta(days=2))
    assert outbox == []


def test_a_changed_time_or_place_is_told_once_to_those_invited_or_registered(
    world: World, outbox, django_capture_on_commit_callbacks
) -> None:
    guest = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        event = _seminar(world)
    event_register(event=event, person=guest)  # registered, though not of the cohort
    event_register(event=event, person=world.other_mentor)
    event_cancel(event=event, person=world.other_mentor)
    was = timezone.localtime(event.starts_at)
    outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event_update(event=event, title="Seminarium om tillit")  # neither time nor place
    assert outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        event_update(event=event, place="Enköping, Stadshuset")
    told = {world.adept.email, world.mentor.email, world.other_adept.email, guest.email}
    assert {m.to[0] for m in outbox} == told and len(outbox) == 4
    message = outbox[0]
    assert message.subject.startswith(f"{world.programme.name}: Seminarium om tillit has changed")
    assert "Enköping, Stadshuset" in message.body
    assert f"Before the change: {was:%A} " in message.body and "Bålsta, Kommunhuset" in message.body
    assert f"{settings.SITE_URL}/events/{event.pk}/" in message.body
    outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        day = datetime.timedelta(days=1)
        event_update(event=event, starts_at=event.starts_at + day, ends_at=event.ends_at + day)
    assert len(outbox) == 4  # a second change is news again
    assert Delivery.objects.filter(kind="event_changed").count() == 8


def test_moving_a_session_tells_those_expected(
    world: World, outbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        session = _session(world, for_adepts_only=True)
    outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session_update(
            event=session,
            actor=world.coordinator,
            starts_at=session.starts_at + datetime.timedelta(hours=2),
            ends_at=session.ends_at + datetime.timedelta(hours=2),
        )
    assert {m.to[0] for m in outbox} == _adepts(world)
    assert f"/sessions/{session.pk}/" in outbox[0].body


def test_a_cancelled_session_is_told_with_the_programmes_name(
    world: World, outbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        session = _session(world)
    outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session_delete(event=session, actor=world.coordinator)
    assert {m.to[0] for m in outbox} == _participants(world)
    assert f"The session Träff 1 of {world.programme.name} is cancelled." in outbox[0].body


def test_switched_off_no_invitation_change_or_cancellation_is_queued(
    world: World, outbox, django_capture_on_commit_callbacks
) -> None:
    world.programme.mails_event_invitation = False
    world.programme.save(update_fields=["mails_event_invitation"])
    with django_capture_on_commit_callbacks(execute=True):
        event = _seminar(world)
        event_update(event=event, place="Enköping, Stadshuset")
        session = _session(world)
        session_update(event=session, actor=world.coordinator, place="Knivsta")
        session_delete(event=session, actor=world.coordinator)
    assert outbox == []
    assert not Delivery.objects.exists()


def test_each_person_is_invited_in_their_own_language(
    world: World, outbox, django_capture_on_commit_callbacks
) -> None:
    world.adept.preferred_language = "sv"
    world.adept.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        _seminar(world)
    subjects = {m.to[0]: m.subject for m in outbox}
    assert subjects[world.adept.email].startswith(f"{world.programme.name}: inbjudan till ")
    assert subjects[world.mentor.email].startswith(f"{world.programme.name}: invitation to ")
    swedish = next(m for m in outbox if m.to[0] == world.adept.email)
    assert "Anmäl dig på aktivitetens sida" in swedish.body


def test_the_programmes_own_text_of_the_invitation_is_used_with_its_merge_fields(
    world: World, outbox, django_capture_on_commit_callbacks
) -> None:
    MailTemplate.objects.create(
        programme=world.programme,
        key="event_invitation",
        language="en",
        subject="Come to {event}, {first_name}",
        body="See {link} and put it in your calendar: {calendar_link}",
    )
    with django_capture_on_commit_callbacks(execute=True):
        event = _seminar(world)
    message = next(m for m in outbox if m.to == [world.adept.email])
    assert (
        message.subject == f"Come to Seminarium om mentorskap, {world.adept.full_name.split()[0]}"
    )
    assert f"{settings.SITE_URL}/events/{event.pk}/event.ics" in message.body
    assert f'href="{settings.SITE_URL}/events/{event.pk}/"' in message.alternatives[0][0]


def test_a_participant_admitted_later_is_invited_to_the_coming_events_once(
    world: World, outbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        seminar = _seminar(world)
        for_adepts = _seminar(world, title="Adeptträff", for_adepts_only=True)
        session = _session(world)
        _session(world, title="Träff 0", starts_at=timezone.now() - datetime.timedelta(days=3))
    outbox.clear()
    late_mentor = EnrolmentFactory(
        person=UserFactory(preferred_language="en"),
        cohort=world.cohort,
        role=Role.MENTOR,
        status=EnrolmentStatus.APPLIED,
        completed_at=timezone.now(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_admit(enrolment=late_mentor, actor=world.coordinator)
    invitations = [m for m in outbox if "invitation to" in m.subject]
    assert all(m.to == [late_mentor.person.email] for m in invitations)
    # Not the adepts' event, not the session already held.
    assert sorted(m.subject.split(": invitation to ")[1].split(",")[0] for m in invitations) == [
        "Seminarium om mentorskap",
        "Träff 1",
    ]
    assert any(f"/events/{seminar.pk}/" in m.body for m in invitations)
    assert any(f"/sessions/{session.pk}/" in m.body for m in invitations)
    assert for_adepts.pk not in Delivery.objects.filter(
        kind="event_invitation", recipient=late_mentor.person
    ).values_list("payload__event_id", flat=True)
    sweep()
    assert len([m for m in outbox if "invitation to" in m.subject]) == 2

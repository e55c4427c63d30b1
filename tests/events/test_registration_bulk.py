"""The coordinator's bulk changes to an event's registrations: all or nothing, one audit entry."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from audit.models import AuditEvent
from events.models import EventRegistration, RegistrationStatus
from events.services.events import event_register
from events.services.registrations import (
    registrations_cancel,
    registrations_email,
    registrations_mark_attended,
    registrations_promote,
)
from tests.factories import UserFactory
from tests.programmes.factories_running import EventFactory
from tests.world import World


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _event_with(world: World, *, capacity: int, registered: int, waiting: int = 0):  # type: ignore[no-untyped-def]
    event = EventFactory(programme=world.programme, capacity=capacity)
    people = UserFactory.create_batch(registered + waiting, password=None)
    for person in people:
        event_register(event=event, person=person, join_waiting_list=True)
    return event, list(EventRegistration.objects.filter(event=event).order_by("registered_at"))


def _statuses(event) -> dict[int, tuple[str, bool]]:  # type: ignore[no-untyped-def]
    return {r.pk: (r.status, r.attended) for r in EventRegistration.objects.filter(event=event)}


def test_marking_attendance_changes_the_chosen_and_is_one_audit_entry_listing_them(
    world: World,
) -> None:
    event, registrations = _event_with(world, capacity=5, registered=5)
    chosen = [r.pk for r in registrations[:3]]
    count = registrations_mark_attended(
        event=event, registration_ids=chosen, attended=True, actor=world.coordinator
    )
    assert count == 3
    attended = set(
        EventRegistration.objects.filter(event=event, attended=True).values_list("pk", flat=True)
    )
    assert attended == set(chosen)
    entry = AuditEvent.objects.get(action="event_registration.attended")
    assert entry.actor == world.coordinator
    assert entry.target_type == "events.eventregistration"
    assert sorted(entry.object_ids) == sorted(chosen)


def test_marking_someone_on_the_waiting_list_changes_nobody(world: World) -> None:
    event, registrations = _event_with(world, capacity=2, registered=2, waiting=1)
    before = _statuses(event)
    with pytest.raises(ValidationError, match="1 of the chosen people holds no place"):
        registrations_mark_attended(
            event=event,
            registration_ids=[r.pk for r in registrations],
            attended=True,
            actor=world.coordinator,
        )
    assert _statuses(event) == before
    assert not AuditEvent.objects.filter(action__startswith="event_registration").exists()


def test_a_registration_of_another_event_refuses_the_whole_action(world: World) -> None:
    event, registrations = _event_with(world, capacity=3, registered=3)
    _other, others = _event_with(world, capacity=1, registered=1)
    with pytest.raises(ValidationError, match="no longer on the event's list"):
        registrations_mark_attended(
            event=event,
            registration_ids=[registrations[0].pk, others[0].pk],
            attended=True,
            actor=world.coordinator,
        )
    assert not EventRegistration.objects.filter(attended=True).exists()


def test_moving_from_the_waiting_list_gives_places_and_emails_each(
    world: World, outbox, django_capture_on_commit_callbacks
) -> None:
    event, registrations = _event_with(world, capacity=2, registered=2, waiting=3)
    event.capacity = 4
    event.save()
    waiting = [r for r in registrations if r.status == RegistrationStatus.WAITING]
    with django_capture_on_commit_callbacks(execute=True):
        count = registrations_promote(
            event=event, registration_ids=[r.pk for r in waiting[1:]], actor=world.coordinator
        )
    assert count == 2
    statuses = _statuses(event)
    assert statuses[waiting[0].pk][0] == RegistrationStatus.WAITING
    assert {statuses[r.pk][0] for r in waiting[1:]} == {RegistrationStatus.REGISTERED}
    assert sorted(m.to[0] for m in outbox) == sorted(r.person.email for r in waiting[1:])
    assert AuditEvent.objects.get(action="event_registration.promote").object_ids == [
        r.pk for r in waiting[1:]
    ]


def test_more_people_than_free_places_are_refused_and_nobody_moves(world: World) -> None:
    event, registrations = _event_with(world, capacity=2, registered=2, waiting=3)
    event.capacity = 3
    event.save()
    waiting = [r.pk for r in registrations if r.status == RegistrationStatus.WAITING]
    before = _statuses(event)
    with pytest.raises(ValidationError, match="1 free place, too few for the 2 chosen"):
        registrations_promote(event=event, registration_ids=waiting[:2], actor=world.coordinator)
    assert _statuses(event) == before


def test_a_full_event_says_so(world: World) -> None:
    event, registrations = _event_with(world, capacity=1, registered=1, waiting=1)
    with pytest.raises(ValidationError, match="The event is full"):
        registrations_promote(
            event=event, registration_ids=[registrations[1].pk], actor=world.coordinator
        )


def test_cancelling_frees_places_for_the_waiting_list(world: World) -> None:
    event, registrations = _event_with(world, capacity=2, registered=2, waiting=1)
    count = registrations_cancel(
        event=event, registration_ids=[registrations[0].pk], actor=world.coordinator
    )
    assert count == 1
    statuses = _statuses(event)
    assert statuses[registrations[0].pk][0] == RegistrationStatus.CANCELLED
    assert statuses[registrations[2].pk][0] == RegistrationStatus.REGISTERED
    entry = AuditEvent.objects.get(action="event_registration.cancel")
    assert entry.object_ids == [registrations[0].pk]


def test_cancelling_someone_already_cancelled_changes_nobody(world: World) -> None:
    event, registrations = _event_with(world, capacity=3, registered=3)
    registrations_cancel(
        event=event, registration_ids=[registrations[0].pk], actor=world.coordinator
    )
    with pytest.raises(ValidationError, match="1 of the chosen people has already cancelled"):
        registrations_cancel(
            event=event,
            registration_ids=[registrations[0].pk, registrations[1].pk],
            actor=world.coordinator,
        )
    assert _statuses(event)[registrations[1].pk][0] == RegistrationStatus.REGISTERED


def test_nobody_registers_or_cancels_for_a_session_but_attendance_is_marked(
    world: World, make_session
) -> None:
    session = make_session(days=-1)
    registrations = list(EventRegistration.objects.filter(event=session))
    ids = [r.pk for r in registrations]
    with pytest.raises(ValidationError, match="Nobody registers for a session"):
        registrations_cancel(event=session, registration_ids=ids, actor=world.coordinator)
    assert (
        registrations_mark_attended(
            event=session, registration_ids=ids[:2], attended=True, actor=world.coordinator
        )
        == 2
    )
    registrations_mark_attended(
        event=session, registration_ids=ids[:1], attended=False, actor=world.coordinator
    )
    attended = EventRegistration.objects.filter(event=session, attended=True)
    assert list(attended.values_list("pk", flat=True)) == [ids[1]]


def test_the_chosen_people_get_the_message_with_a_link_to_the_event(
    world: World, outbox, django_capture_on_commit_callbacks
) -> None:
    event, registrations = _event_with(world, capacity=3, registered=3)
    chosen = registrations[:2]
    with django_capture_on_commit_callbacks(execute=True):
        count = registrations_email(
            event=event,
            registration_ids=[r.pk for r in chosen],
            actor=world.coordinator,
            subject="Parkering",
            body="Parkera vid kommunhuset.",
        )
    assert count == 2
    assert sorted(m.to[0] for m in outbox) == sorted(r.person.email for r in chosen)
    message = outbox[0]
    assert message.subject == "Parkering"
    assert "Parkera vid kommunhuset." in message.body
    assert f"/events/{event.pk}/" in message.body
    assert 'href="http' in message.alternatives[0][0]
    entry = AuditEvent.objects.get(action="event_registration.email")
    assert sorted(entry.object_ids) == sorted(r.pk for r in chosen)


def test_a_message_without_a_subject_goes_to_nobody(world: World, outbox) -> None:
    event, registrations = _event_with(world, capacity=1, registered=1)
    with pytest.raises(ValidationError, match="Write a subject and a message"):
        registrations_email(
            event=event,
            registration_ids=[registrations[0].pk],
            actor=world.coordinator,
            subject=" ",
            body="Hej",
        )
    assert not AuditEvent.objects.filter(action="event_registration.email").exists()

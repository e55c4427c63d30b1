"""Events' to-do on the start page: coming events a person is invited to and has not answered."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Audience, EventKind, EventRegistration, RegistrationStatus
from tests.programmes.factories_enrolment import english
from tests.programmes.factories_running import EventFactory
from tests.todos import find, todos_on_start_page
from tests.world import World

__all__ = ["english"]

pytestmark = pytest.mark.django_db

LINE = "Events to register for"


def test_a_participant_sees_the_coming_events_of_their_cohort_not_yet_answered(
    world: World, client_for
) -> None:
    cohort_event = EventFactory(
        programme=world.programme, cohort=world.cohort, audience=Audience.COHORT
    )
    EventFactory(programme=world.programme, cohort=world.cohort, audience=Audience.COHORT)
    # Past, a session (everyone is expected), and one the adept has already answered.
    EventFactory(
        programme=world.programme,
        cohort=world.cohort,
        audience=Audience.COHORT,
        starts_at=timezone.now() - datetime.timedelta(days=2),
    )
    EventFactory(
        programme=world.programme,
        cohort=world.cohort,
        audience=Audience.COHORT,
        kind=EventKind.SESSION,
    )
    answered = EventFactory(
        programme=world.programme, cohort=world.cohort, audience=Audience.COHORT
    )
    EventRegistration.objects.create(
        event=answered, person=world.adept, status=RegistrationStatus.CANCELLED
    )
    (todo,) = find(todos_on_start_page(client_for("adept")), LINE)
    assert todo.count == 2
    assert todo.url == reverse("events:event_list")
    EventRegistration.objects.create(event=cohort_event, person=world.adept)
    (todo,) = find(todos_on_start_page(client_for("adept")), LINE)
    assert todo.count == 1


def test_a_personal_invitation_counts_and_another_cohorts_event_does_not(
    world: World, client_for
) -> None:
    invitation = EventFactory(programme=world.other_programme, audience=Audience.INVITED)
    invitation.invitees.add(world.manager)
    EventFactory(
        programme=world.other_programme, cohort=world.other_cohort, audience=Audience.COHORT
    )
    (todo,) = todos_on_start_page(client_for("manager"))
    assert (todo.label, todo.count) == (LINE, 1)
    assert find(todos_on_start_page(client_for("adept")), LINE) == []

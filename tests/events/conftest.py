"""Open events for the world's programme, open to municipality A (Håbo), and sessions of its
cohort."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from events.models import Audience, Event, EventKind
from events.services.session_participants import session_participants_sync
from tests.programmes.factories_running import EventFactory, in_english
from tests.world import World

__all__ = ["in_english"]


@pytest.fixture
def open_event(world: World) -> Callable[..., Event]:
    def make(**fields: Any) -> Event:
        fields.setdefault("audience", Audience.OPEN)
        fields.setdefault("title", "Ledarskapscafé")
        event = EventFactory(programme=world.programme, **fields)
        event.open_municipalities.set([world.municipality_a])
        return event

    return make


@pytest.fixture
def make_session(world: World) -> Callable[..., Event]:
    """A session of the world's cohort, in ``days`` from now (negative: already held), with
    the cohort's admitted participants expected. Held sessions are made directly, since a
    coordinator cannot plan a session in the past."""

    def make(days: float = 7, **fields: Any) -> Event:
        starts = timezone.now() + datetime.timedelta(days=days)
        fields.setdefault("cohort", world.cohort)
        fields.setdefault("title", f"Träff {Event.objects.filter(kind='session').count() + 1}")
        fields.setdefault("theme", "Att leda sig själv")
        fields.setdefault("reflection_questions", "Vad tar du med dig?\nVad gör du nu?")
        session = Event.objects.create(
            programme=fields["cohort"].programme,
            kind=EventKind.SESSION,
            audience=Audience.COHORT,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=3),
            place="Kommunhuset, sal 2",
            capacity=1,
            **fields,
        )
        session_participants_sync(event=session)
        session.refresh_from_db()
        return session

    return make

"""Open events for the world's programme, open to municipality A (Håbo)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from events.models import Audience, Event
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

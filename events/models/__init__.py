"""Events with their registrations and attendance, and the documents a programme shares."""

from __future__ import annotations

from events.models.events import (
    Audience,
    Event,
    EventKind,
    EventQuerySet,
    EventRegistration,
    RegistrationStatus,
)
from events.models.resources import Resource

__all__ = [
    "Audience",
    "Event",
    "EventKind",
    "EventQuerySet",
    "EventRegistration",
    "RegistrationStatus",
    "Resource",
]

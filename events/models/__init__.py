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
from events.models.sessions import ReflectionAnswer, SessionReflection

__all__ = [
    "Audience",
    "Event",
    "EventKind",
    "EventQuerySet",
    "EventRegistration",
    "ReflectionAnswer",
    "RegistrationStatus",
    "Resource",
    "SessionReflection",
]

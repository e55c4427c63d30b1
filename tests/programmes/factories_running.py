"""Factories for events, resources and invoice bases (running the programme)."""

from __future__ import annotations

import datetime

import factory
import pytest
from django.utils import timezone

from programmes.models import Audience, Event, EventKind, User

from ..factories import ProgrammeFactory


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    programme = factory.SubFactory(ProgrammeFactory)
    cohort = None
    kind = EventKind.SEMINAR
    title = factory.Sequence(lambda n: f"Seminarium {n}")
    theme = "Mentorskap"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    place = "Bålsta, Kommunhuset"
    capacity = 30
    audience = Audience.MANAGERS


@pytest.fixture
def in_english(world):  # type: ignore[no-untyped-def]
    """Every persona reads the site in English, so that tests can name the messages."""
    User.objects.filter(pk__in=[p.pk for p in world.people.values()]).update(
        preferred_language="en"
    )
    for person in world.people.values():
        person.preferred_language = "en"
    return world

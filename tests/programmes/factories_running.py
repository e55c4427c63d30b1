"""Factories for events, resources and invoice bases (running the programme)."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from programmes.models import Audience, Event, EventKind

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

"""Factories for events, resources and invoice bases (running the programme)."""

from __future__ import annotations

import datetime

import factory
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from accounts.models import User
from events.models import Audience, Event, EventKind, Resource
from events.services.resources import resource_add

from ..factories import ProgrammeFactory
from ..world import World

PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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
def in_english(world):
    """Every persona reads the site in English, so that tests can name the messages; so do
    the services the test calls directly."""
    translation.activate("en")
    User.objects.filter(pk__in=[p.pk for p in world.people.values()]).update(
        preferred_language="en"
    )
    for person in world.people.values():
        person.preferred_language = "en"
    return world


def uploaded_mentor_book(world: World, title: str = "Digital mentorbok") -> Resource:
    """A PDF for the world's cohort, uploaded by its coordinator and stored in MEDIA_ROOT."""
    return resource_add(
        programme=world.programme,
        cohort=world.cohort,
        title=title,
        uploaded_by=world.coordinator,
        upload=SimpleUploadedFile("mentorbok.pdf", PDF_BYTES, content_type="application/pdf"),
    )

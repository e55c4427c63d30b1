"""events/carry_over.py: every field of an event is carried, whatever fields Event has."""

from __future__ import annotations

import datetime

import pytest
from django.db import models
from django.utils import timezone

from events.carry_over import EVENT_SET_APART, copy_cohort
from events.models import Event
from programmes.copying import CopyContext, carry_over_modules
from tests.factories import CohortFactory
from tests.programmes.factories_running import EventFactory
from tests.world import World

pytestmark = pytest.mark.django_db


def _carried(model: type[models.Model], set_apart: set[str]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if f.name not in set_apart]


def test_every_field_but_keys_dates_and_timestamps_is_carried(world: World) -> None:
    event = EventFactory(
        programme=world.programme,
        cohort=world.cohort,
        starts_at=timezone.make_aware(datetime.datetime(2026, 10, 1, 9)),
        ends_at=timezone.make_aware(datetime.datetime(2026, 10, 1, 11)),
        email_domains="habo.se",
    )
    target = CohortFactory(programme=world.programme, name="Nästa år")
    copy = CopyContext(actor=world.coordinator, offset=datetime.timedelta(days=365))
    # What was copied is said in the language of the page (Swedish by default).
    assert copy_cohort(source=world.cohort, target=target, copy=copy) == ["1 aktivitet"]
    new = Event.objects.get(cohort=target)
    for attname in _carried(Event, EVENT_SET_APART):
        assert getattr(new, attname) == getattr(event, attname), attname
    # 365 days is 52 weeks and a day: the copy keeps the weekday.
    assert new.starts_at - event.starts_at == datetime.timedelta(weeks=52)


def test_each_app_with_something_per_cohort_has_a_carry_over_module() -> None:
    names = [module.__name__ for module in carry_over_modules()]
    assert names == [
        "events.carry_over",
        "matching.carry_over",
        "pairs.carry_over",
        "reports.carry_over",
    ]


def test_a_cancelled_event_is_carried_as_planned(world: World) -> None:
    EventFactory(
        programme=world.programme,
        cohort=world.cohort,
        cancelled_at=timezone.now(),
        cancellation_note="Stormen",
    )
    target = CohortFactory(programme=world.programme, name="Nästa år")
    copy = CopyContext(actor=world.coordinator, offset=datetime.timedelta(days=364))
    copy_cohort(source=world.cohort, target=target, copy=copy)
    new = Event.objects.get(cohort=target)
    assert (new.cancelled_at, new.cancellation_note) == (None, "")

"""Access rows for open events: the public registration page, check-in and attendance import."""

from __future__ import annotations

import datetime

from django.utils import timezone

from events.models import Audience, Event, EventKind, EventRegistration
from tests.world import World

from .table import OK, REDIRECT, STAFF, Row, expect, only


def _open_event(w: World) -> Event:
    starts = timezone.now() + datetime.timedelta(days=14)
    event, created = Event.objects.get_or_create(
        programme=w.programme,
        title="Ledarskapscafé",
        defaults={
            "kind": EventKind.LEADERSHIP_CAFE,
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            "place": "Stadshuset",
            "capacity": 340,
            "audience": Audience.OPEN,
        },
    )
    if created:
        event.open_municipalities.set([w.municipality_a])
    return event


def _open(w: World) -> dict[str, int]:
    return {"pk": _open_event(w).pk}


def _registration(w: World) -> dict[str, int]:
    event = _open_event(w)
    registration, _created = EventRegistration.objects.get_or_create(
        event=event, person=w.adept, defaults={"municipality": w.municipality_a}
    )
    return {"pk": event.pk, "registration_pk": registration.pk}


ROWS = [
    Row(
        "events:open_event",
        expect(OK, anonymous=OK),
        kwargs=_open,
        why="The shareable registration page: anyone may read it and ask for a sign-in code.",
    ),
    Row("events:event_check_in", only(*STAFF), kwargs=_open),
    Row(
        "events:event_check_in_mark",
        only(*STAFF, status=REDIRECT),
        kwargs=_registration,
        method="post",
        why="Without htmx the tap returns to the check-in list.",
    ),
    Row("events:event_attendance_import", only(*STAFF), kwargs=_open),
]

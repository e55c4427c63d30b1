"""Access rows for a cohort's programme of sessions: its coordinators plan and mark, its
admitted participants see the series and write their own reflection."""

from __future__ import annotations

import datetime

from django.utils import timezone

from events.models import Audience, Event, EventKind
from events.services.session_participants import session_participants_sync
from tests.world import World

from .table import STAFF, Row, expect, only

# The world's cohort: the adept, the mentor and the other mentor hold a place in it.
COHORT_PEOPLE = ("adept", "mentor", "other_mentor", *STAFF)
PARTICIPANTS = ("adept", "mentor", "other_mentor")


def _session(w: World) -> Event:
    """A session held yesterday, so that its reflection page takes answers."""
    starts = timezone.now() - datetime.timedelta(days=1)
    session, created = Event.objects.get_or_create(
        programme=w.programme,
        cohort=w.cohort,
        title="Träff 1",
        defaults={
            "kind": EventKind.SESSION,
            "theme": "Att leda sig själv",
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=3),
            "place": "Kommunhuset",
            "capacity": 1,
            "audience": Audience.COHORT,
            "reflection_questions": "Vad tar du med dig?",
        },
    )
    if created:
        session_participants_sync(event=session)
    return session


def _pk(w: World) -> dict[str, int]:
    return {"pk": _session(w).pk}


def _cohort(w: World) -> dict[str, int]:
    return {"cohort_pk": w.cohort.pk}


ROWS = [
    Row("events:session_list", only(*STAFF), kwargs=_cohort),
    Row("events:session_create", only(*STAFF), kwargs=_cohort),
    Row("events:my_sessions", expect(200)),
    Row(
        "events:session_detail",
        only(*COHORT_PEOPLE),
        kwargs=_pk,
        why="The cohort's admitted participants and its coordinators; nobody else.",
    ),
    Row("events:session_edit", only(*STAFF), kwargs=_pk),
    Row("events:session_delete", only(*STAFF), kwargs=_pk, why="The confirmation."),
    Row("events:session_material_add", only(*STAFF), kwargs=_pk),
    Row(
        "events:session_reflection",
        only(*PARTICIPANTS),
        kwargs=_pk,
        why="A reflection is its author's own: not even the coordinator opens the form.",
    ),
]

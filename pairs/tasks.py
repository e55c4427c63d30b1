"""Celery tasks of the pair's year: thin wrappers that take ids and call a service."""

from __future__ import annotations

from celery import shared_task

from programmes.models import User

from .models import Meeting
from .services import notify
from .services.sweep import sweep_run


@shared_task(name="pairs.sweep")
def sweep() -> dict[str, int]:
    """Reminders before meetings, nudges to quiet pairs, and the end-of-year evaluation."""
    result = sweep_run()
    return {
        "reminders": result.reminders,
        "nudges": result.nudges,
        "evaluations": result.evaluations,
        "evaluation_reminders": result.evaluation_reminders,
    }


@shared_task(name="pairs.meeting_notify")
def meeting_notify(meeting_id: int, sequence: int, recipient_id: int) -> bool:
    meeting = (
        Meeting.objects.select_related("pair__mentor__person", "pair__adept__person")
        .filter(pk=meeting_id, sequence=sequence)
        .first()
    )
    if meeting is None:
        # The meeting changed again before this ran; the newer message tells the news.
        return False
    return notify.meeting_notify(meeting=meeting, recipient=User.objects.get(pk=recipient_id))

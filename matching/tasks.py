"""Celery tasks of the matching: thin wrappers that call a service."""

from __future__ import annotations

from celery import shared_task

from notifications.services import deliveries_send

from .services import long_runs, profile_mails


@shared_task(name="matching.sweep")
def sweep() -> dict[str, int]:
    """Invites participants admitted after the profiles opened, and reminds the unfinished."""
    queued = profile_mails.profile_mails_queue()
    sent = deliveries_send(kinds=[profile_mails.INVITATION_KIND, profile_mails.REMINDER_KIND])
    return {"profile_mails_queued": queued, "profile_mails_sent": sent.total}


@shared_task(name=long_runs.MATCH_RUN_COMPUTE_TASK)
def match_run_compute(run_id: int) -> None:
    long_runs.match_run_compute(run_id=run_id)

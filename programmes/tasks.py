"""Celery tasks of the programmes app."""

from __future__ import annotations

from celery import shared_task

from programmes.services import enrolment as services


@shared_task(name="programmes.sweep")
def sweep() -> dict[str, int]:
    """Queues the reminders to nearest managers who have not answered a consent request."""
    return {"consent_reminders": services.consent_reminders_send()}

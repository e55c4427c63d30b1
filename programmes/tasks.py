"""Celery tasks of the programmes app."""

from __future__ import annotations

from celery import shared_task

from programmes.services import enrolment as services
from programmes.services import messages


@shared_task(name="programmes.sweep")
def sweep() -> dict[str, int]:
    """Queues the reminders to nearest managers who have not answered a consent request, and
    the copies of the cohort messages whose time has come."""
    return {
        "consent_reminders": services.consent_reminders_send(),
        "scheduled_messages": messages.messages_due_send(),
    }

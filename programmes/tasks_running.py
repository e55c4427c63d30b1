"""Celery tasks for running the programme: thin wrappers that take ids and call a service."""

from __future__ import annotations

from celery import shared_task

from .models import CohortMessage
from .services import events as event_services
from .services import messages as message_services


@shared_task(name="programmes.message_deliver")
def message_deliver(message_id: int) -> int:
    message = (
        CohortMessage.objects.select_related("cohort", "municipality").filter(pk=message_id).first()
    )
    if message is None:
        return 0
    return message_services.message_deliver(message=message)


def event_reminders() -> int:
    """The event-reminder step of the programmes sweep (programmes.tasks.sweep)."""
    return event_services.event_reminders_send()

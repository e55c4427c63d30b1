"""Celery tasks of the events app."""

from __future__ import annotations

from celery import shared_task

from events.services import events as services


@shared_task(name="events.sweep")
def sweep() -> dict[str, int]:
    """Queues the reminders of tomorrow's events; safe to run twice or concurrently."""
    return {"event_reminders": services.event_reminders_send()}

"""Celery tasks of the outbox: a thin wrapper around its service, and its sweep."""

from __future__ import annotations

from celery import shared_task

from notifications import services


@shared_task(name=services.DELIVERIES_SEND_TASK)
def deliveries_send(ids: list[int] | None = None) -> int:
    """Sends the outbox rows ``ids`` (or everything due): what a change wakes a worker for."""
    return services.deliveries_send(ids=ids).total


@shared_task(name="notifications.sweep")
def sweep() -> dict[str, int]:
    """Everything due in the outbox: what a lost wake-up left, and retries after a back-off."""
    return {"outbox": services.deliveries_send().total}

"""Celery tasks of the programmes app: thin wrappers around services, and the periodic sweep."""

from __future__ import annotations

from collections.abc import Callable

from celery import shared_task

from .services import delivery as delivery_services
from .services import enrolment as enrolment_services
from .services import events as event_services


@shared_task(name="programmes.deliveries_send")
def deliveries_send(ids: list[int] | None = None) -> int:
    """Sends the outbox rows ``ids`` (or everything due): what a change wakes a worker for."""
    return delivery_services.deliveries_send(ids=ids).total


def _consent_reminders() -> int:
    return enrolment_services.consent_reminders_send()


def _event_reminders() -> int:
    return event_services.event_reminders_send()


def _outbox() -> int:
    """Everything due in the outbox: what a lost wake-up left, and retries after a back-off."""
    return delivery_services.deliveries_send().total


# Each step finds what is due; the reminder steps queue their mail in the outbox, and the last
# step sends whatever is due there. Add a step to extend the sweep.
SWEEP_STEPS: list[Callable[[], int]] = [
    _consent_reminders,
    _event_reminders,
    _outbox,
]


@shared_task(name="programmes.sweep")
def sweep() -> dict[str, int]:
    """Runs every due step of the programmes app; safe to run twice or concurrently."""
    return {step.__name__.lstrip("_"): step() for step in SWEEP_STEPS}


@shared_task(name="programmes.retention_run")
def retention_run() -> int:
    """The nightly retention job; returns the id of the logged run."""
    from .models import RetentionTrigger
    from .services.retention import retention_run as run

    return run(trigger=RetentionTrigger.SCHEDULE).pk

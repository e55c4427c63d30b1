"""Celery tasks of the programmes app: thin wrappers around services, and the periodic sweep."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from celery import shared_task

from .services import enrolment as enrolment_services
from .tasks_running import event_reminders, message_deliver  # noqa: F401 (registers the task)


@shared_task(name="programmes.enrolment_notify")
def enrolment_notify(enrolment_id: int, template: str, audience: str = "person") -> None:
    enrolment_services.enrolment_notify(
        enrolment_id=enrolment_id, template=template, audience=audience
    )


def _consent_reminders() -> int:
    return enrolment_services.consent_reminders_send()


# Each step finds what is due and sends it through deliver_once; add a step to extend the sweep.
SWEEP_STEPS: list[Callable[[], int]] = [
    _consent_reminders,
    event_reminders,
]


def _undelivered_messages() -> int:
    """Messages whose delivery never finished (the broker was down, a worker died) go out here."""
    from django.utils import timezone

    from .models import CohortMessage
    from .services import messages as message_services

    since = timezone.now() - UNDELIVERED_MESSAGE_WINDOW
    sent = 0
    for message in CohortMessage.objects.filter(created_at__gte=since).select_related(
        "cohort", "municipality"
    ):
        if message_services.message_undelivered(message).exists():
            sent += message_services.message_deliver(message=message)
    return sent


# How far back the sweep looks for a message that was never delivered.
UNDELIVERED_MESSAGE_WINDOW = datetime.timedelta(days=7)
SWEEP_STEPS.append(_undelivered_messages)


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

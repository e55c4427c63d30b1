"""Celery tasks of the privacy app."""

from __future__ import annotations

from celery import shared_task

from privacy.models import RetentionTrigger
from privacy.services.retention import retention_run as run


@shared_task(name="privacy.retention_run")
def retention_run() -> int:
    """The nightly retention job; returns the id of the logged run."""
    return run(trigger=RetentionTrigger.SCHEDULE).pk

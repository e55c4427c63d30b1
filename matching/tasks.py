"""Celery tasks of matching: thin wrappers around the service of the same name."""

from __future__ import annotations

from celery import shared_task

from .services import long_runs


@shared_task(name=long_runs.MATCH_RUN_COMPUTE_TASK)
def match_run_compute(run_id: int) -> None:
    long_runs.match_run_compute(run_id=run_id)

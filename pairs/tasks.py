"""Celery tasks of the pair's year: thin wrappers that take ids and call a service."""

from __future__ import annotations

from celery import shared_task

from .services.sweep import sweep_run


@shared_task(name="pairs.sweep")
def sweep() -> dict[str, int]:
    """Reminders before meetings, nudges to quiet pairs, the mid-year check-in and the
    end-of-year evaluation."""
    result = sweep_run()
    return {
        "reminders": result.reminders,
        "nudges": result.nudges,
        "evaluations": result.evaluations,
        "evaluation_reminders": result.evaluation_reminders,
        "mid_year_check_ins": result.mid_year_check_ins,
    }

"""Every app's due work, run once in this process: what beat starts on a timer.

An app with periodic work has a Celery task ``sweep`` in its ``tasks`` module
(:func:`sweep_tasks` finds them). ``manage.py sweep`` and ``make run``'s background
thread call them here, one after another, without a broker.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Task

from common.app_modules import app_modules

logger = logging.getLogger(__name__)


def sweep_tasks() -> list[Task]:
    """The ``sweep`` task of every project app whose tasks module has one, in app order."""
    tasks: list[Task] = []
    for module in app_modules("tasks"):
        sweep = getattr(module, "sweep", None)
        if sweep is not None:
            tasks.append(sweep)
    return tasks


def run_sweeps_once() -> dict[str, Any]:
    """Calls every app's sweep in this process; one failing sweep does not stop the others."""
    results: dict[str, Any] = {}
    for task in sweep_tasks():
        try:
            results[task.name] = task()
        except Exception:
            logger.exception("Sweep %s failed", task.name)
            results[task.name] = "failed"
    return results


__all__ = ["run_sweeps_once", "sweep_tasks"]

"""Waking a Celery worker after commit, without ever failing or slowing the request that asks.

The database holds the work (the outbox's Delivery rows, a report waiting to be
made); a task only tells a worker to do it now. So when the broker cannot be
reached, the request logs it and answers: the next sweep finds the work in the
database and does it. Connection and publish time-outs are bounded in settings
(CELERY_BROKER_TRANSPORT_OPTIONS), so an outage costs a request about a second.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_on_commit(task: Task | str, *args: Any) -> None:
    """Sends ``task`` once the surrounding transaction commits; nothing if it rolls back."""
    transaction.on_commit(lambda: enqueue_now(task, *args))


def enqueue_now(task: Task | str, *args: Any) -> bool:
    """Sends ``task``; False (logged) when the broker cannot take it and a sweep will do the work.

    ``task`` is a task or its name, ``"<app>.<task>"`` for a task in ``<app>/tasks.py``: a
    service names its own app's task, so that it need not import the tasks module that
    imports it.
    Without a broker (the embedded default) the task runs here and now, errors and all.
    """
    if isinstance(task, str):
        task = _task_named(task)
    if task.app.conf.task_always_eager:
        task.apply(args=args, throw=True)
        return True
    try:
        task.apply_async(args=args, retry=False)
    except Exception as error:
        logger.warning("No broker (%s): a sweep does the work of %s later.", error, task.name)
        return False
    return True


def _task_named(name: str) -> Task:
    """The task ``"<app>.<task>"``: the function ``<task>`` of ``<app>/tasks.py``."""
    app_name, task_name = name.split(".", 1)
    task: Task = getattr(importlib.import_module(f"{app_name}.tasks"), task_name)
    if task.name != name:
        raise LookupError(f"{app_name}/tasks.py has no task named {name!r}")
    return task

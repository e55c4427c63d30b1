"""Waking a Celery worker after commit, without ever failing or slowing the request that asks.

The database holds the work (the outbox's Delivery rows, a report waiting to be
made); a task only tells a worker to do it now. So when the broker cannot be
reached, the request logs it and answers: the next sweep finds the work in the
database and does it. Connection and publish time-outs are bounded in settings
(CELERY_BROKER_TRANSPORT_OPTIONS), so an outage costs a request about a second.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_on_commit(task: Task, *args: Any) -> None:
    """Sends ``task`` once the surrounding transaction commits; nothing if it rolls back."""
    transaction.on_commit(lambda: enqueue_now(task, *args))


def enqueue_now(task: Task, *args: Any) -> bool:
    """Sends ``task``; False (logged) when the broker cannot take it and a sweep will do the work.

    Without a broker (the embedded default) the task runs here and now, errors and all.
    """
    if task.app.conf.task_always_eager:
        task.apply(args=args, throw=True)
        return True
    try:
        task.apply_async(args=args, retry=False)
    except Exception as error:
        logger.warning("No broker (%s): a sweep does the work of %s later.", error, task.name)
        return False
    return True

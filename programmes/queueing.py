"""Queueing Celery tasks after commit without losing them when the broker is down.

A task is sent only once the transaction that asked for it commits, so a
rolled-back change queues nothing. If the broker cannot be reached the task
runs here and now instead: the page answers a little slower and the email
still goes. Periodic work does not depend on this; its sweeps read the database.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Task
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def enqueue_on_commit(task: Task, *args: Any) -> None:
    transaction.on_commit(lambda: _send(task, args))


def _send(task: Task, args: tuple[Any, ...]) -> None:
    try:
        task.apply_async(args=args, retry=False)
    except OperationalError:
        logger.warning("Broker unreachable; running %s in the request instead.", task.name)
        task.apply(args=args)

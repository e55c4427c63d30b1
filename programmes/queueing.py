"""Queueing Celery tasks after commit without losing them when the broker is down.

Every task the web process starts goes through :func:`enqueue_on_commit`. A task is
sent only once the transaction that asked for it commits, so a rolled-back change
queues nothing. If the broker cannot be reached, what happens depends on whether
the database already holds the work:

- ``Fallback.INLINE`` (notifications after one person's change): the task runs here
  and now instead; the page answers a little slower and the email still goes.
- ``Fallback.SWEEP`` (work a periodic sweep finds in the database, such as a cohort
  message and its recipients): nothing runs now; the next sweep delivers it, through
  the same ``deliver_once`` claims, so nobody gets it twice.

Either way the page answers and nothing is lost.
"""

from __future__ import annotations

import enum
import logging
from typing import Any

from celery import Task
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


class Fallback(enum.Enum):
    INLINE = "inline"
    SWEEP = "sweep"


def enqueue_on_commit(task: Task, *args: Any, fallback: Fallback = Fallback.INLINE) -> None:
    transaction.on_commit(lambda: _send(task, args, fallback))


def _send(task: Task, args: tuple[Any, ...], fallback: Fallback) -> None:
    try:
        task.apply_async(args=args, retry=False)
    except OperationalError:
        if fallback is Fallback.SWEEP:
            logger.warning("Broker unreachable; the next sweep runs %s.", task.name)
            return
        logger.warning("Broker unreachable; running %s in the request instead.", task.name)
        task.apply(args=args)

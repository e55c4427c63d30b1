"""The schedule of the pair's year, from the PAIRS_* settings (mentorship/settings.py,
where each is read from the environment with its default; README, "The pair's year").

The evaluation's send-ahead days are set per cohort on its questionnaire.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings

# The questionnaire's own default for "send this many days before the cohort ends".
DEFAULT_EVALUATION_DAYS_BEFORE_END = 30


def reminder_before() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.PAIRS_REMINDER_HOURS_BEFORE)


def nudge_after() -> datetime.timedelta:
    return datetime.timedelta(weeks=settings.PAIRS_NUDGE_AFTER_WEEKS)


def nudges_before_attention() -> int:
    return settings.PAIRS_NUDGES_BEFORE_ATTENTION


def evaluation_reminder_after() -> datetime.timedelta:
    return datetime.timedelta(days=settings.PAIRS_EVALUATION_REMINDER_AFTER_DAYS)


def sweep_batch_size() -> int:
    return settings.PAIRS_SWEEP_BATCH_SIZE


def new_token() -> str:
    return secrets.token_urlsafe(32)

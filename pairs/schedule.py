"""The schedule settings of the pair's year, with their defaults (see README, "The pair's year").

Each can be set in Django settings (e.g. from the environment); the evaluation's
send-ahead days can also be set per cohort on its questionnaire.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings

DEFAULT_REMINDER_HOURS_BEFORE = 24
DEFAULT_NUDGE_AFTER_WEEKS = 6
DEFAULT_NUDGES_BEFORE_ATTENTION = 2
DEFAULT_EVALUATION_DAYS_BEFORE_END = 30
DEFAULT_EVALUATION_REMINDER_AFTER_DAYS = 7
DEFAULT_SWEEP_BATCH_SIZE = 500


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def reminder_before() -> datetime.timedelta:
    return datetime.timedelta(
        hours=_setting("PAIRS_REMINDER_HOURS_BEFORE", DEFAULT_REMINDER_HOURS_BEFORE)
    )


def nudge_after() -> datetime.timedelta:
    return datetime.timedelta(weeks=_setting("PAIRS_NUDGE_AFTER_WEEKS", DEFAULT_NUDGE_AFTER_WEEKS))


def nudges_before_attention() -> int:
    return _setting("PAIRS_NUDGES_BEFORE_ATTENTION", DEFAULT_NUDGES_BEFORE_ATTENTION)


def evaluation_reminder_after() -> datetime.timedelta:
    return datetime.timedelta(
        days=_setting(
            "PAIRS_EVALUATION_REMINDER_AFTER_DAYS", DEFAULT_EVALUATION_REMINDER_AFTER_DAYS
        )
    )


def sweep_batch_size() -> int:
    return _setting("PAIRS_SWEEP_BATCH_SIZE", DEFAULT_SWEEP_BATCH_SIZE)


def new_token() -> str:
    return secrets.token_urlsafe(32)

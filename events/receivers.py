"""The events app's answers to what programmes announces (programmes/signals.py)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from events.services.session_participants import sessions_sync_for_cohort
from programmes.models import Enrolment
from programmes.signals import enrolment_admitted


@receiver(enrolment_admitted, sender=Enrolment, dispatch_uid="events.admitted")
def _expect_at_sessions(sender: type[Enrolment], *, enrolment: Enrolment, **kwargs: Any) -> None:
    """A participant admitted later is expected at the cohort's coming sessions."""
    sessions_sync_for_cohort(cohort=enrolment.cohort)

"""The events app's answers to what programmes announces (programmes/signals.py)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from events.services.event_mails import event_invitations_queue_for
from events.services.session_participants import sessions_sync_for_cohort
from programmes.models import Enrolment
from programmes.signals import enrolment_admitted


@receiver(enrolment_admitted, sender=Enrolment, dispatch_uid="events.admitted")
def _expect_at_sessions(sender: type[Enrolment], *, enrolment: Enrolment, **kwargs: Any) -> None:
    """A participant admitted later is expected at the cohort's coming sessions, and invited
    to its coming events and sessions."""
    sessions_sync_for_cohort(cohort=enrolment.cohort)
    event_invitations_queue_for(enrolment=enrolment)

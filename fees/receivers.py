"""The fees app's answers to what programmes announces (programmes/signals.py)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from fees.services import fee_line_for_admission, fee_line_remove_for_withdrawal
from programmes.models import Enrolment
from programmes.signals import enrolment_admitted, enrolment_withdrawn_before_fee_deadline


@receiver(enrolment_admitted, sender=Enrolment, dispatch_uid="fees.admitted")
def _bill_admission(sender: type[Enrolment], *, enrolment: Enrolment, **kwargs: Any) -> None:
    fee_line_for_admission(enrolment=enrolment)


@receiver(enrolment_withdrawn_before_fee_deadline, sender=Enrolment, dispatch_uid="fees.withdrawn")
def _unbill_withdrawal(sender: type[Enrolment], *, enrolment: Enrolment, **kwargs: Any) -> None:
    fee_line_remove_for_withdrawal(enrolment=enrolment)

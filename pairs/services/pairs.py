"""Forming and dissolving pairs. Matching publishes through pair_create."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from programmes.models import Enrolment, EnrolmentStatus, Role

from ..models import Pair
from .groups import group_join, group_leave


@transaction.atomic
def pair_create(*, mentor: Enrolment, adept: Enrolment, actor: User | None) -> Pair:
    if mentor.role != Role.MENTOR or adept.role != Role.ADEPT:
        raise ValidationError(_("A pair is one mentor and one adept."))
    if mentor.cohort_id != adept.cohort_id:
        raise ValidationError(_("The mentor and the adept must be in the same cohort."))
    if (
        EnrolmentStatus.ADMITTED not in (mentor.status, adept.status)
        or mentor.status != adept.status
    ):
        raise ValidationError(_("Both must be admitted to the cohort."))
    if mentor.person_id == adept.person_id:
        raise ValidationError(_("A person cannot be their own mentor."))
    if Pair.objects.active().filter(adept=adept).exists():
        raise ValidationError(
            _("%(name)s already has a mentor.") % {"name": adept.person.full_name}
        )
    pair = Pair.objects.create(cohort=mentor.cohort, mentor=mentor, adept=adept)
    if pair.cohort.is_group_mentoring:
        group_join(pair)
    audit_record(actor=actor, action="pair.create", target=pair)
    return pair


@transaction.atomic
def pair_dissolve(*, pair: Pair, actor: User | None, reason: str = "") -> Pair:
    if pair.dissolved_at is not None:
        raise ValidationError(_("The pair has already been dissolved."))
    pair.dissolved_at = timezone.now()
    pair.save(update_fields=["dissolved_at"])
    group_leave(pair)
    # The reason may hold personal details, so only its length is logged.
    audit_record(
        actor=actor, action="pair.dissolve", target=pair, summary=f"reason: {len(reason)} chars"
    )
    return pair

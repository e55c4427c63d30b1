"""A participant's own declaration of a conflict of interest: a pair that is never proposed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from programmes.models import Enrolment, EnrolmentStatus, Role

from ..models import Exclusion, ExclusionSource, MatchRun
from ..models.runs import PARTICIPANT_REASONS
from . import rules


def cohort_pairs_published(cohort_id: int) -> bool:
    return MatchRun.objects.filter(cohort_id=cohort_id, published_at__isnull=False).exists()


@transaction.atomic
def conflict_declare(
    *, declarant: Enrolment, other: Enrolment, reason: str, comment: str = "", actor: User
) -> Exclusion:
    """Records that ``declarant`` and ``other`` must never be proposed as a pair."""
    if declarant.person_id != actor.pk or declarant.status != EnrolmentStatus.ADMITTED:
        raise ValidationError(_("Only the participant can declare their own conflicts."))
    if reason not in PARTICIPANT_REASONS:
        raise ValidationError(_("Choose one of the listed reasons."))
    if other.cohort_id != declarant.cohort_id or other.status != EnrolmentStatus.ADMITTED:
        raise ValidationError(_("Choose a person who takes part in your own cohort."))
    if other.role == declarant.role:
        raise ValidationError(
            _("Choose a mentor if you are an adept, or an adept if you are a mentor.")
        )
    if cohort_pairs_published(declarant.cohort_id):
        raise ValidationError(
            _("The pairs are already published. Contact the coordinator about a conflict.")
        )
    mentor, adept = (declarant, other) if declarant.role == Role.MENTOR else (other, declarant)
    if Exclusion.objects.filter(mentor=mentor, adept=adept).exists():
        raise ValidationError(_("A conflict with this person is already recorded."))
    return rules.exclusion_create(
        cohort=declarant.cohort,
        mentor=mentor,
        adept=adept,
        reason=reason,
        actor=actor,
        source=ExclusionSource.PARTICIPANT,
        comment=comment.strip(),
    )


@transaction.atomic
def conflict_withdraw(*, exclusion: Exclusion, actor: User) -> None:
    """The participant takes back their own declaration, before the pairs are published."""
    if exclusion.source != ExclusionSource.PARTICIPANT or exclusion.declared_by_id != actor.pk:
        raise ValidationError(_("Only the participant who declared the conflict can withdraw it."))
    if cohort_pairs_published(exclusion.cohort_id):
        raise ValidationError(
            _("The pairs are already published. Contact the coordinator about a conflict.")
        )
    audit_record(
        actor=actor,
        action="match_exclusion.withdraw",
        target=exclusion,
        summary=f"{exclusion.source}: {exclusion.reason}",
    )
    exclusion.delete()

"""The mentoröverenskommelse and the "does this pair work?" answer."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from ..models import Agreement, FitAnswer, Pair
from ..revisions import pair_changed
from .meetings import _ensure_member


@transaction.atomic
def agreement_save(
    *,
    pair: Pair,
    actor: User,
    meeting_frequency: str,
    meeting_place: str,
    confidentiality: str,
    adept_wishes: str,
) -> Agreement:
    """Records or changes the agreement; a change asks both to confirm again."""
    _ensure_member(pair, actor)
    if not meeting_frequency.strip() or not adept_wishes.strip():
        raise ValidationError(_("Say how often you meet and what the adept wants from the year."))
    agreement, _created = Agreement.objects.update_or_create(
        pair=pair,
        defaults={
            "meeting_frequency": meeting_frequency,
            "meeting_place": meeting_place,
            "confidentiality": confidentiality,
            "adept_wishes": adept_wishes,
            "mentor_confirmed_at": None,
            "adept_confirmed_at": None,
            "updated_at": timezone.now(),
        },
    )
    pair_changed(pair.pk)
    return agreement


@transaction.atomic
def agreement_confirm(*, pair: Pair, actor: User) -> Agreement:
    _ensure_member(pair, actor)
    agreement = Agreement.objects.select_for_update().filter(pair=pair).first()
    if agreement is None:
        raise ValidationError(_("Write the agreement first."))
    field = "mentor_confirmed_at" if actor.pk == pair.mentor.person_id else "adept_confirmed_at"
    if getattr(agreement, field) is None:
        setattr(agreement, field, timezone.now())
        agreement.save(update_fields=[field])
        pair_changed(pair.pk)
    return agreement


@transaction.atomic
def fit_answer_give(*, pair: Pair, actor: User, works: bool, comment: str = "") -> FitAnswer:
    _ensure_member(pair, actor)
    if not pair.meetings.held().exists():
        raise ValidationError(_("You are asked this after your first meeting."))
    # A later answer replaces the earlier one: a pair that worked in October may not in March.
    answer, _created = FitAnswer.objects.update_or_create(
        pair=pair,
        person=actor,
        defaults={"works": works, "comment": comment, "answered_at": timezone.now()},
    )
    pair_changed(pair.pk)
    return answer

"""Criteria weights, exclusions and the travel-time table."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from programmes.models import Cohort, Enrolment, Municipality, Role

from .. import scoring, selectors
from ..models import CohortMatching, Exclusion, ExclusionSource, Objective, TravelTime
from ..models.runs import MAX_WEIGHT


@transaction.atomic
def matching_settings_update(
    *,
    cohort: Cohort,
    weights: dict[str, int],
    min_years_ahead: int,
    shortlist_open: bool,
    actor: User,
    objective: str | None = None,
) -> CohortMatching:
    """Saves the cohort's weights and rules; ``objective`` None keeps the one set."""
    if objective is not None and objective not in Objective.values:
        raise ValidationError(_("Choose what the matching optimises."))
    if any(value < 0 for value in weights.values()):
        raise ValidationError(_("A weight cannot be negative."))
    if any(value > MAX_WEIGHT for value in weights.values()):
        raise ValidationError(_("A weight is at most %(max)d.") % {"max": MAX_WEIGHT})
    if not any(value > 0 for value in weights.values()):
        raise ValidationError(_("At least one criterion must have a weight above zero."))
    config = selectors.cohort_matching(cohort)
    config.weights = {c: int(weights.get(c, 0)) for c in scoring.CRITERIA}
    config.min_years_ahead = min_years_ahead
    config.shortlist_open = shortlist_open
    if objective is not None:
        config.objective = objective
    config.save()
    audit_record(actor=actor, action="matching_settings.update", target=cohort)
    return config


@transaction.atomic
def exclusion_create(
    *,
    cohort: Cohort,
    mentor: Enrolment,
    adept: Enrolment,
    reason: str,
    actor: User,
    source: str = ExclusionSource.COORDINATOR,
    comment: str = "",
) -> Exclusion:
    if mentor.role != Role.MENTOR or adept.role != Role.ADEPT:
        raise ValidationError(_("An excluded pair is one mentor and one adept."))
    if mentor.cohort_id != cohort.pk or adept.cohort_id != cohort.pk:
        raise ValidationError(_("Both must be in the cohort."))
    if Exclusion.objects.filter(mentor=mentor, adept=adept).exists():
        raise ValidationError(_("The pair is already excluded."))
    exclusion = Exclusion.objects.create(
        cohort=cohort,
        mentor=mentor,
        adept=adept,
        reason=reason,
        declared_by=actor,
        source=source,
        comment=comment,
    )
    # A locked pair that is now forbidden is no longer locked.
    cohort.pair_locks.filter(mentor=mentor, adept=adept).delete()
    audit_record(
        actor=actor,
        action="match_exclusion.create",
        target=exclusion,
        summary=f"{source}: {reason}",
    )
    return exclusion


@transaction.atomic
def exclusion_remove(*, exclusion: Exclusion, actor: User) -> None:
    audit_record(actor=actor, action="match_exclusion.remove", target=exclusion)
    exclusion.delete()


@transaction.atomic
def travel_time_set(
    *, origin: Municipality, destination: Municipality, minutes: int | None
) -> TravelTime | None:
    """Sets the time both ways; None removes it (unknown)."""
    if origin.pk == destination.pk:
        raise ValidationError(_("Travel time is between two different municipalities."))
    low, high = sorted([origin, destination], key=lambda m: m.pk)
    if minutes is None:
        TravelTime.objects.filter(origin=low, destination=high).delete()
        return None
    if minutes < 0:
        raise ValidationError(_("Minutes cannot be negative."))
    travel, _created = TravelTime.objects.update_or_create(
        origin=low, destination=high, defaults={"minutes": minutes}
    )
    return travel

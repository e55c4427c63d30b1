"""What is past its time: the enrolments each municipality's retention decision lets go."""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Q, QuerySet
from django.utils import timezone

from privacy.models import (
    RetentionDecision,
)
from programmes.models import Enrolment


def retention_cutoff(*, months: int, today: datetime.date | None = None) -> datetime.date:
    """A cohort that ended before this day is past a period of ``months``."""
    # dateutil has no types here; a date less a relativedelta is a date.
    cutoff: datetime.date = (today or timezone.localdate()) - relativedelta(months=months)
    return cutoff


def enrolments_past(*, decision: RetentionDecision, cutoff: datetime.date) -> QuerySet[Enrolment]:
    """The enrolments of the decision's municipality whose cohort ended before ``cutoff``."""
    return Enrolment.objects.filter(
        municipality_id=decision.municipality_id, cohort__ends_on__lt=cutoff
    )


def past_everywhere(*, kind: str, day: str, today: datetime.date | None = None) -> Q:
    """Rows whose own municipality's period for ``kind`` has passed: the row's municipality
    has a decision in force and its ``day`` (a date lookup) is before that decision's
    cutoff. A municipality without a decision matches nothing."""
    condition = Q(pk__in=[])
    for decision in RetentionDecision.objects.in_force():
        cutoff = retention_cutoff(months=decision.months_for(kind), today=today)
        condition |= Q(municipality_id=decision.municipality_id, **{f"{day}__lt": cutoff})
    return condition


def past_enrolments(*, kind: str, today: datetime.date | None = None) -> QuerySet[Enrolment]:
    """Every enrolment whose own municipality's period for ``kind`` has passed.

    Handlers use it for records shared across municipalities (a pair's notes, a
    cohort's answers): those go only when every municipality involved lets them go.
    """
    return Enrolment.objects.filter(past_everywhere(kind=kind, day="cohort__ends_on", today=today))

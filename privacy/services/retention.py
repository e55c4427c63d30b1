"""The retention job: removes or anonymises what is past each municipality's decision.

A record's time runs from the end of the cohort its enrolment belongs to, or, for a
record that belongs to no enrolment (an open event's registration), from its own day.
A municipality without a decision keeps everything. Rows that reports count
(enrolments, pairs, meetings, answers on a scale) are never deleted: their
text is emptied and the people are anonymised, so the statistics survive.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from privacy import registry as privacy
from privacy.models import (
    RecordKind,
    RetentionAction,
    RetentionDecision,
    RetentionRun,
    RetentionTrigger,
)
from privacy.selectors import enrolments_past, retention_cutoff
from programmes.models import Municipality


@transaction.atomic
def retention_decision_record(
    *,
    municipality: Municipality,
    recorded_by: User,
    decided_on: datetime.date,
    reference: str,
    reflections_months: int,
    notes_months: int,
    evaluation_answers_months: int,
    applications_months: int,
    contact_details_months: int,
) -> RetentionDecision:
    if decided_on > timezone.localdate():
        raise ValidationError(
            {"decided_on": _("Record a decision once it has been made, not in advance.")}
        )
    if RetentionDecision.objects.filter(municipality=municipality, decided_on=decided_on).exists():
        raise ValidationError(
            {"decided_on": _("The municipality already has a decision of that date.")}
        )
    decision = RetentionDecision.objects.create(
        municipality=municipality,
        recorded_by=recorded_by,
        decided_on=decided_on,
        reference=reference,
        reflections_months=reflections_months,
        notes_months=notes_months,
        evaluation_answers_months=evaluation_answers_months,
        applications_months=applications_months,
        contact_details_months=contact_details_months,
    )
    audit_record(
        actor=recorded_by,
        action="retention_decision.record",
        target=decision,
        summary=f"{municipality.name} {decided_on:%Y-%m-%d} {reference}",
    )
    return decision


def retention_run(
    *, trigger: str = RetentionTrigger.COMMAND, today: datetime.date | None = None
) -> RetentionRun:
    """Applies every municipality's decision in force; one transaction per decision and kind."""
    run = RetentionRun.objects.create(trigger=trigger)
    for decision in RetentionDecision.objects.in_force():
        for kind in RecordKind.values:
            _retention_apply(run=run, decision=decision, kind=kind, today=today)
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    total = sum(run.actions.values_list("count", flat=True))
    audit_record(
        actor=None,
        action="retention.run",
        target=run,
        summary=f"{run.actions.count()} actions, {total} records ({trigger})",
    )
    return run


@transaction.atomic
def _retention_apply(
    *, run: RetentionRun, decision: RetentionDecision, kind: str, today: datetime.date | None
) -> None:
    cutoff = retention_cutoff(months=decision.months_for(kind), today=today)
    enrolments = enrolments_past(decision=decision, cutoff=cutoff)
    count = sum(handler.apply(enrolments) for handler in privacy.retention_handlers(kind))
    count += sum(
        handler.apply(decision, cutoff) for handler in privacy.dated_retention_handlers(kind)
    )
    if count:
        RetentionAction.objects.create(run=run, decision=decision, kind=kind, count=count)

"""Reads for enrolment pages: own applications, a cohort's applications, nominations."""

from __future__ import annotations

from django.db.models import Case, IntegerField, OuterRef, QuerySet, Subquery, Value, When

from accounts.models import User
from programmes.models import ApprovalStage, Enrolment, EnrolmentStatus, Nomination, StageDecision

# The coordinator reads open work first: applications, then the list, then the decided.
STATUS_ORDER = Case(
    When(status=EnrolmentStatus.APPLIED, then=Value(0)),
    When(status=EnrolmentStatus.WAITING, then=Value(1)),
    When(status=EnrolmentStatus.ADMITTED, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def applications_of(person: User) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(person=person)
        .select_related("cohort__programme", "municipality", "consent", "nomination")
        .order_by("-created_at")
    )


def applications_in(visible: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """A cohort's applications as one query: person, municipality, consent and nomination."""
    return (
        visible.select_related("person", "municipality", "consent", "nomination")
        .annotate(status_order=STATUS_ORDER)
        .order_by("role", "status_order", "completed_at", "created_at", "pk")
    )


def nominations_made_by(manager: User) -> QuerySet[Nomination]:
    return (
        Nomination.objects.filter(nominated_by=manager)
        .select_related("enrolment__person", "enrolment__cohort__programme")
        .prefetch_related("decisions__stage")
        .order_by("-created_at")
    )


def next_stages(*, enrolment: str = "") -> QuerySet[ApprovalStage]:
    """The stages that have not decided on a nomination, the next first, as a subquery of a
    list: :func:`programmes.services.nomination.next_stage` for every row in one query.

    ``enrolment`` is the path from the list's rows to their enrolment ("" for enrolments).
    """
    prefix = f"{enrolment}__" if enrolment else ""
    decided = StageDecision.objects.filter(
        nomination__enrolment_id=OuterRef(OuterRef(f"{prefix}pk"))
    ).values("stage_id")
    return (
        ApprovalStage.objects.filter(programme_id=OuterRef(f"{prefix}cohort__programme_id"))
        .exclude(pk__in=decided)
        .order_by("position", "pk")
    )


def nominations_in_progress_by(manager: User) -> QuerySet[Nomination]:
    """The manager's nominations that no stage has yet declined or finished, with the name
    of the stage that decides next."""
    stages = next_stages(enrolment="enrolment")
    return (
        Nomination.objects.filter(nominated_by=manager, enrolment__status=EnrolmentStatus.APPLIED)
        .select_related("enrolment__person", "enrolment__cohort__programme")
        .annotate(next_stage_name=Subquery(stages.values("name")[:1]))
        .order_by("-created_at")
    )

"""Reads for enrolment pages: own applications, a cohort's applications, nominations."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from accounts.models import User
from programmes.models import Enrolment, EnrolmentStatus, Nomination

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

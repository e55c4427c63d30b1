"""Who may see and act on applications, nominations and imports (see access.py for the rest)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .access import AnyUser, cohorts_for_coordinator, get_or_404, is_administrator
from .models import Cohort, ImportBatch, Nomination


def cohorts_taking_applications(user: AnyUser) -> QuerySet[Cohort]:
    """Any signed-in person may open the application page of a cohort that has a window."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    return Cohort.objects.filter(applications_open_on__isnull=False)


def cohort_taking_applications(user: AnyUser, pk: int) -> Cohort:
    return get_or_404(cohorts_taking_applications(user).select_related("programme"), pk)


def nominations_for_user(user: AnyUser) -> QuerySet[Nomination]:
    """The nominating manager, the nominee and the programme's coordinators."""
    if not user.is_authenticated:
        return Nomination.objects.none()
    if is_administrator(user):
        return Nomination.objects.all()
    return Nomination.objects.filter(
        Q(nominated_by=user)
        | Q(enrolment__person=user)
        | Q(enrolment__cohort__programme__coordinators=user)
    ).distinct()


def nomination_for_user(user: AnyUser, pk: int) -> Nomination:
    return get_or_404(
        nominations_for_user(user).select_related(
            "enrolment__person", "enrolment__cohort__programme", "nominated_by"
        ),
        pk,
    )


def may_decide_nomination(user: AnyUser, nomination: Nomination) -> bool:
    return cohorts_for_coordinator(user).filter(pk=nomination.enrolment.cohort_id).exists()


def import_batch_for_coordinator(user: AnyUser, pk: int) -> ImportBatch:
    """Only the coordinator who uploaded a file confirms it, and only while they coordinate."""
    if not user.is_authenticated:
        return get_or_404(ImportBatch.objects.none(), pk)
    return get_or_404(
        ImportBatch.objects.filter(
            uploaded_by=user, cohort__in=cohorts_for_coordinator(user)
        ).select_related("cohort__programme"),
        pk,
    )

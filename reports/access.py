"""Who may see which report, overview and municipality view.

- The cohort's overview and the yearly report (every municipality's figures and money):
  the programme's coordinators and administrators.
- A municipality's view and report: its contacts; administrators; and the coordinators of a
  programme whose consortium the municipality belongs to, limited to those programmes.
- A stored report: whoever may make that kind of report for that cohort and municipality.
- A later appointment is recorded by the programme's coordinators or the contacts of the
  participant's municipality.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from programmes.access import AnyUser, cohort_for_coordinator, get_or_404, is_administrator
from programmes.models import Cohort, Enrolment, Municipality, Programme

from .models import GeneratedReport


def cohort_for_reports(user: AnyUser, pk: int) -> Cohort:
    return cohort_for_coordinator(user, pk)


def municipalities_for_reader(user: AnyUser) -> QuerySet[Municipality]:
    if not user.is_authenticated:
        return Municipality.objects.none()
    if is_administrator(user):
        return Municipality.objects.all()
    return Municipality.objects.filter(
        Q(contacts=user) | Q(memberships__programme__coordinators=user)
    ).distinct()


def municipality_for_reader(user: AnyUser, pk: int) -> Municipality:
    return get_or_404(municipalities_for_reader(user), pk)


def programmes_for_reader(user: User, municipality: Municipality) -> QuerySet[Programme]:
    """The programmes whose part of ``municipality`` the user may see."""
    if is_administrator(user) or municipality.contacts.filter(pk=user.pk).exists():
        return Programme.objects.filter(
            Q(memberships__municipality=municipality)
            | Q(cohorts__enrolments__municipality=municipality)
        ).distinct()
    return Programme.objects.filter(
        coordinators=user, memberships__municipality=municipality
    ).distinct()


def cohort_for_municipality_report(user: User, municipality: Municipality, pk: int) -> Cohort:
    programmes = programmes_for_reader(user, municipality)
    return get_or_404(
        Cohort.objects.filter(programme__in=programmes).select_related("programme"), pk
    )


def reports_for_user(user: AnyUser) -> QuerySet[GeneratedReport]:
    if not user.is_authenticated:
        return GeneratedReport.objects.none()
    if is_administrator(user):
        return GeneratedReport.objects.all()
    return GeneratedReport.objects.filter(
        Q(cohort__programme__coordinators=user)
        | Q(municipality__isnull=False, municipality__contacts=user)
    ).distinct()


def report_for_user(user: AnyUser, pk: int) -> GeneratedReport:
    return get_or_404(
        reports_for_user(user).select_related("cohort__programme", "municipality", "requested_by"),
        pk,
    )


def enrolment_for_appointment(user: AnyUser, pk: int) -> Enrolment:
    if not user.is_authenticated:
        raise Http404
    enrolments = Enrolment.objects.all()
    if not is_administrator(user):
        enrolments = enrolments.filter(
            Q(cohort__programme__coordinators=user) | Q(municipality__contacts=user)
        ).distinct()
    return get_or_404(enrolments.select_related("person", "municipality", "cohort__programme"), pk)

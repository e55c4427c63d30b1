"""Reads about the consortium over time: who was a member when, and which period a cohort is in."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Min, Q, QuerySet

from programmes.models import AgreementPeriod, Cohort, Municipality, Programme


def municipalities_in_cohort(cohort: Cohort) -> QuerySet[Municipality]:
    """The municipalities that were members of the programme at some time during the cohort,
    each annotated with ``member_from`` (its joining date), so that a municipality that joined
    mid-period appears in new cohorts, and reports count it from the day it joined."""
    overlapping = (
        Q(memberships__programme_id=cohort.programme_id)
        & Q(memberships__joined_on__lte=cohort.ends_on)
        & (Q(memberships__left_on__isnull=True) | Q(memberships__left_on__gte=cohort.starts_on))
    )
    return (
        Municipality.objects.filter(overlapping)
        .annotate(member_from=Min("memberships__joined_on", filter=overlapping))
        .order_by("name")
    )


def agreement_period_of(cohort: Cohort) -> AgreementPeriod | None:
    """The agreement period the cohort starts in."""
    return (
        AgreementPeriod.objects.filter(
            programme_id=cohort.programme_id,
            starts_on__lte=cohort.starts_on,
            ends_on__gte=cohort.starts_on,
        )
        .order_by("starts_on")
        .first()
    )


@dataclass(frozen=True)
class PeriodCohorts:
    period: AgreementPeriod | None
    cohorts: list[Cohort]


def cohorts_by_agreement_period(programme: Programme) -> list[PeriodCohorts]:
    """Each agreement period with the cohorts that start in it; cohorts outside any come last."""
    periods = list(programme.agreement_periods.order_by("starts_on"))
    cohorts = list(programme.cohorts.order_by("starts_on"))
    groups = [PeriodCohorts(period, []) for period in periods]
    outside: list[Cohort] = []
    for cohort in cohorts:
        for group in groups:
            assert group.period is not None
            if group.period.starts_on <= cohort.starts_on <= group.period.ends_on:
                group.cohorts.append(cohort)
                break
        else:
            outside.append(cohort)
    if outside:
        groups.append(PeriodCohorts(None, outside))
    return groups

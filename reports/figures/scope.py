"""What a report covers, and the small formatting helpers every section shares."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.formats import number_format

from pairs.models import (
    Pair,
)
from programmes.models import (
    Cohort,
    Enrolment,
    Municipality,
    Role,
)


@dataclass(frozen=True)
class Scope:
    cohort: Cohort
    municipality: Municipality | None = None

    def enrolments(self) -> QuerySet[Enrolment]:
        queryset = Enrolment.objects.filter(cohort=self.cohort)
        if self.municipality is not None:
            queryset = queryset.filter(municipality=self.municipality)
        return queryset

    def pairs(self) -> QuerySet[Pair]:
        queryset = Pair.objects.filter(cohort=self.cohort)
        if self.municipality is not None:
            queryset = queryset.filter(
                Q(mentor__municipality=self.municipality) | Q(adept__municipality=self.municipality)
            )
        return queryset


def _fmt(value: float | int | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, int) or float(value).is_integer():
        return number_format(int(value), force_grouping=True)
    return number_format(value, digits)


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role

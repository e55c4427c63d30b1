"""Participants, applicants by gender and age, and the application funnel."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.models import Gender
from common.small_groups import SMALLEST_GROUP, SUPPRESSED, suppress_small
from programmes.models import (
    AGE_GROUPS,
    OLDEST_GROUP,
    AgeGroup,
    Enrolment,
    EnrolmentStatus,
    Programme,
    Role,
)
from programmes.profiles import needs_consent

from ..charts import Bar, bar_chart
from ..tables import Cell, Section, Table
from .scope import Scope


def participants_section(scope: Scope) -> Section:
    rows = (
        scope.enrolments()
        .filter(status=EnrolmentStatus.ADMITTED)
        .values("municipality__name")
        .annotate(
            mentors=Count("pk", filter=Q(role=Role.MENTOR)),
            adepts=Count("pk", filter=Q(role=Role.ADEPT)),
        )
        .order_by("municipality__name")
    )
    table_rows = [
        [row["municipality__name"], row["mentors"], row["adepts"], row["mentors"] + row["adepts"]]
        for row in rows
    ]
    table = Table(
        key="participants",
        title=_("Participants by municipality and role"),
        columns=[_("Municipality"), _("Mentors"), _("Adepts"), pgettext("report count", "Total")],
        rows=table_rows,
        chart=bar_chart(
            _("Participants by municipality"), [Bar(str(r[0]), r[3]) for r in table_rows]
        ),
    )
    return Section("participants", _("Participants"), [table])


def _age_group(birth_year: int | None, year: int) -> str | None:
    if birth_year is None:
        return None
    age = year - birth_year
    for low, high, label in AGE_GROUPS:
        if low <= age <= high:
            return label
    return OLDEST_GROUP


def demography_section(scope: Scope) -> Section:
    """Applicants by gender and age group, as the Kungsbacka seed counts them."""
    rows = (
        scope.enrolments()
        .values("person__gender", "person__birth_year", "age_group")
        .annotate(n=Count("pk"))
    )
    genders = {str(label): 0 for label in Gender.labels}
    ages = {label: 0 for _low, _high, label in AGE_GROUPS} | {OLDEST_GROUP: 0}
    unknown_gender = unknown_age = 0
    year = scope.cohort.starts_on.year
    for row in rows:
        gender = row["person__gender"]
        if gender in Gender.values:
            genders[str(Gender(gender).label)] += row["n"]
        else:
            unknown_gender += row["n"]
        # The group stated for this cohort comes first; a year of birth on the account next.
        stated = row["age_group"]
        group = AgeGroup(stated).label if stated else _age_group(row["person__birth_year"], year)
        if group:
            ages[group] += row["n"]
        else:
            unknown_age += row["n"]
    note = _("Groups of fewer than %(n)s people are shown as %(mark)s.") % {
        "n": SMALLEST_GROUP,
        "mark": SUPPRESSED,
    }
    # "Not stated" takes part in the hiding, or the applicants' total would reveal a group.
    not_stated = _("Not stated")
    gender_cells = suppress_small({**genders, not_stated: unknown_gender})
    age_cells = suppress_small({**ages, not_stated: unknown_age})
    return Section(
        "demography",
        _("Gender and age"),
        [
            Table(
                key="gender",
                title=_("Applicants by gender"),
                columns=[_("Gender"), _("Applicants")],
                rows=[[label, cell] for label, cell in gender_cells.items()],
                note=note,
            ),
            Table(
                key="age",
                title=_("Applicants by age group"),
                columns=[_("Age group"), _("Applicants")],
                rows=[[label, cell] for label, cell in age_cells.items()],
                note=note,
            ),
        ],
    )


def funnel_counts(enrolments: QuerySet[Enrolment]) -> dict[str, int]:
    return enrolments.aggregate(
        applied=Count("pk"),
        consent=Count("pk", filter=Q(consent__agreed=True)),
        admitted=Count("pk", filter=Q(status=EnrolmentStatus.ADMITTED)),
        waiting=Count("pk", filter=Q(status=EnrolmentStatus.WAITING)),
        declined=Count("pk", filter=Q(status=EnrolmentStatus.DECLINED)),
        withdrawn=Count("pk", filter=Q(status=EnrolmentStatus.WITHDRAWN)),
    )


def funnel_labels(programme: Programme) -> dict[str, str]:
    """The funnel's steps; the manager's consent only where the programme asks for it."""
    labels = {
        "applied": pgettext("report count", "Applied"),
        "consent": _("Manager's consent given"),
        "admitted": pgettext("report count", "Admitted"),
        "waiting": _("On the waiting list"),
        "declined": pgettext("report count", "Declined"),
        "withdrawn": _("Withdrawn"),
    }
    if not any(needs_consent(programme, role) for role in Role.values):
        del labels["consent"]
    return labels


def funnel_section(scope: Scope) -> Section:
    counts = funnel_counts(scope.enrolments())
    labels = funnel_labels(scope.cohort.programme)
    rows: list[list[Cell]] = [[labels[key], counts[key]] for key in labels]
    return Section(
        "funnel",
        _("Applications"),
        [
            Table(
                key="funnel",
                title=_("From application to admission"),
                columns=[_("Step"), _("People")],
                rows=rows,
                chart=bar_chart(
                    _("From application to admission"),
                    [Bar(labels[key], counts[key]) for key in labels],
                ),
            )
        ],
    )

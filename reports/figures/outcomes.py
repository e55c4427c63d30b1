"""Outcome indicators: manager posts against the target, engagement over the years."""

from __future__ import annotations

import datetime

from django.db.models import Avg, Count, Exists, Min, OuterRef, Q, Subquery
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.small_groups import SMALLEST_GROUP, SUPPRESSED
from pairs.models import (
    Answer,
    QuestionKind,
)
from programmes.models import (
    EnrolmentStatus,
    Role,
)

from ..charts import Bar, bar_chart
from ..models import Appointment, OutcomeTarget
from ..tables import Section, Table, percent
from .scope import Scope


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, 28))


def outcomes_section(scope: Scope) -> Section:
    target = OutcomeTarget.objects.filter(programme=scope.cohort.programme).first()
    months = target.within_months if target else 24
    deadline = _add_months(scope.cohort.ends_on, months)
    manager_posts = Appointment.objects.filter(
        enrolment=OuterRef("pk"), is_manager_post=True, appointed_on__lte=deadline
    )
    counts = (
        scope.enrolments()
        .filter(status=EnrolmentStatus.ADMITTED, role=Role.ADEPT)
        .annotate(
            has_manager_post=Exists(manager_posts),
            has_internal_post=Exists(manager_posts.filter(is_internal=True)),
        )
        .aggregate(
            adepts=Count("pk"),
            manager=Count("pk", filter=Q(has_manager_post=True)),
            internal=Count("pk", filter=Q(has_internal_post=True)),
        )
    )
    share = percent(counts["manager"], counts["adepts"])
    rows: list[list] = [
        [_("Adepts"), counts["adepts"]],
        [_("In a manager post by %(day)s") % {"day": date_format(deadline)}, counts["manager"]],
        [_("Share in a manager post (%)"), share],
        [_("Target (%)"), target.manager_share_percent if target else None],
        [_("Of those, recruited internally"), counts["internal"]],
        [_("Internal recruitment (%)"), percent(counts["internal"], counts["manager"])],
    ]
    facts = []
    if target and share is not None:
        met = share >= target.manager_share_percent
        facts.append(
            (
                _("Against the target"),
                _("reached") if met else _("not reached yet"),
            )
        )
    return Section(
        "outcomes",
        _("Outcomes"),
        [
            Table(
                key="outcomes",
                title=_("Manager posts within %(months)s months of the end") % {"months": months},
                columns=[_("Measure"), _("Value")],
                rows=rows,
                chart=bar_chart(
                    _("Share in a manager post against the target"),
                    [
                        Bar(
                            _("Share in a manager post"),
                            share or 0,
                            target.manager_share_percent if target else None,
                        )
                    ],
                    unit=" %",
                ),
            ),
            engagement_table(scope),
        ],
        facts=facts,
    )


def engagement_table(scope: Scope) -> Table:
    """The same scale questions over the programme's cohorts, year by year."""
    texts = Answer.objects.filter(
        question__questionnaire__cohort=scope.cohort, question__kind=QuestionKind.SCALE
    ).values("question__text")
    rows = (
        Answer.objects.filter(
            question__questionnaire__cohort__programme=scope.cohort.programme,
            question__questionnaire__cohort__starts_on__lte=scope.cohort.starts_on,
            question__kind=QuestionKind.SCALE,
            question__text__in=Subquery(texts),
            scale__isnull=False,
        )
        .values("question__text", "question__questionnaire__cohort__name")
        .annotate(
            n=Count("pk"),
            average=Avg("scale"),
            starts=Min("question__questionnaire__cohort__starts_on"),
        )
        .order_by("question__text", "starts")
    )
    table_rows = [
        [
            row["question__text"],
            row["question__questionnaire__cohort__name"],
            row["n"] if row["n"] >= SMALLEST_GROUP else SUPPRESSED,
            round(row["average"], 2) if row["n"] >= SMALLEST_GROUP else SUPPRESSED,
        ]
        for row in rows
    ]
    return Table(
        key="engagement",
        title=_("Evaluation questions over the years"),
        columns=[_("Question"), _("Cohort"), _("Answers"), _("Average")],
        rows=table_rows,
        numeric_from=2,
    )

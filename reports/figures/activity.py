"""Event attendance and the evaluation's aggregated answers."""

from __future__ import annotations

from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from common.small_groups import SMALLEST_GROUP, SUPPRESSED
from events.models import EventKind
from events.selectors import event_attendance_for_cohort
from pairs.models import (
    Answer,
    QuestionKind,
    Response,
)
from programmes.models import (
    EnrolmentStatus,
    Role,
)

from ..charts import Bar, bar_chart
from ..tables import Cell, Section, Table, percent
from .scope import Scope, _role_label


def events_section(scope: Scope) -> Section:
    # Sessions have a section of their own (sessions.py).
    attendance = [
        row
        for row in event_attendance_for_cohort(scope.cohort, municipality=scope.municipality)
        if row.event.kind != EventKind.SESSION
    ]
    table_rows: list[list[Cell]] = [
        [
            row.event.title,
            timezone.localdate(row.event.starts_at),
            row.registered,
            row.attended,
            percent(row.attended, row.registered),
        ]
        for row in attendance
    ]
    return Section(
        "events",
        _("Events"),
        [
            Table(
                key="events",
                title=_("Event attendance"),
                columns=[
                    _("Event"),
                    _("Date"),
                    pgettext("report count", "Registered"),
                    pgettext("report count", "Attended"),
                    _("Attended (%)"),
                ],
                rows=table_rows,
                numeric_from=2,
                chart=bar_chart(
                    _("Attended per event"),
                    [Bar(row.event.title, row.attended) for row in attendance],
                ),
            )
        ],
    )


def evaluation_section(scope: Scope) -> Section:
    """Scale answers per question with response rates; a question with few answers is hidden."""
    # Answers carry no municipality (so nobody can trace them): always the whole cohort's.
    answers = (
        Answer.objects.filter(
            question__questionnaire__cohort=scope.cohort,
            question__kind=QuestionKind.SCALE,
            scale__isnull=False,
        )
        .values("question__pk", "question__text", "question__audience", "question__position")
        .annotate(n=Count("pk"), average=Avg("scale"))
        .order_by("question__audience", "question__position", "question__pk")
    )
    invited = dict(
        scope.enrolments()
        .filter(status=EnrolmentStatus.ADMITTED)
        .values_list("role")
        .annotate(n=Count("pk"))
    )
    # Who answered is stored with the municipality (not what): rates per municipality are safe.
    responses = Response.objects.filter(questionnaire__cohort=scope.cohort)
    if scope.municipality is not None:
        responses = responses.filter(municipality=scope.municipality)
    answered = dict(responses.values_list("role").annotate(n=Count("pk")))
    rate_rows = [
        [
            _role_label(role),
            invited.get(role, 0),
            answered.get(role, 0),
            percent(answered.get(role, 0), invited.get(role, 0)),
        ]
        for role in Role.values
    ]
    rows = []
    for row in answers:
        shown = row["n"] >= SMALLEST_GROUP
        rows.append(
            [
                row["question__text"],
                _role_label(row["question__audience"]),
                row["n"] if shown else SUPPRESSED,
                round(row["average"], 2) if shown else SUPPRESSED,
            ]
        )
    note = _(
        "Averages on the scale 1–5. Questions answered by fewer than %(n)s people are not shown."
    ) % {"n": SMALLEST_GROUP}
    if scope.municipality is not None:
        note += " " + _("The answers are anonymous and shown for the whole cohort.")
    return Section(
        "evaluation",
        _("Evaluation"),
        [
            Table(
                key="response_rates",
                title=_("Response rates"),
                columns=[_("Role"), _("Asked"), _("Answered"), _("Response rate (%)")],
                rows=rate_rows,
            ),
            Table(
                key="evaluation",
                title=_("Evaluation results per question"),
                columns=[_("Question"), _("Asked of"), _("Answers"), _("Average")],
                rows=rows,
                note=note,
                numeric_from=2,
            ),
        ],
    )

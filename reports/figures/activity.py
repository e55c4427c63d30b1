"""Event attendance and the evaluation's aggregated answers."""

from __future__ import annotations

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from common.small_groups import SMALLEST_GROUP, SUPPRESSED
from events.models import EventKind
from events.selectors import event_attendance_for_cohort
from pairs.models import QuestionKind, Questionnaire, Response, SurveyKind
from pairs.surveys import QuestionResult, question_results
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


def _survey_result(result: QuestionResult) -> Cell:
    """One figure for a question: the average, the NPS, or the most chosen option."""
    if result.kind == QuestionKind.SCALE:
        return round(result.average, 2) if result.average is not None else None
    if result.kind == QuestionKind.NPS:
        return pgettext("report result", "NPS %(score)+d") % {"score": result.nps or 0}
    top = max(result.options, key=lambda option: option.count, default=None)
    if top is None or not top.count:
        return None
    return f"{top.label} ({top.percent} %)"


def _survey_rows(survey: Questionnaire) -> list[list[Cell]]:
    """Questions with a figure (not free text); hidden when fewer than five answered."""
    rows: list[list[Cell]] = []
    for result in question_results(survey, with_texts=False):
        if result.kind == QuestionKind.TEXT:
            continue
        shown = not result.hidden and result.answered >= SMALLEST_GROUP
        rows.append(
            [
                result.text,
                result.audience,
                result.answered if shown else SUPPRESSED,
                _survey_result(result) if shown else SUPPRESSED,
            ]
        )
    return rows


def _survey_table(key: str, title: str, rows: list[list[Cell]], note: str) -> Table:
    return Table(
        key=key,
        title=title,
        columns=[_("Question"), _("Asked of"), _("Answers"), _("Result")],
        rows=rows,
        note=note,
        numeric_from=2,
    )


def evaluation_section(scope: Scope) -> Section:
    """Response rates of the end-of-year evaluation, and each survey's figures per question.

    Averages on the 1–5 scale, the NPS of a recommendation question, the most chosen option
    of a choice question; a question with few answers is hidden, free text is not reported.
    """
    # Answers carry no municipality (so nobody can trace them): always the whole cohort's.
    surveys = list(
        Questionnaire.objects.filter(cohort=scope.cohort)
        .select_related("cohort")
        .order_by("-kind", "created_at", "pk")
    )
    invited = dict(
        scope.enrolments()
        .filter(status=EnrolmentStatus.ADMITTED)
        .values_list("role")
        .annotate(n=Count("pk"))
    )
    # Who answered is stored with the municipality (not what): rates per municipality are safe.
    responses = Response.objects.filter(
        questionnaire__cohort=scope.cohort, questionnaire__kind=SurveyKind.EVALUATION
    )
    if scope.municipality is not None:
        responses = responses.filter(municipality=scope.municipality)
    answered = dict(responses.values_list("role").annotate(n=Count("pk")))
    rate_rows: list[list[Cell]] = [
        [
            _role_label(role),
            invited.get(role, 0),
            answered.get(role, 0),
            percent(answered.get(role, 0), invited.get(role, 0)),
        ]
        for role in Role.values
    ]
    note = _(
        "Averages on the scale 1–5; NPS is the share who would recommend the programme minus "
        "the share who would not. Questions answered by fewer than %(n)s people are not shown."
    ) % {"n": SMALLEST_GROUP}
    if scope.municipality is not None:
        note += " " + _("The answers are anonymous and shown for the whole cohort.")
    evaluation = next((s for s in surveys if s.is_evaluation), None)
    tables = [
        Table(
            key="response_rates",
            title=_("Response rates"),
            columns=[_("Role"), _("Asked"), _("Answered"), _("Response rate (%)")],
            rows=rate_rows,
        ),
        _survey_table(
            "evaluation",
            _("Evaluation results per question"),
            _survey_rows(evaluation) if evaluation else [],
            note,
        ),
    ]
    tables += [
        _survey_table(f"survey_{survey.pk}", survey.name, _survey_rows(survey), note)
        for survey in surveys
        if not survey.is_evaluation
    ]
    return Section("evaluation", _("Evaluation"), tables)

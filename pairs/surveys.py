"""Reads for surveys: the open surveys a person has yet to answer, and results in aggregate.

Results never say who answered what: answers carry no link to a person, texts are sorted
alphabetically, and a question asked of fewer than five respondents shows nothing.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.small_groups import SUPPRESSED
from programmes.models import Enrolment, EnrolmentStatus, Role

from .models import (
    CHOICE_KINDS,
    NPS_DETRACTOR_TO,
    NPS_MAX,
    NPS_MIN,
    NPS_PROMOTER_FROM,
    SCALE_MAX,
    SCALE_MIN,
    SMALLEST_REPORTED_GROUP,
    Answer,
    Audience,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
    audiences_of,
)

# Open surveys ---------------------------------------------------------------------


def not_closed(today: datetime.date) -> Q:
    """Questionnaires that have not closed by ``today`` (opening is checked by ``is_open``)."""
    return Q(open_until__gte=today) | Q(open_until__isnull=True, cohort__ends_on__gte=today)


def open_surveys_for(user: User, *, enrolment: Enrolment | None = None) -> list[Questionnaire]:
    """Open surveys of the user's cohorts (or of the user's ``enrolment`` already read, on
    the pair page) with questions for them, not yet answered."""
    today = timezone.localdate()
    if enrolment is not None:
        admitted = enrolment.status == EnrolmentStatus.ADMITTED
        roles = {enrolment.cohort_id: enrolment.role} if admitted else {}
    else:
        enrolments = Enrolment.objects.filter(person=user, status=EnrolmentStatus.ADMITTED)
        roles = dict(enrolments.values_list("cohort_id", "role"))
    if not roles:
        return []
    candidates = [
        survey
        for survey in Questionnaire.objects.filter(not_closed(today), cohort_id__in=roles)
        .exclude(Exists(Response.objects.filter(questionnaire=OuterRef("pk"), person=user)))
        .select_related("cohort__programme")
        if survey.is_open(today)
    ]
    audiences: dict[int, set[str]] = defaultdict(set)
    for survey_id, audience in Question.objects.filter(
        questionnaire__in=[s.pk for s in candidates]
    ).values_list("questionnaire_id", "audience"):
        audiences[survey_id].add(audience)
    return [
        survey
        for survey in candidates
        if audiences[survey.pk] & set(audiences_of(roles[survey.cohort_id]))
    ]


# Results ----------------------------------------------------------------------------


@dataclass
class RateRow:
    municipality: str
    invited: int
    answered: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.invited) if self.invited else 0


@dataclass
class OptionCount:
    label: str
    count: int
    percent: int


@dataclass
class QuestionResult:
    text: str
    audience: str
    kind: str
    respondents: int
    hidden: bool
    # How many answered this question (a question may be skipped).
    answered: int = 0
    average: float | None = None
    distribution: list[tuple[int, int]] = field(default_factory=list)
    options: list[OptionCount] = field(default_factory=list)
    nps: int | None = None
    promoters: int = 0
    passives: int = 0
    detractors: int = 0
    texts: list[str] = field(default_factory=list)


def _share(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


def _roles_asked(questionnaire: Questionnaire) -> list[str]:
    audiences = set(questionnaire.questions.values_list("audience", flat=True))
    return list(Role.values) if Audience.BOTH in audiences else sorted(audiences)


def response_rates(questionnaire: Questionnaire) -> list[RateRow]:
    invited = (
        Enrolment.objects.filter(
            cohort_id=questionnaire.cohort_id,
            status=EnrolmentStatus.ADMITTED,
            role__in=_roles_asked(questionnaire),
        )
        .values("municipality__name")
        .annotate(n=Count("pk"))
    )
    answered = dict(
        Response.objects.filter(questionnaire=questionnaire)
        .values_list("municipality__name")
        .annotate(n=Count("pk"))
    )
    return [
        RateRow(row["municipality__name"], row["n"], answered.get(row["municipality__name"], 0))
        for row in invited.order_by("municipality__name")
    ]


def _numbers_result(result: QuestionResult, counts: dict[int, int], low: int, high: int) -> None:
    result.distribution = [(value, counts.get(value, 0)) for value in range(low, high + 1)]
    result.answered = sum(counts.values())
    if result.answered:
        total = sum(value * n for value, n in counts.items())
        result.average = total / result.answered


def _nps_result(result: QuestionResult, counts: dict[int, int]) -> None:
    _numbers_result(result, counts, NPS_MIN, NPS_MAX)
    result.promoters = sum(n for value, n in counts.items() if value >= NPS_PROMOTER_FROM)
    result.detractors = sum(n for value, n in counts.items() if value <= NPS_DETRACTOR_TO)
    result.passives = result.answered - result.promoters - result.detractors
    if result.answered:
        result.nps = round(100 * (result.promoters - result.detractors) / result.answered)


def _choice_result(result: QuestionResult, question: Question, chosen: list[list[int]]) -> None:
    result.answered = len(chosen)
    tally = Counter(n for answer in chosen for n in answer)
    result.options = [
        OptionCount(label, tally.get(n, 0), _share(tally.get(n, 0), result.answered))
        for n, label in enumerate(question.option_list)
    ]


def question_results(
    questionnaire: Questionnaire, *, with_texts: bool = True
) -> list[QuestionResult]:
    """Answers only in aggregate, and nothing for a group smaller than five respondents.

    Without ``with_texts`` free-text answers are not read (the yearly report leaves them out).
    """
    respondents = dict(
        Response.objects.filter(questionnaire=questionnaire)
        .values_list("role")
        .annotate(n=Count("pk"))
    )
    questions = list(questionnaire.questions.all())
    answers = Answer.objects.filter(question__questionnaire=questionnaire)
    numbers: dict[int, dict[int, int]] = defaultdict(dict)
    for question_id, scale, score, n in (
        answers.filter(Q(scale__isnull=False) | Q(score__isnull=False))
        .values_list("question_id", "scale", "score")
        .annotate(n=Count("pk"))
    ):
        numbers[question_id][scale if scale is not None else score] = n
    kinds = {question.kind for question in questions}
    chosen: dict[int, list[list[int]]] = defaultdict(list)
    if kinds & set(CHOICE_KINDS):
        for question_id, choices in answers.filter(question__kind__in=CHOICE_KINDS).values_list(
            "question_id", "choices"
        ):
            chosen[question_id].append(choices)
    texts: dict[int, list[str]] = defaultdict(list)
    if with_texts and QuestionKind.TEXT in kinds:
        # Sorted alphabetically, so that the order says nothing about who wrote what.
        for question_id, text in (
            answers.exclude(text="").order_by("text").values_list("question_id", "text")
        ):
            texts[question_id].append(text)
    results = []
    for question in questions:
        group = sum(respondents.get(role, 0) for role in _roles_of(question.audience))
        result = QuestionResult(
            text=question.text,
            audience=question.get_audience_display(),
            kind=question.kind,
            respondents=group,
            hidden=group < SMALLEST_REPORTED_GROUP,
        )
        if not result.hidden:
            if question.kind == QuestionKind.SCALE:
                _numbers_result(result, numbers[question.pk], SCALE_MIN, SCALE_MAX)
            elif question.kind == QuestionKind.NPS:
                _nps_result(result, numbers[question.pk])
            elif question.kind in CHOICE_KINDS:
                _choice_result(result, question, chosen[question.pk])
            else:
                result.texts = texts[question.pk]
                result.answered = len(result.texts)
        results.append(result)
    return results


def _roles_of(audience: str) -> list[str]:
    return list(Role.values) if audience == Audience.BOTH else [audience]


# The results as CSV rows -------------------------------------------------------------

CsvRow = list[str | int | float | None]


def results_csv_header() -> list[str]:
    return [
        _("Question"),
        _("Asked of"),
        _("Kind"),
        _("Respondents"),
        _("Answered"),
        _("Result"),
        _("Value"),
        _("Share (%)"),
    ]


def _result_lines(result: QuestionResult) -> list[tuple[str, str | int | float | None, int | None]]:
    """(what, value, share) lines of one question's result."""
    if result.hidden:
        return [(_("Fewer than five have answered"), SUPPRESSED, None)]
    if result.kind in (QuestionKind.SCALE, QuestionKind.NPS):
        head: list[tuple[str, str | int | float | None, int | None]] = (
            [(_("NPS"), result.nps, None)]
            if result.kind == QuestionKind.NPS
            else [(_("Average"), round(result.average, 2) if result.average else None, None)]
        )
        return head + [
            (str(value), count, _share(count, result.answered))
            for value, count in result.distribution
        ]
    if result.options:
        return [(option.label, option.count, option.percent) for option in result.options]
    return [(_("Free text"), text, None) for text in result.texts]


def results_csv_rows(results: list[QuestionResult]) -> list[CsvRow]:
    return [
        [
            result.text,
            result.audience,
            str(QuestionKind(result.kind).label),
            result.respondents,
            None if result.hidden else result.answered,
            what,
            value,
            share,
        ]
        for result in results
        for what, value, share in _result_lines(result)
    ]

"""Reads for matching: the cohort's candidates, their leader profiles as arrays, progress, texts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict, cast

import numpy as np
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from scipy import sparse

from common.queries import count_of
from pairs.models import Pair
from programmes.models import Cohort, Enrolment, EnrolmentStatus, MeetingPreference, Role
from programmes.models.core import EnrolmentQuerySet

from . import scoring
from .models import (
    Audience,
    ChoicePurpose,
    CohortMatching,
    Exclusion,
    MatchRun,
    Objective,
    ProfileAnswer,
    Proposal,
    Question,
    QuestionKind,
    Questionnaire,
    ShortlistRank,
    TravelTime,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

MEETING_CODES: dict[str, int] = {
    MeetingPreference.EITHER: scoring.MEETING_EITHER,
    MeetingPreference.IN_PERSON: scoring.MEETING_IN_PERSON,
    MeetingPreference.DIGITAL: scoring.MEETING_DIGITAL,
}
MAX_LANGUAGES = 62


def cohort_matching(cohort: Cohort) -> CohortMatching:
    config, _created = CohortMatching.objects.get_or_create(cohort=cohort)
    return config


def questionnaire_for(cohort: Cohort) -> Questionnaire | None:
    return Questionnaire.objects.filter(programme_id=cohort.programme_id).first()


def questions_for(questionnaire: Questionnaire | None) -> list[Question]:
    if questionnaire is None:
        return []
    return list(questionnaire.questions.select_related("dimension").order_by("position", "pk"))


# Leader-profile progress -------------------------------------------------------

# An answer that counts: a point on the scale, or at least one choice.
ANSWERED = Q(scale_value__isnull=False) | ~Q(choices=[])
# Question.is_required as a condition on questions.
REQUIRED = ~Q(kind=QuestionKind.TEXT)


@dataclass
class ProfileProgress:
    enrolment: Enrolment
    answered: int
    required: int

    @property
    def finished(self) -> bool:
        return self.answered >= self.required


def profile_progress(cohort: Cohort) -> list[ProfileProgress]:
    """Every admitted participant's progress on the required questions, in three queries."""
    questions = questions_for(questionnaire_for(cohort))
    required: dict[str, list[int]] = {
        role: [q.pk for q in questions if q.is_required and q.is_for(role)] for role in Role
    }
    enrolments = list(
        Enrolment.objects.admitted()
        .filter(cohort=cohort)
        .select_related("person", "municipality")
        .order_by("role", "person__full_name")
    )
    answered: dict[int, set[int]] = defaultdict(set)
    answers = ProfileAnswer.objects.filter(
        enrolment__in=[e.pk for e in enrolments], question__in=[q.pk for q in questions]
    ).filter(ANSWERED)
    for enrolment_id, question_id in answers.values_list("enrolment_id", "question_id"):
        answered[enrolment_id].add(question_id)
    return [
        ProfileProgress(
            enrolment=e,
            answered=len(answered[e.pk] & set(required[e.role])),
            required=len(required[e.role]),
        )
        for e in enrolments
    ]


def _required_by_role(questions: list[Question]) -> dict[str, set[int]]:
    return {role: {q.pk for q in questions if q.is_required and q.is_for(role)} for role in Role}


def unfinished_enrolments(cohort: Cohort) -> list[Enrolment]:
    """The admitted participants of :func:`profile_progress` who are not finished, in its
    order; reads ids only for the finished, so that a national cohort costs little."""
    questions = questions_for(questionnaire_for(cohort))
    required = _required_by_role(questions)
    admitted = Enrolment.objects.admitted().filter(cohort=cohort)
    answered: dict[int, set[int]] = defaultdict(set)
    answers = ProfileAnswer.objects.filter(
        enrolment__cohort=cohort, question__in=[q.pk for q in questions]
    ).filter(ANSWERED)
    for enrolment_id, question_id in answers.values_list("enrolment_id", "question_id"):
        answered[enrolment_id].add(question_id)
    unfinished = [
        pk for pk, role in admitted.values_list("pk", "role") if not required[role] <= answered[pk]
    ]
    if not unfinished:
        return []
    return list(
        admitted.filter(pk__in=unfinished)
        .select_related("person", "municipality")
        .order_by("role", "person__full_name")
    )


def unfinished_before_matching(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """The admitted ``enrolments`` in cohorts whose leader profiles are open, in no active
    pair yet, who have not answered every required question: :func:`unfinished_enrolments`
    for many cohorts in one query."""
    required = Question.objects.filter(
        REQUIRED,
        Q(audience=Audience.BOTH) | Q(audience=OuterRef("role")),
        questionnaire__programme_id=OuterRef("cohort__programme_id"),
    )
    answered = (
        ProfileAnswer.objects.filter(ANSWERED, enrolment_id=OuterRef("pk"))
        .filter(Q(question__audience=Audience.BOTH) | Q(question__audience=OuterRef("role")))
        .exclude(question__kind=QuestionKind.TEXT)  # REQUIRED, through the question
    )
    paired = Pair.objects.active().filter(Q(adept_id=OuterRef("pk")) | Q(mentor_id=OuterRef("pk")))
    return (
        enrolments.filter(
            status=EnrolmentStatus.ADMITTED, cohort__matching__profiles_opened_at__isnull=False
        )
        .exclude(Exists(paired))
        .alias(required=count_of(required), answered=count_of(answered))
        .filter(answered__lt=F("required"))
    )


def profile_done_condition(cohort: Cohort) -> Q:
    """Enrolments of ``cohort`` whose profile answers every required question of their role,
    as a condition (registered for the participants list, programmes/profile_state.py)."""
    questions = questions_for(questionnaire_for(cohort))
    condition = Q()
    for role, required in _required_by_role(questions).items():
        finished = (
            ProfileAnswer.objects.filter(ANSWERED, enrolment__cohort=cohort, question__in=required)
            .values("enrolment")
            .annotate(answered=Count("question", distinct=True))
            .filter(answered=len(required))
            .values("enrolment")
        )
        condition |= Q(role=role, pk__in=finished) if required else Q(role=role)
    return condition


# Candidates and the scoring input ------------------------------------------------


@dataclass
class Candidates:
    adepts: list[Enrolment]
    mentors: list[Enrolment]
    # Free places per mentor id, after the cohort's active pairs.
    capacity: dict[int, int] = field(default_factory=dict)


class ActivePairs(TypedDict):
    """What :func:`cohort_candidates` adds to each mentor."""

    active: int


def _unpaired_adepts(admitted: EnrolmentQuerySet, cohort: Cohort) -> EnrolmentQuerySet:
    paired_adepts = Pair.objects.active().filter(cohort=cohort).values("adept_id")
    return admitted.adepts().exclude(pk__in=paired_adepts)


def adepts_to_match_count(cohort: Cohort) -> int:
    """How many adepts a run would match (before unfinished profiles are left out)."""
    return _unpaired_adepts(Enrolment.objects.admitted().filter(cohort=cohort), cohort).count()


def cohort_candidates(cohort: Cohort) -> Candidates:
    """Admitted adepts without an active pair, and mentors with a free place (a free seat
    in their group, in group mentoring)."""
    admitted = (
        Enrolment.objects.admitted().filter(cohort=cohort).select_related("person", "municipality")
    )
    adepts = list(_unpaired_adepts(admitted, cohort).order_by("pk"))
    counted = (
        admitted.mentors()
        .annotate(active=Count("pairs_as_mentor", filter=Q(pairs_as_mentor__dissolved_at=None)))
        .order_by("pk")
    )
    # The rows of a custom QuerySet lose their annotations in the stubs: `active` is the above.
    all_mentors = cast("list[WithAnnotations[Enrolment, ActivePairs]]", list(counted))
    # In group mentoring every mentor takes a whole group; otherwise what they offered.
    capacity = {
        m.pk: max(
            0, (cohort.group_size if cohort.is_group_mentoring else m.mentor_capacity) - m.active
        )
        for m in all_mentors
    }
    mentors: list[Enrolment] = [m for m in all_mentors if capacity[m.pk] > 0]
    return Candidates(adepts=adepts, mentors=mentors, capacity=capacity)


def _profile_arrays(
    enrolments: list[Enrolment], questions: list[Question], needs_index: dict[tuple[int, str], int]
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    dims: list[int] = []
    for q in questions:
        if (
            q.kind == QuestionKind.SCALE
            and q.dimension_id is not None
            and q.dimension_id not in dims
        ):
            dims.append(q.dimension_id)
    row_of = {e.pk: i for i, e in enumerate(enrolments)}
    needs = np.zeros((len(enrolments), len(needs_index)), dtype=np.bool_)
    sums = np.zeros((len(enrolments), len(dims)), dtype=np.float64)
    counts = np.zeros((len(enrolments), len(dims)), dtype=np.float64)
    answers = ProfileAnswer.objects.filter(enrolment__in=list(row_of))
    scale = {
        q.pk: dims.index(q.dimension_id)
        for q in questions
        if q.kind == QuestionKind.SCALE and q.dimension_id is not None
    }
    # Scale answers and needs apart: only the needs' choices are decoded from JSON.
    rows = answers.filter(question__in=list(scale), scale_value__isnull=False).values_list(
        "enrolment_id", "question_id", "scale_value"
    )
    if rows:
        enrolment_ids, question_ids, values = np.array(list(rows), dtype=np.int64).T
        at = (
            np.array([row_of[pk] for pk in enrolment_ids.tolist()], dtype=np.int64),
            np.array([scale[pk] for pk in question_ids.tolist()], dtype=np.int64),
        )
        np.add.at(sums, at, (values - 1) / 4)
        np.add.at(counts, at, 1)
    needs_questions = [
        q.pk
        for q in questions
        if q.kind == QuestionKind.CHOICE and q.purpose == ChoicePurpose.NEEDS
    ]
    for enrolment_id, question_id, choices in answers.filter(
        question__in=needs_questions
    ).values_list("enrolment_id", "question_id", "choices"):
        row = row_of[enrolment_id]
        for choice in choices or []:
            column = needs_index.get((question_id, choice))
            if column is not None:
                needs[row, column] = True
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(counts > 0, sums / counts, np.nan).astype(np.float32)
    return needs, means, [str(d) for d in dims]


def _codes(values: list[str], index: dict[str, int]) -> np.ndarray:
    out = []
    for value in values:
        key = value.strip().casefold()
        if not key:
            out.append(-1)
            continue
        out.append(index.setdefault(key, len(index)))
    return np.array(out, dtype=np.int64)


def _language_masks(values: list[str], index: dict[str, int]) -> np.ndarray:
    masks = []
    for value in values:
        mask = 0
        for language in value.split(","):
            key = language.strip().casefold()
            if key:
                bit = index.setdefault(key, len(index))
                if bit < MAX_LANGUAGES:
                    mask |= 1 << bit
        masks.append(mask)
    return np.array(masks, dtype=np.int64)


def scoring_input(cohort: Cohort, candidates: Candidates) -> scoring.ScoringInput:
    """The cohort's data as arrays for the scoring, in the order of ``candidates``."""
    config = cohort_matching(cohort)
    adepts, mentors = candidates.adepts, candidates.mentors
    questions = questions_for(questionnaire_for(cohort))
    needs_index: dict[tuple[int, str], int] = {}
    need_labels: list[str] = []
    for q in questions:
        if q.kind == QuestionKind.CHOICE and q.purpose == ChoicePurpose.NEEDS:
            for option in q.option_list:
                needs_index[(q.pk, option)] = len(need_labels)
                need_labels.append(option)
    adept_needs, adept_dims, dim_keys = _profile_arrays(adepts, questions, needs_index)
    mentor_strengths, mentor_dims, _ = _profile_arrays(mentors, questions, needs_index)
    dimensions = {str(q.dimension_id): q.dimension for q in questions if q.dimension is not None}
    municipality_ids = sorted({e.municipality_id for e in adepts + mentors})
    position = {pk: i for i, pk in enumerate(municipality_ids)}
    travel = np.full((len(position), len(position)), np.nan, dtype=np.float32)
    np.fill_diagonal(travel, 0)
    for origin, destination, minutes in TravelTime.objects.filter(
        origin__in=municipality_ids, destination__in=municipality_ids
    ).values_list("origin_id", "destination_id", "minutes"):
        travel[position[origin], position[destination]] = minutes
        travel[position[destination], position[origin]] = minutes
    names = {e.municipality_id: e.municipality.name for e in adepts + mentors}
    area_index: dict[str, int] = {}
    mentor_area = _codes([m.work_area for m in mentors], area_index)
    adept_wished = _codes([a.wished_work_area for a in adepts], area_index)
    area_labels = [""] * len(area_index)
    for value in [m.work_area for m in mentors] + [a.wished_work_area for a in adepts]:
        key = value.strip().casefold()
        if key:
            area_labels[area_index[key]] = value.strip()
    language_index: dict[str, int] = {}
    adept_row = {a.pk: i for i, a in enumerate(adepts)}
    mentor_col = {m.pk: j for j, m in enumerate(mentors)}
    excluded = [
        (adept_row[a], mentor_col[m])
        for m, a in Exclusion.objects.filter(cohort=cohort).values_list("mentor_id", "adept_id")
        if a in adept_row and m in mentor_col
    ]
    # A pair that was dissolved is not proposed again; one also excluded is listed once.
    excluded += [
        (adept_row[a], mentor_col[m])
        for m, a in Pair.objects.filter(cohort=cohort, dissolved_at__isnull=False).values_list(
            "mentor_id", "adept_id"
        )
        if a in adept_row and m in mentor_col
    ]
    excluded = list(dict.fromkeys(excluded))
    ranking = None
    if config.shortlist_open and config.weight("ranking") > 0:
        ranking = _ranking_matrix(adept_row, mentor_col)
    return scoring.ScoringInput(
        adept_ids=np.array([a.pk for a in adepts], dtype=np.int64),
        mentor_ids=np.array([m.pk for m in mentors], dtype=np.int64),
        adept_person=np.array([a.person_id for a in adepts], dtype=np.int64),
        mentor_person=np.array([m.person_id for m in mentors], dtype=np.int64),
        adept_municipality=np.array([position[a.municipality_id] for a in adepts], dtype=np.int64),
        mentor_municipality=np.array(
            [position[m.municipality_id] for m in mentors], dtype=np.int64
        ),
        adept_years=np.array([a.years_as_manager for a in adepts], dtype=np.int64),
        mentor_years=np.array([m.years_as_manager for m in mentors], dtype=np.int64),
        adept_needs=adept_needs,
        mentor_strengths=mentor_strengths,
        adept_dims=adept_dims,
        mentor_dims=mentor_dims,
        dim_complement=np.array(
            [dimensions[k].mode == "complement" for k in dim_keys], dtype=np.bool_
        ),
        adept_wished_area=adept_wished,
        mentor_area=mentor_area,
        adept_meeting=np.array(
            [MEETING_CODES[a.meeting_preference] for a in adepts], dtype=np.int64
        ),
        mentor_meeting=np.array(
            [MEETING_CODES[m.meeting_preference] for m in mentors], dtype=np.int64
        ),
        adept_languages=_language_masks([a.languages for a in adepts], language_index),
        mentor_languages=_language_masks([m.languages for m in mentors], language_index),
        travel_minutes=travel,
        weights={c: float(config.weight(c)) for c in scoring.CRITERIA},
        mentor_capacity=np.array([candidates.capacity[m.pk] for m in mentors], dtype=np.int64),
        require_other_municipality=cohort.programme.mentor_from_other_municipality,
        min_years_ahead=config.min_years_ahead,
        excluded_adepts=np.array([a for a, _m in excluded], dtype=np.int64),
        excluded_mentors=np.array([m for _a, m in excluded], dtype=np.int64),
        ranking=ranking,
        need_labels=need_labels,
        dim_labels=[dimensions[k].name for k in dim_keys],
        area_labels=area_labels,
        municipality_labels=[names[pk] for pk in municipality_ids],
    )


def _ranking_matrix(adept_row: dict[int, int], mentor_col: dict[int, int]) -> sparse.csr_matrix:
    ranks: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for adept_id, mentor_id, rank in ShortlistRank.objects.filter(
        adept__in=list(adept_row), mentor__in=list(mentor_col)
    ).values_list("adept_id", "mentor_id", "rank"):
        ranks[adept_id].append((rank, mentor_id))
    rows, cols, values = [], [], []
    for adept_id, ranked in ranks.items():
        ranked.sort()
        for position, (_rank, mentor_id) in enumerate(ranked):
            rows.append(adept_row[adept_id])
            cols.append(mentor_col[mentor_id])
            values.append(1.0 - position / len(ranked))
    return sparse.csr_matrix(
        (values, (rows, cols)), shape=(len(adept_row), len(mentor_col)), dtype=np.float32
    )


# Runs -------------------------------------------------------------------------------


def runs_for_cohort(cohort: Cohort) -> QuerySet[MatchRun]:
    return cohort.match_runs.annotate(proposal_count=Count("proposals")).order_by("-number")


def run_proposals(run: MatchRun) -> QuerySet[Proposal]:
    return run.proposals.select_related(
        "adept__person", "adept__municipality", "mentor__person", "mentor__municipality"
    ).order_by("adept__person__full_name", "adept_id")


def why_you_two(pair: Pair) -> str:
    """The short text both members see: from the published proposal behind the pair, if any."""
    from .explain import why_you_two_text

    proposal = (
        Proposal.objects.filter(
            run__cohort_id=pair.cohort_id,
            run__published_at__isnull=False,
            adept_id=pair.adept_id,
            mentor_id=pair.mentor_id,
        )
        .order_by("-run__published_at")
        .first()
    )
    if proposal is None:
        return ""
    return why_you_two_text(proposal.explanation)


@dataclass(frozen=True)
class SummaryLine:
    label: str
    value: str


def profile_summary(enrolment: Enrolment) -> list[SummaryLine]:
    """The adept's profile as the mentor sees it: choices and dimension levels, no free text."""
    from django.utils.translation import gettext as _

    questions = questions_for(questionnaire_for(enrolment.cohort))
    answers = {
        a.question_id: a
        for a in ProfileAnswer.objects.filter(enrolment=enrolment, question__in=questions)
    }
    lines: list[SummaryLine] = []
    levels: dict[str, list[int]] = defaultdict(list)
    for q in questions:
        answer = answers.get(q.pk)
        if answer is None:
            continue
        if q.kind == QuestionKind.CHOICE and answer.choices:
            lines.append(SummaryLine(q.wording_for(enrolment.role), ", ".join(answer.choices)))
        elif (
            q.kind == QuestionKind.SCALE
            and q.dimension is not None
            and answer.scale_value is not None
        ):
            levels[q.dimension.name].append(answer.scale_value)
    for name, values in levels.items():
        mean = sum(values) / len(values)
        level = _("high") if mean >= 3.67 else _("low") if mean <= 2.33 else _("medium")
        lines.append(SummaryLine(name, level))
    return lines


def shortlist_mentors(adept: Enrolment) -> QuerySet[Enrolment]:
    """The mentors an adept may rank: admitted, and from another municipality if required."""
    mentors = (
        Enrolment.objects.admitted()
        .mentors()
        .filter(cohort_id=adept.cohort_id)
        .exclude(person_id=adept.person_id)
        .select_related("person", "municipality")
        .order_by("person__full_name")
    )
    if adept.cohort.programme.mentor_from_other_municipality:
        mentors = mentors.exclude(municipality_id=adept.municipality_id)
    return mentors


@dataclass(frozen=True)
class ObjectiveFigures:
    """One objective's optimum of a run: adepts matched, total and lowest pair score."""

    objective: str
    label: str
    used: bool
    matched: int
    total: float
    lowest: float | None


@dataclass(frozen=True)
class RunFigures:
    """Both objectives' optima of a run, and what the "no weak pair" one costs the total
    (``cost``) to lift the lowest pair score (``lift``), in points."""

    rows: list[ObjectiveFigures]
    lift: float | None = None
    cost: float | None = None
    # A large run's other objective is solved after the run is saved (services.long_runs).
    pending: bool = False


def run_figures(run: MatchRun) -> RunFigures:
    labels = dict(Objective.choices)
    rows = [
        ObjectiveFigures(
            objective=objective,
            label=str(labels[objective]),
            used=objective == run.objective,
            matched=int(run.figures[objective]["matched"]),
            total=float(run.figures[objective]["total"]),
            lowest=run.figures[objective]["lowest"],
        )
        for objective in Objective.values
        if objective in run.figures
    ]
    best = run.figures.get(Objective.BEST_TOTAL)
    lifted = run.figures.get(Objective.NO_WEAK_PAIR)
    if not best or not lifted:
        return RunFigures(rows=rows, pending=len(rows) == 1)
    if best["lowest"] is None or lifted["lowest"] is None:
        return RunFigures(rows=rows)
    return RunFigures(
        rows=rows,
        lift=round(lifted["lowest"] - best["lowest"], 2),
        cost=round(best["total"] - lifted["total"], 2),
    )

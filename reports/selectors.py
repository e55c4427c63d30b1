"""Collects a report's figures: one or two aggregate queries per section, whatever the size.

A report covers a cohort, or one municipality's part of it (its participants and the pairs
they are in). Only counts, averages and spreads leave this module: never a note, a
reflection or an answer's text.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, Max, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from pairs.models import (
    Answer,
    GoalRating,
    MeetingMode,
    MeetingStatus,
    Pair,
    QuestionKind,
    Response,
)
from pairs.models import Goal as PairGoal
from programmes.models import (
    Cohort,
    Enrolment,
    EnrolmentStatus,
    EventRegistration,
    FeeLine,
    Gender,
    Municipality,
    RegistrationStatus,
    Role,
)

from .charts import Bar, bar_chart
from .models import Appointment, OutcomeTarget
from .tables import (
    SMALLEST_GROUP,
    SUPPRESSED,
    ReportFigures,
    Section,
    Table,
    percent,
    spread,
    suppress_small,
)

AGE_GROUPS = ((0, 29, "–29"), (30, 39, "30–39"), (40, 49, "40–49"), (50, 59, "50–59"))
OLDEST_GROUP = "60–"


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
        columns=[_("Municipality"), _("Mentors"), _("Adepts"), _("Total")],
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
    rows = scope.enrolments().values("person__gender", "person__birth_year").annotate(n=Count("pk"))
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
        group = _age_group(row["person__birth_year"], year)
        if group:
            ages[group] += row["n"]
        else:
            unknown_age += row["n"]
    note = _("Groups of fewer than %(n)s people are shown as %(mark)s.") % {
        "n": SMALLEST_GROUP,
        "mark": SUPPRESSED,
    }
    gender_cells = suppress_small(genders)
    age_cells = suppress_small(ages)
    return Section(
        "demography",
        _("Gender and age"),
        [
            Table(
                key="gender",
                title=_("Applicants by gender"),
                columns=[_("Gender"), _("Applicants")],
                rows=[[label, cell] for label, cell in gender_cells.items()]
                + [[_("Not stated"), suppress_small({"x": unknown_gender})["x"]]],
                note=note,
            ),
            Table(
                key="age",
                title=_("Applicants by age group"),
                columns=[_("Age group"), _("Applicants")],
                rows=[[label, cell] for label, cell in age_cells.items()]
                + [[_("Not stated"), suppress_small({"x": unknown_age})["x"]]],
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


def funnel_labels() -> dict[str, str]:
    return {
        "applied": _("Applied"),
        "consent": _("Manager's consent given"),
        "admitted": _("Admitted"),
        "waiting": _("On the waiting list"),
        "declined": _("Declined"),
        "withdrawn": _("Withdrawn"),
    }


def funnel_section(scope: Scope) -> Section:
    counts = funnel_counts(scope.enrolments())
    labels = funnel_labels()
    rows = [[labels[key], counts[key]] for key in labels]
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
                    _("From application to admission"), [Bar(r[0], r[1]) for r in rows]
                ),
            )
        ],
    )


def pair_meeting_rows(pairs: QuerySet[Pair]) -> QuerySet[Pair]:
    held = Q(meetings__status=MeetingStatus.HELD)
    return pairs.annotate(
        held=Count("meetings", filter=held),
        digital=Count("meetings", filter=held & Q(meetings__mode=MeetingMode.DIGITAL)),
        last_meeting=Max("meetings__starts_at", filter=held),
    )


def pairs_section(scope: Scope) -> Section:
    planned = scope.cohort.programme.planned_meetings
    pairs = list(pair_meeting_rows(scope.pairs()).values("held", "digital", "dissolved_at"))
    active = [p for p in pairs if p["dissolved_at"] is None]
    held = [p["held"] for p in active]
    total_held = sum(p["held"] for p in pairs)
    total_digital = sum(p["digital"] for p in pairs)
    stats = spread(held)
    reached = sum(1 for h in held if h >= planned)
    facts = [
        (_("Pairs formed"), _fmt(len(pairs))),
        (_("Pairs still meeting"), _fmt(len(active))),
        (_("Meetings held"), _fmt(total_held)),
        (_("Planned meetings per pair"), _fmt(planned)),
        (_("Share of meetings held digitally"), f"{_fmt(percent(total_digital, total_held))} %"),
    ]
    facts += matching_facts(scope)
    distribution: dict[int, int] = {}
    for h in held:
        distribution[h] = distribution.get(h, 0) + 1
    distribution_rows = [
        [str(n), distribution.get(n, 0)] for n in range(0, max([*held, planned]) + 1)
    ]
    return Section(
        "pairs",
        _("Pairs and meetings"),
        [
            Table(
                key="meetings",
                title=_("Meetings held per pair against the plan"),
                columns=[_("Measure"), _("Meetings")],
                rows=[
                    [_("Median"), stats["median"]],
                    [_("Lower quartile"), stats["q1"]],
                    [_("Upper quartile"), stats["q3"]],
                    [_("Fewest"), stats["min"]],
                    [_("Most"), stats["max"]],
                    [_("Planned"), planned],
                    [_("Pairs that met as planned"), reached],
                ],
            ),
            Table(
                key="meeting_distribution",
                title=_("Pairs by number of meetings held"),
                columns=[_("Meetings held"), _("Pairs")],
                rows=distribution_rows,
                chart=bar_chart(
                    _("Pairs by number of meetings held"),
                    [Bar(r[0], r[1]) for r in distribution_rows],
                ),
            ),
        ],
        facts=facts,
    )


def matching_facts(scope: Scope) -> list[tuple[str, str]]:
    """The matching's scores of the pairs formed, once the matching app records them."""
    return []


def goals_section(scope: Scope) -> Section:
    first = GoalRating.objects.filter(goal=OuterRef("pk")).order_by("rated_on", "created_at", "pk")
    last = GoalRating.objects.filter(goal=OuterRef("pk")).order_by(
        "-rated_on", "-created_at", "-pk"
    )
    goals = list(
        PairGoal.objects.filter(pair__in=scope.pairs())
        .annotate(
            first=Subquery(first.values("rating")[:1]),
            last=Subquery(last.values("rating")[:1]),
            ratings=Count("ratings"),
        )
        .values("first", "last", "ratings")
    )
    rated = [g for g in goals if g["ratings"] >= 2]
    firsts = [g["first"] for g in rated]
    lasts = [g["last"] for g in rated]
    improved = sum(1 for g in rated if g["last"] > g["first"])
    rows: list[list] = [
        [_("Goals set"), len(goals)],
        [_("Goals rated at least twice"), len(rated)],
        [_("Average first rating (1–10)"), round(sum(firsts) / len(firsts), 1) if firsts else None],
        [_("Average last rating (1–10)"), round(sum(lasts) / len(lasts), 1) if lasts else None],
        [_("Goals that moved forward"), improved],
    ]
    return Section(
        "goals",
        _("Goal progress"),
        [
            Table(
                key="goals",
                title=_("Goals and their ratings"),
                columns=[_("Measure"), _("Value")],
                rows=rows,
            )
        ],
    )


def events_section(scope: Scope) -> Section:
    registrations = EventRegistration.objects.filter(
        Q(event__cohort=scope.cohort)
        | Q(
            event__cohort__isnull=True,
            event__programme=scope.cohort.programme,
            event__starts_at__date__gte=scope.cohort.starts_on,
            event__starts_at__date__lte=scope.cohort.ends_on,
        )
    )
    if scope.municipality is not None:
        registrations = registrations.filter(
            person__enrolments__cohort=scope.cohort,
            person__enrolments__municipality=scope.municipality,
        )
    rows = (
        registrations.values("event__pk", "event__title", "event__starts_at", "event__capacity")
        .annotate(
            registered=Count(
                "person", filter=Q(status=RegistrationStatus.REGISTERED), distinct=True
            ),
            attended=Count("person", filter=Q(attended=True), distinct=True),
        )
        .order_by("event__starts_at", "event__pk")
    )
    table_rows = [
        [
            row["event__title"],
            row["event__starts_at"].date().isoformat(),
            row["registered"],
            row["attended"],
            percent(row["attended"], row["registered"]),
        ]
        for row in rows
    ]
    return Section(
        "events",
        _("Events"),
        [
            Table(
                key="events",
                title=_("Event attendance"),
                columns=[_("Event"), _("Date"), _("Registered"), _("Attended"), _("Attended (%)")],
                rows=table_rows,
                numeric_from=2,
                chart=bar_chart(_("Attended per event"), [Bar(r[0], r[3]) for r in table_rows]),
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
        Enrolment.objects.filter(cohort=scope.cohort, status=EnrolmentStatus.ADMITTED)
        .values_list("role")
        .annotate(n=Count("pk"))
    )
    responses = Response.objects.filter(questionnaire__cohort=scope.cohort)
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


def fees_rows(lines: QuerySet[FeeLine]) -> list[list]:
    rows = (
        lines.values("basis__municipality__name", "basis__status")
        .annotate(lines=Count("pk"), amount=Sum("amount"), reduction=Sum("reduction"))
        .order_by("basis__municipality__name")
    )
    return [
        [
            row["basis__municipality__name"],
            row["lines"],
            row["amount"],
            row["reduction"],
            row["amount"] - row["reduction"],
        ]
        for row in rows
    ]


def fees_section(scope: Scope) -> Section:
    lines = FeeLine.objects.filter(basis__cohort=scope.cohort)
    if scope.municipality is not None:
        lines = lines.filter(basis__municipality=scope.municipality)
    rows = fees_rows(lines)
    if rows:
        rows.append(
            [
                _("Total"),
                sum(r[1] for r in rows),
                sum(r[2] for r in rows),
                sum(r[3] for r in rows),
                sum(r[4] for r in rows),
            ]
        )
    return Section(
        "fees",
        _("Fees"),
        [
            Table(
                key="fees",
                title=_("Fees per municipality (SEK)"),
                columns=[_("Municipality"), _("Lines"), _("Fees"), _("Reductions"), _("To pay")],
                rows=rows,
            )
        ],
    )


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
            manager=Exists(manager_posts),
            internal=Exists(manager_posts.filter(is_internal=True)),
        )
        .aggregate(
            adepts=Count("pk"),
            manager=Count("pk", filter=Q(manager=True)),
            internal=Count("pk", filter=Q(internal=True)),
        )
    )
    share = percent(counts["manager"], counts["adepts"])
    rows: list[list] = [
        [_("Adepts"), counts["adepts"]],
        [_("In a manager post by %(day)s") % {"day": deadline.isoformat()}, counts["manager"]],
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


SECTIONS = (
    participants_section,
    demography_section,
    funnel_section,
    pairs_section,
    goals_section,
    events_section,
    evaluation_section,
    fees_section,
    outcomes_section,
)


def collect_figures(*, cohort: Cohort, municipality: Municipality | None = None) -> ReportFigures:
    scope = Scope(cohort=cohort, municipality=municipality)
    programme = cohort.programme
    consortium = list(
        programme.memberships.filter(joined_on__lte=cohort.ends_on)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=cohort.starts_on))
        .values_list("municipality__name", flat=True)
        .distinct()
        .order_by("municipality__name")
    )
    sections = [build(scope) for build in SECTIONS]
    participants = sum(row[3] for row in sections[0].tables[0].rows)
    summary = [
        (_("Participants"), _fmt(participants)),
        (_("Municipalities"), _fmt(len(consortium))),
        *sections[3].facts[:3],
    ]
    return ReportFigures(
        programme=programme,
        cohort=cohort,
        municipality=municipality,
        consortium=consortium,
        summary=summary,
        sections=sections,
    )

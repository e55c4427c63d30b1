"""Pairs, their meetings against the plan, and goal progress."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Avg, Count, Exists, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from matching.models import Proposal
from pairs.models import Goal as PairGoal
from pairs.models import (
    GoalRating,
    MeetingMode,
    MeetingStatus,
    Pair,
)

from ..charts import Bar, bar_chart
from ..tables import (
    Cell,
    Section,
    Table,
    percent,
    spread,
)
from .scope import Scope, _fmt

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class MeetingCounts(TypedDict):
    """What :func:`pair_meeting_rows` adds to each pair."""

    held: int
    digital: int
    last_meeting: datetime.datetime | None


def pair_meeting_rows(pairs: QuerySet[Pair]) -> QuerySet[WithAnnotations[Pair, MeetingCounts]]:
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
    reached = sum(1 for h in held if h >= planned)
    facts = [
        (_("Pairs formed"), _fmt(len(pairs))),
        (_("Pairs still meeting"), _fmt(len(active))),
        (_("Meetings held"), _fmt(total_held)),
        (_("Planned meetings per pair"), _fmt(planned)),
        (_("Share of meetings held digitally"), f"{_fmt(percent(total_digital, total_held))} %"),
    ]
    facts += matching_facts(scope)
    return Section(
        "pairs",
        _("Pairs and meetings"),
        meeting_tables(
            held,
            planned=planned,
            keys=("meetings", "meeting_distribution"),
            titles=(
                _("Meetings held per pair against the plan"),
                _("Pairs by number of meetings held"),
            ),
            unit=_("Pairs"),
            reached=(_("Pairs that met as planned"), reached),
        ),
        facts=facts,
    )


def meeting_tables(
    held: list[int],
    *,
    planned: int,
    keys: tuple[str, str],
    titles: tuple[str, str],
    unit: str,
    reached: tuple[str, int],
) -> list[Table]:
    """The spread of meetings held per pair (or group) against the plan, and how many
    pairs (or groups) held each number of meetings, with its chart."""
    stats = spread(held)
    distribution: dict[int, int] = {}
    for h in held:
        distribution[h] = distribution.get(h, 0) + 1
    per_count = [(str(n), distribution.get(n, 0)) for n in range(0, max([*held, planned]) + 1)]
    distribution_rows: list[list[Cell]] = [[label, count] for label, count in per_count]
    return [
        Table(
            key=keys[0],
            title=titles[0],
            columns=[_("Measure"), _("Meetings")],
            rows=[
                [_("Median"), stats["median"]],
                [_("Lower quartile"), stats["q1"]],
                [_("Upper quartile"), stats["q3"]],
                [_("Fewest"), stats["min"]],
                [_("Most"), stats["max"]],
                [pgettext("report count", "Planned"), planned],
                [reached[0], reached[1]],
            ],
        ),
        Table(
            key=keys[1],
            title=titles[1],
            columns=[_("Meetings held"), unit],
            rows=distribution_rows,
            chart=bar_chart(titles[1], [Bar(label, count) for label, count in per_count]),
        ),
    ]


def matching_facts(scope: Scope) -> list[tuple[str, str]]:
    """The matching's average and lowest score over the published proposals that became pairs."""
    became_pair = Pair.objects.filter(
        cohort=scope.cohort, mentor=OuterRef("mentor"), adept=OuterRef("adept")
    )
    proposals = Proposal.objects.filter(
        run__cohort=scope.cohort, run__published_at__isnull=False
    ).filter(Exists(became_pair))
    if scope.municipality is not None:
        proposals = proposals.filter(
            Q(mentor__municipality=scope.municipality) | Q(adept__municipality=scope.municipality)
        )
    scores = proposals.aggregate(average=Avg("score"), lowest=Min("score"))
    return [
        (_("Average matching score"), _fmt(scores["average"])),
        (_("Lowest matching score"), _fmt(scores["lowest"])),
    ]


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
            rating_count=Count("ratings"),
        )
        .values("first", "last", "rating_count")
    )
    rated = [g for g in goals if g["rating_count"] >= 2]
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

"""A goal's ratings over time as the geometry of a small SVG line chart, drawn on the server."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .models import RATING_MAX, RATING_MIN, Goal, GoalRating

WIDTH = 300
HEIGHT = 120
PADDING = 12


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    rating: int


@dataclass(frozen=True)
class GoalChart:
    width: int
    height: int
    points: list[ChartPoint]
    polyline: str
    baseline_y: float
    top_y: float


def charts_attach(goals: Iterable[Goal]) -> None:
    """Gives each goal its ``chart`` (a display attribute for the templates, which Goal does
    not declare), from the ratings prefetched with it."""
    for goal in goals:
        goal.chart = goal_chart(list(goal.ratings.all()))  # type: ignore[attr-defined]


def goal_chart(ratings: list[GoalRating]) -> GoalChart:
    """Evenly spaced check-ins, 1 at the bottom and 10 at the top."""
    inner_w = WIDTH - 2 * PADDING
    inner_h = HEIGHT - 2 * PADDING
    span = RATING_MAX - RATING_MIN
    count = len(ratings)
    points = []
    for index, rating in enumerate(ratings):
        x = PADDING + (inner_w * index / (count - 1) if count > 1 else inner_w / 2)
        y = PADDING + inner_h * (RATING_MAX - rating.rating) / span
        points.append(ChartPoint(round(x, 1), round(y, 1), rating.rating))
    return GoalChart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        baseline_y=PADDING + inner_h,
        top_y=PADDING,
    )

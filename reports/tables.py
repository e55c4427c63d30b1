"""The report's payload: sections of tables, each table also a CSV file.

A report's figures are collected once into these dataclasses; the PDF, the pages and the CSV
exports all read the same objects, so the printed numbers and the files cannot disagree.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.safestring import SafeString

from programmes.models import Cohort, Municipality, Programme

# Groups with fewer people than this are not shown (the design's privacy rule).

Cell = str | int | float | Decimal | datetime.date | None


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    note: str = ""
    chart: SafeString | None = None
    # The first column names the row; numbers in the others are right-aligned.
    numeric_from: int = 1


@dataclass
class Section:
    key: str
    title: str
    tables: list[Table] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    text: str = ""


@dataclass
class ReportFigures:
    # Labels, charts and formatted numbers are texts of this language.
    language: str
    programme: Programme
    cohort: Cohort
    municipality: Municipality | None
    consortium: list[str]
    summary: list[tuple[str, str]]
    sections: list[Section]

    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]

    def table(self, key: str) -> Table | None:
        return next((table for table in self.tables() if table.key == key), None)


def percent(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def spread(values: Sequence[float]) -> dict[str, float | None]:
    """Median, quartiles and range of a list of numbers, or Nones for an empty list."""
    if not values:
        return {"median": None, "q1": None, "q3": None, "min": None, "max": None}
    ordered = sorted(values)
    if len(ordered) >= 2:
        q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    else:
        q1 = q3 = ordered[0]
    return {
        "median": statistics.median(ordered),
        "q1": q1,
        "q3": q3,
        "min": ordered[0],
        "max": ordered[-1],
    }

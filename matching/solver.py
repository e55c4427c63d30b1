"""The exact assignment: as many adepts matched as possible, then the highest total score.

A mentor with capacity c is c columns of the matrix. Every allowed pair is
worth BIG plus its score (in hundredths of a point, so the sums are exact
integers), forbidden pairs are worth nothing. BIG exceeds any possible total
score, so one more matched adept always beats any gain in score: the maximum
of this single objective is the lexicographic optimum. SciPy's
``linear_sum_assignment`` (a shortest augmenting path method) solves it
exactly and deterministically for the same input.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linear_sum_assignment

# Scores are compared in hundredths of a point.
UNITS_PER_POINT = 100
MAX_UNITS = 100 * UNITS_PER_POINT


def to_units(scores: NDArray[np.float32]) -> NDArray[np.int64]:
    return np.rint(scores.astype(np.float64) * UNITS_PER_POINT).astype(np.int64)


@dataclass(frozen=True)
class Solution:
    # (adept position, mentor position), sorted by adept.
    pairs: list[tuple[int, int]]
    total_units: int

    @property
    def matched(self) -> int:
        return len(self.pairs)

    def mentor_of(self) -> dict[int, int]:
        return dict(self.pairs)


def solve(
    units: NDArray[np.int64],
    allowed: NDArray[np.bool_],
    capacity: NDArray[np.int64],
    fixed: dict[int, int] | None = None,
) -> Solution:
    """Best assignment of adepts (rows) to mentors (columns) keeping ``fixed`` pairs as they are.

    ``fixed`` maps adept position to mentor position; the caller has checked that
    those pairs break no hard rule. Each fixed pair takes one of the mentor's places.
    """
    fixed = dict(fixed or {})
    n_adepts, n_mentors = units.shape
    remaining = np.asarray(capacity, dtype=np.int64).copy()
    for mentor in fixed.values():
        remaining[mentor] -= 1
    if (remaining < 0).any():
        raise ValueError("More locked pairs than places for a mentor.")
    free_adepts = np.array([a for a in range(n_adepts) if a not in fixed], dtype=np.int64)
    columns = np.repeat(np.arange(n_mentors), remaining)
    pairs = dict(fixed)
    if len(free_adepts) and len(columns):
        sub_allowed = allowed[np.ix_(free_adepts, columns)]
        sub_units = units[np.ix_(free_adepts, columns)]
        big = float(MAX_UNITS * len(free_adepts) + 1)
        # Minimise the negative worth; forbidden pairs cost 0, like leaving the adept unmatched.
        cost = np.where(sub_allowed, -(big + sub_units.astype(np.float64)), 0.0)
        rows, cols = linear_sum_assignment(cost)
        for row, col in zip(rows.tolist(), cols.tolist(), strict=True):
            if sub_allowed[row, col]:
                pairs[int(free_adepts[row])] = int(columns[col])
    ordered = sorted(pairs.items())
    total = int(sum(int(units[a, m]) for a, m in ordered))
    return Solution(pairs=ordered, total_units=total)

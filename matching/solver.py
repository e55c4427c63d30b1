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


# Rows of the cost matrix built at a time, to keep temporaries small.
COST_CHUNK = 1024


def to_units(scores: NDArray[np.float32]) -> NDArray[np.int32]:
    return np.rint(scores.astype(np.float64) * UNITS_PER_POINT).astype(np.int32)


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
        big = float(MAX_UNITS * len(free_adepts) + 1)
        # Minimise the negative worth; forbidden pairs cost 0, like leaving the adept unmatched.
        cost = np.empty((len(free_adepts), len(columns)), dtype=np.float64)
        for start in range(0, len(free_adepts), COST_CHUNK):
            rows = free_adepts[start : start + COST_CHUNK]
            ok = allowed[rows][:, columns]
            worth = units[rows][:, columns].astype(np.float64)
            worth += big
            np.negative(worth, out=worth)
            worth[~ok] = 0.0
            cost[start : start + len(rows)] = worth
        # SciPy transposes (copies) a matrix with more rows than columns; do it here instead.
        transposed = cost.shape[0] > cost.shape[1]
        rows_found, cols_found = linear_sum_assignment(cost.T if transposed else cost)
        if transposed:
            rows_found, cols_found = cols_found, rows_found
        del cost
        for row, col in zip(rows_found.tolist(), cols_found.tolist(), strict=True):
            adept, mentor = int(free_adepts[row]), int(columns[col])
            if allowed[adept, mentor]:
                pairs[adept] = mentor
    ordered = sorted(pairs.items())
    total = int(sum(int(units[a, m]) for a, m in ordered))
    return Solution(pairs=ordered, total_units=total)

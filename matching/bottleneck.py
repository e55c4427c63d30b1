"""The "no weak pair" optimum: most adepts matched, then the highest lowest pair score,
then the highest total (a bottleneck assignment, exact).

The best-total optimum gives how many adepts can be matched and a lowest pair score that
is surely reachable. A binary search over the distinct scores above it finds the largest
threshold at which as many adepts can still be matched using only pairs scored at or
above it: a maximum-cardinality check (Hopcroft–Karp, SciPy's
``maximum_bipartite_matching``, with every free place of a mentor as a column). The best
total among those pairs is then solved and certified as the best total is
(``solver.solve_certified``, reading the pairs below the threshold as forbidden through
``solver.floored``). The scores stay the int16 matrix, or a national cohort's pool
(matching.pool): the checks filter a list of the pairs above the best total's lowest
score where those are few, else read them in blocks; from a pool, only the adepts whose
bound reaches the threshold have their rows scored again.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from scipy.sparse.csgraph import maximum_bipartite_matching

from . import solver
from .pool import ScorePool

# Adepts' rows read at a time by the threshold checks.
BLOCK_ROWS = 512
# The pairs above the best total's lowest score are listed once (10 bytes each) when they
# are at most this share of the matrix, so that the list takes at most half the int16
# matrix's memory; else the checks read the matrix again, block by block.
LIST_SHARE = 0.1
# Pairs turned into the columns of their mentors' places at a time by a check.
EDGE_BLOCK = 1 << 18


@dataclass(frozen=True)
class Figures:
    """What an assignment gives: adepts matched, total and lowest pair score (hundredths)."""

    matched: int
    total_units: int
    lowest_units: int | None

    @classmethod
    def of(cls, solution: solver.Solution, units: solver.Units) -> Figures:
        scores = solver.pair_units(units, solution.pairs)
        lowest = int(scores.min()) if len(scores) else None
        return cls(solution.matched, solution.total_units, lowest)


@dataclass(frozen=True)
class Optima:
    """Both objectives' optima of one cohort, and the threshold of the "no weak pair" one
    (None where nobody outside the locks can be matched)."""

    best_total: solver.Solution
    no_weak_pair: solver.Solution
    threshold: int | None
    checks: int = 0


def solve_no_weak_pair(
    units: NDArray[np.integer] | ScorePool,
    capacity: NDArray[np.int64],
    fixed: dict[int, int] | None = None,
    best: solver.Solution | None = None,
    on_stage: solver.StageCallback | None = None,
) -> Optima:
    """Both optima of ``units`` (int16 hundredths, solver.FORBIDDEN where a hard rule forbids
    the pair) with the ``fixed`` pairs kept; ``best``, the best-total optimum if already solved.

    Locked pairs count in the lowest score: where one is weaker than the threshold the other
    pairs can reach, the lowest score is the lock's, and only pairs below it are left out.
    """
    capacity = np.asarray(capacity, dtype=np.int64)
    fixed = dict(fixed or {})
    if best is None:
        best = solver.solve_certified(units, None, capacity, fixed=fixed, on_stage=on_stage)
    free = np.setdiff1d(np.arange(units.shape[0]), list(fixed))
    remaining = capacity - np.bincount(list(fixed.values()), minlength=len(capacity))
    free_pairs = [(a, m) for a, m in best.pairs if a not in fixed]
    if not free_pairs:
        return Optima(best_total=best, no_weak_pair=best, threshold=None)
    target = len(free_pairs)
    # Reached by the best total already; the search looks only above it.
    reached = int(solver.pair_units(units, free_pairs).min())
    pairs = _Above(units, free, reached)
    values = pairs.distinct_scores(_upper_bound(units, free, target))
    threshold, low, high, checks = reached, 0, len(values), 0
    while low < high:
        middle = (low + high) // 2
        checks += 1
        if _most_matched(*pairs.at_least(int(values[middle])), remaining) >= target:
            threshold, low = int(values[middle]), middle + 1
        else:
            high = middle
    floor = min([threshold, *solver.pair_units(units, list(fixed.items())).tolist()])
    if floor <= reached:
        # The best total keeps every pair at the floor: it is also the best total above it.
        return Optima(best_total=best, no_weak_pair=best, threshold=threshold, checks=checks)
    start = None
    if isinstance(best, solver.CertifiedSolution) and best.graph is not None:
        keep = solver.units_at(units, *best.graph) >= floor
        start = (best.graph[0][keep], best.graph[1][keep])
    lifted = solver.solve_certified(
        solver.floored(units, floor),
        None,
        capacity,
        fixed=fixed,
        start=start,
        on_stage=on_stage,
    )
    return Optima(best_total=best, no_weak_pair=lifted, threshold=threshold, checks=checks)


def _blocks(rows: NDArray[np.int64]) -> range:
    return range(0, len(rows), BLOCK_ROWS)


def _upper_bound(
    units: NDArray[np.integer] | ScorePool, free: NDArray[np.int64], target: int
) -> int:
    """No ``target`` adepts can all have pairs above the target-th best of their best scores."""
    if isinstance(units, ScorePool):
        return int(np.sort(units.row_max(free))[::-1][target - 1])
    best = np.concatenate(
        [units[free[s : s + BLOCK_ROWS]].max(axis=1) for s in _blocks(free)]
    ).astype(np.int64)
    return int(np.sort(best)[::-1][target - 1])


class _Above:
    """The free adepts' pairs scored above ``above``: listed once where they are few (at most
    LIST_SHARE of the pairs), so that each check filters a list; else each check reads the
    int16 matrix again, block by block."""

    def __init__(
        self, units: NDArray[np.integer] | ScorePool, free: NDArray[np.int64], above: int
    ) -> None:
        self.units, self.free, self.above = units, free, above
        self.listed: tuple[NDArray[np.int32], NDArray[np.int32], NDArray[np.int16]] | None = None
        # Counted first, so that the list is made at its size, without a second copy.
        if isinstance(units, ScorePool):
            count = sum(len(values) for *_, values in self._read(above + 1))
        else:
            count = sum(
                int(np.count_nonzero(units[free[s : s + BLOCK_ROWS]] > above))
                for s in _blocks(free)
            )
        if count > LIST_SHARE * len(free) * units.shape[1]:
            return
        rows, mentors = np.empty(count, dtype=np.int32), np.empty(count, dtype=np.int32)
        values, at = np.empty(count, dtype=np.int16), 0
        for r, m, v in self._read(above + 1):
            rows[at : at + len(r)], mentors[at : at + len(r)], values[at : at + len(r)] = r, m, v
            at += len(r)
        self.listed = (rows, mentors, values)

    def _read(
        self, threshold: int
    ) -> Iterator[tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.integer]]]:
        """(row among the free adepts, mentor, score) of the pairs scored >= threshold."""
        if isinstance(self.units, ScorePool):
            yield from self.units.pairs_at_least(self.free, max(threshold, 0))
            return
        for s in _blocks(self.free):
            block = self.units[self.free[s : s + BLOCK_ROWS]]
            rows, mentors = np.nonzero(block >= threshold)
            yield rows + s, mentors, block[rows, mentors]

    def distinct_scores(self, up_to: int) -> NDArray[np.int64]:
        """The scores of the pairs in (above, up_to], ascending."""
        present = np.zeros(solver.MAX_UNITS + 1, dtype=np.bool_)
        chunks = [self.listed[2]] if self.listed is not None else (v for *_, v in self._read(0))
        for values in chunks:
            present[values[(values > self.above) & (values <= up_to)]] = True
        return np.flatnonzero(present)

    def at_least(self, threshold: int) -> tuple[NDArray[np.int32], NDArray[np.int32], int]:
        """(row, mentor) of the pairs scored >= threshold (> above), rows ascending; the count
        of free adepts."""
        if self.listed is not None:
            rows, mentors, values = self.listed
            keep = values >= threshold
            return rows[keep], mentors[keep], len(self.free)
        found = [(r.astype(np.int32), m.astype(np.int32)) for r, m, _v in self._read(threshold)]
        return (
            np.concatenate([np.zeros(0, dtype=np.int32), *(r for r, _m in found)]),
            np.concatenate([np.zeros(0, dtype=np.int32), *(m for _r, m in found)]),
            len(self.free),
        )


def _most_matched(
    rows: NDArray[np.int32],
    mentors: NDArray[np.int32],
    n_rows: int,
    remaining: NDArray[np.int64],
) -> int:
    """The most rows matched on the free places using only these (row, mentor) pairs
    (rows ascending): each pair is a column for every free place of its mentor, written
    EDGE_BLOCK pairs at a time into the graph's one index array."""
    slot_start = np.concatenate([[0], np.cumsum(remaining)[:-1]])
    blocks = range(0, len(rows), EDGE_BLOCK)
    n_edges = sum(int(remaining[mentors[s : s + EDGE_BLOCK]].sum()) for s in blocks)
    indices = np.empty(n_edges, dtype=np.int32)
    counts = np.zeros(n_rows, dtype=np.int64)
    at = 0
    for s in blocks:
        r, m = rows[s : s + EDGE_BLOCK], mentors[s : s + EDGE_BLOCK]
        per = remaining[m]
        offsets = np.arange(per.sum()) - np.repeat(np.cumsum(per) - per, per)
        indices[at : at + len(offsets)] = np.repeat(slot_start[m], per) + offsets
        at += len(offsets)
        counts += np.bincount(r, weights=per, minlength=n_rows).astype(np.int64)
    # Both index arrays int32, as SciPy's matching uses them: an int64 one makes it copy both.
    index_type = np.int32 if n_edges < np.iinfo(np.int32).max else np.int64
    indptr = np.concatenate([[0], np.cumsum(counts)]).astype(index_type)
    graph = sparse.csr_array(
        (np.ones(n_edges, dtype=np.int8), indices.astype(index_type, copy=False), indptr),
        shape=(n_rows, int(remaining.sum())),
    )
    if graph.shape[1] == 0:
        return 0
    return int((maximum_bipartite_matching(graph, perm_type="column") >= 0).sum())

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

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from scipy.optimize import linear_sum_assignment

from . import proof
from .augment import reassigned, shortest_augmenting_paths
from .pool import ScorePool

# Scores are compared in hundredths of a point.
UNITS_PER_POINT = 100
MAX_UNITS = 100 * UNITS_PER_POINT
# Where a hard rule forbids the pair, the units hold this instead of a score.
FORBIDDEN = -1
# A pair costs PAIR_BASE - units in the certified solve: at least 1, so a pair always pays.
PAIR_BASE = MAX_UNITS + 1

logger = logging.getLogger(__name__)


# Rows of the cost matrix built at a time, to keep temporaries small.
COST_CHUNK = 1024


def to_units(scores: NDArray[np.float32]) -> NDArray[np.int32]:
    return np.rint(scores.astype(np.float64) * UNITS_PER_POINT).astype(np.int32)


def with_forbidden(
    units: NDArray[np.integer], allowed: NDArray[np.bool_] | None
) -> NDArray[np.integer]:
    """The units with FORBIDDEN where ``allowed`` is False; as they are without a mask."""
    return units if allowed is None else np.where(allowed, units, FORBIDDEN)


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
    units: NDArray[np.integer],
    allowed: NDArray[np.bool_] | None,
    capacity: NDArray[np.int64],
    fixed: dict[int, int] | None = None,
) -> Solution:
    """Best assignment of adepts (rows) to mentors (columns) keeping ``fixed`` pairs as they are.

    Without ``allowed``, forbidden pairs are FORBIDDEN in ``units``. ``fixed`` maps adept
    position to mentor position; the caller has checked that those pairs break no hard rule.
    Each fixed pair takes one of the mentor's places.
    """
    fixed = dict(fixed or {})
    units = with_forbidden(units, allowed)
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
            worth = units[rows][:, columns].astype(np.float64)
            ok = worth >= 0
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
            if units[adept, mentor] >= 0:
                pairs[adept] = mentor
    ordered = sorted(pairs.items())
    total = int(sum(int(units[a, m]) for a, m in ordered))
    return Solution(pairs=ordered, total_units=total)


# A what-if's later rounds re-solve from the round before where at most this many adepts
# gained pairs (else SciPy's LAPJVsp solves the graph from nothing).
WARM_MOST_SEARCHES = 500
# Best candidate mentors kept per adept in the sparse solve; widened where the certificate fails.
CANDIDATES_PER_ADEPT = 12
# Work allowed to the price relaxation on SciPy's sparse result, in passes over every
# edge; past it the graph is solved by shortest augmenting paths instead, which give
# their prices as they go. The bench's cohorts use well under 10.
RELAXATION_WORK = 64


class RowSubset:
    """Some rows of a score matrix, read block by block instead of copied whole: the
    adepts left to solve around locked pairs. Indexed like the matrix of those rows.
    Pairs scored below ``floor`` read as FORBIDDEN (the "no weak pair" optimum's threshold)."""

    def __init__(self, units: NDArray[np.integer], rows: NDArray[np.int64], floor: int = 0) -> None:
        self.units, self.rows, self.floor = units, rows, floor
        self.shape = (len(rows), units.shape[1])

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, tuple):
            adepts, mentors = key
            return self._floored(self.units[self.rows[adepts], mentors])
        return self._floored(self.units[self.rows[key]])

    def _floored(self, values: Any) -> Any:
        return values if self.floor <= 0 else np.where(values >= self.floor, values, FORBIDDEN)


# The full matrix of scores (FORBIDDEN, or a mask of allowed pairs, for the pairs a hard
# rule forbids), some of its rows, a sparse matrix that stores exactly the allowed pairs,
# or a pool of each adept's best pairs (matching.pool).
Units: TypeAlias = (
    NDArray[np.integer] | RowSubset | ScorePool | sparse.csr_array | sparse.csr_matrix
)


def floored(units: NDArray[np.integer] | ScorePool, floor: int) -> RowSubset | ScorePool:
    """The scores with every pair below ``floor`` read as FORBIDDEN, without a copy of the
    matrix (the "no weak pair" optimum's threshold)."""
    if isinstance(units, ScorePool):
        return units.floored(floor)
    return RowSubset(units, np.arange(units.shape[0]), floor)


@dataclass(frozen=True)
class CertifiedSolution(Solution):
    rounds: int = 1
    candidate_pairs: int = 0
    # The (adepts, mentors) of the graph that was proven, to start a re-solve from.
    graph: tuple[NDArray[np.int64], NDArray[np.int64]] | None = field(default=None, compare=False)
    # The prices that prove it (zero for fixed adepts) and the "no mentor" cost they were
    # found with, to re-solve a what-if from.
    prices: proof.Prices | None = field(default=None, compare=False)
    no_mentor_cost: int = field(default=0, compare=False)

    def warm(self, fixed: dict[int, int] | None = None) -> Warm | None:
        """This optimum as a re-solve starts from it: the mentor of each adept (-1: none;
        -2: fixed, not in the problem) and the prices."""
        if self.prices is None:
            return None
        mentor_of = np.full(len(self.prices.adept), -1, dtype=np.int64)
        for a, m in self.pairs:
            mentor_of[a] = m
        mentor_of[list(fixed or {})] = -2
        return Warm(mentor_of, self.prices, self.no_mentor_cost)


@dataclass(frozen=True)
class Warm:
    """An earlier optimum to re-solve from (CertifiedSolution.warm): the mentor of each
    adept (-1: none; -2: not in that problem), its prices and its "no mentor" cost."""

    mentor_of: NDArray[np.int64]
    prices: proof.Prices
    no_mentor_cost: int

    def of_adepts(self, adepts: NDArray[np.int64]) -> Warm:
        """The same for these adepts only, as they are listed."""
        p = self.prices
        prices = proof.Prices(p.adept[adepts], p.mentor, p.no_mentor[adepts])
        return Warm(self.mentor_of[adepts], prices, self.no_mentor_cost)


# What a long run is doing, as solve_certified tells an ``on_stage`` callback.
SOLVING = "solving"
PROVING = "proving"
StageCallback: TypeAlias = Callable[[str], None]


class ProofFailed(Exception):
    """No prices proved the sparse result; the caller solves the full matrix instead."""


def _top_candidates(units: Units, k: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(adept, mentor) of each adept's k best allowed mentors, chunk by chunk."""
    if sparse.issparse(units):
        csr = sparse.csr_array(units)
        rows = np.repeat(np.arange(csr.shape[0]), np.diff(csr.indptr))
        return proof.best_per_adept(rows, csr.indices.astype(np.int64), csr.data, k)
    if isinstance(units, ScorePool):
        # The pool holds each adept's best pairs: the best k are among them.
        found = [proof.best_per_adept(a, m, u, k) for a, m, u in units.blocks()]
        return (
            np.concatenate([np.zeros(0, dtype=np.int64), *(a for a, _m in found)]),
            np.concatenate([np.zeros(0, dtype=np.int64), *(m for _a, m in found)]),
        )
    n_adepts, n_mentors = units.shape
    k = min(k, n_mentors)
    adepts, mentors = [], []
    chunk = proof.block_rows(n_mentors, COST_CHUNK)
    for start in range(0, n_adepts, chunk):
        block = units[start : start + chunk]
        best = np.argpartition(-block, k - 1, axis=1)[:, :k]
        rows = np.repeat(np.arange(start, start + len(block)), k)
        cols = best.ravel()
        keep = units[rows, cols] >= 0
        adepts.append(rows[keep])
        mentors.append(cols[keep])
    return np.concatenate(adepts), np.concatenate(mentors)


def solve_certified(
    units: Units,
    allowed: NDArray[np.bool_] | None,
    capacity: NDArray[np.int64],
    candidates: int = CANDIDATES_PER_ADEPT,
    fixed: dict[int, int] | None = None,
    start: tuple[NDArray[np.int64], NDArray[np.int64]] | None = None,
    on_stage: StageCallback | None = None,
    warm: Warm | None = None,
) -> CertifiedSolution:
    """The same optimum as :func:`solve`, for large cohorts, in far less memory.

    Solves on a sparse graph of each adept's best candidates, then proves the result
    optimal for every allowed pair with dual prices (see matching.proof). Adepts with
    pairs that fail the proof get their most violated pairs added, twice as many each
    round, and the graph is solved again. If no prices prove a result, the full matrix
    is solved by :func:`solve` instead. ``fixed`` pairs are kept as in :func:`solve`.
    ``start``, allowed (adept, mentor) pairs to put in the first graph: the graph of an
    earlier solve of the same scores (``CertifiedSolution.graph``), so that a what-if
    re-solve needs few rounds; ``warm``, that solve's optimum (:meth:`CertifiedSolution.warm`,
    proven for a problem a little different, as a what-if's), from which the first round's
    graph is solved by a few augmenting paths (matching.augment.reassigned) instead of
    from nothing. ``on_stage`` is told SOLVING and PROVING as each round moves from the
    one to the other.
    """
    capacity = np.asarray(capacity, dtype=np.int64)
    if fixed:
        return _around_fixed(units, allowed, capacity, candidates, fixed, start, on_stage, warm)
    if isinstance(units, np.ndarray):
        units = with_forbidden(units, allowed)
    n_adepts = units.shape[0]
    graph_pairs = _GraphPairs(units, capacity.size)
    graph_pairs.add(*_top_candidates(units, candidates))
    if start is not None and len(start[0]):
        graph_pairs.add(*start)
    width, rounds = candidates, 0
    # What a what-if's round starts from: the earlier optimum, then each round's own.
    resume = None if warm is None else (warm.mentor_of, warm.prices)
    while True:
        rounds += 1
        cand_a, cand_m = graph_pairs.adepts, graph_pairs.mentors
        graph = proof.CandidateGraph.of_pairs(
            cand_a,
            cand_m,
            graph_pairs.units,
            capacity,
            n_adepts,
            PAIR_BASE,
            0 if warm is None else warm.no_mentor_cost,
        )
        if on_stage is not None:
            on_stage(SOLVING)
        claimed = None if resume is None else reassigned(graph, *resume)
        try:
            mentor_of, prices = graph_optimum(graph, claimed)
        except ProofFailed as failure:
            return _solve_dense_instead(units, capacity, str(failure), rounds)
        if on_stage is not None:
            on_stage(PROVING)
        bad_a, bad_m = proof.violated_pairs(units, graph, prices, width)
        if not len(bad_a):
            break
        if not graph_pairs.add(bad_a, bad_m):
            # Prices that hold on the graph cannot fail on a pair of it: something is wrong.
            reason = "the pairs that fail the proof are already in the graph"
            return _solve_dense_instead(units, capacity, reason, rounds)
        width *= 2
        searching = np.unique(bad_a)
        resume = None
        if warm is not None and len(searching) <= WARM_MOST_SEARCHES:
            # This round's optimum, its adepts with failing pairs searching again (only
            # their rows gained pairs).
            resume = (mentor_of.copy(), prices)
            resume[0][searching] = -2

    pairs = [(int(a), int(mentor_of[a])) for a in np.flatnonzero(mentor_of >= 0)]
    total = int(graph_pairs.units_of(*_as_arrays(pairs)).sum())
    return CertifiedSolution(
        pairs=pairs,
        total_units=total,
        rounds=rounds,
        candidate_pairs=len(cand_a),
        graph=(cand_a, cand_m),
        prices=prices,
        no_mentor_cost=graph.no_mentor_cost,
    )


class _GraphPairs:
    """The (adept, mentor) pairs of the candidate graph, sorted, with their scores: each
    pair's score is read once, when it joins (from a pool, a pair outside it means scoring
    the adept's row again)."""

    def __init__(self, units: Units, n_mentors: int) -> None:
        self.source, self.n_mentors = units, n_mentors
        self.keys = np.zeros(0, dtype=np.int64)
        self.units = np.zeros(0, dtype=np.int64)

    @property
    def adepts(self) -> NDArray[np.int64]:
        return self.keys // self.n_mentors

    @property
    def mentors(self) -> NDArray[np.int64]:
        return self.keys % self.n_mentors

    def add(self, adepts: NDArray[np.int64], mentors: NDArray[np.int64]) -> bool:
        """Adds the pairs not yet in the graph; whether there were any."""
        new = np.setdiff1d(adepts * self.n_mentors + mentors, self.keys)
        if not len(new):
            return False
        found = units_at(self.source, new // self.n_mentors, new % self.n_mentors)
        keys = np.concatenate([self.keys, new])
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.units = np.concatenate([self.units, found.astype(np.int64)])[order]
        return True

    def units_of(self, adepts: NDArray[np.int64], mentors: NDArray[np.int64]) -> NDArray[np.int64]:
        """The scores of pairs of the graph."""
        return self.units[np.searchsorted(self.keys, adepts * self.n_mentors + mentors)]


def _around_fixed(
    units: Units,
    allowed: NDArray[np.bool_] | None,
    capacity: NDArray[np.int64],
    candidates: int,
    fixed: dict[int, int],
    start: tuple[NDArray[np.int64], NDArray[np.int64]] | None = None,
    on_stage: StageCallback | None = None,
    warm: Warm | None = None,
) -> CertifiedSolution:
    """The other adepts solved on the places the fixed pairs leave."""
    remaining = capacity - np.bincount(list(fixed.values()), minlength=len(capacity))
    if (remaining < 0).any():
        raise ValueError("More locked pairs than places for a mentor.")
    free = np.setdiff1d(np.arange(units.shape[0]), list(fixed))
    fixed_total = int(pair_units(units, list(fixed.items())).sum())
    if not len(free):
        return CertifiedSolution(pairs=sorted(fixed.items()), total_units=fixed_total, rounds=0)
    # The free adepts' rows, read block by block: no copy of the cohort's matrix.
    rest_units: Units
    if isinstance(units, np.ndarray):
        rest_units = RowSubset(with_forbidden(units, allowed), free)
    elif isinstance(units, ScorePool):
        rest_units = units.subset(free)
    elif isinstance(units, RowSubset):
        rest_units = RowSubset(units.units, units.rows[free], units.floor)
    else:
        rest_units = sparse.csr_array(units)[free]
    local_start = None
    if start is not None:
        # The earlier graph's pairs of the free adepts, as rows of the free adepts.
        keep = np.isin(start[0], free)
        local_start = (np.searchsorted(free, start[0][keep]), start[1][keep])
    rest = solve_certified(
        rest_units,
        None,
        remaining,
        candidates,
        start=local_start,
        on_stage=on_stage,
        warm=None if warm is None else warm.of_adepts(free),
    )
    prices = None
    if rest.prices is not None:
        # In the cohort's positions, zero for the fixed adepts.
        u, w = np.zeros(units.shape[0], dtype=np.int64), np.zeros(units.shape[0], dtype=np.int64)
        u[free], w[free] = rest.prices.adept, rest.prices.no_mentor
        prices = proof.Prices(adept=u, mentor=rest.prices.mentor, no_mentor=w)
    return CertifiedSolution(
        pairs=sorted([(int(free[a]), m) for a, m in rest.pairs] + list(fixed.items())),
        total_units=rest.total_units + fixed_total,
        rounds=rest.rounds,
        candidate_pairs=rest.candidate_pairs,
        graph=None if rest.graph is None else (free[rest.graph[0]], rest.graph[1]),
        prices=prices,
        no_mentor_cost=rest.no_mentor_cost,
    )


def graph_optimum(
    graph: proof.CandidateGraph,
    claimed: tuple[NDArray[np.int64], proof.Prices | None] | None = None,
) -> tuple[NDArray[np.int64], proof.Prices]:
    """The optimal assignment on the graph (mentor per adept, -1 for none), with the prices
    that prove it: the claimed one if its prices do, else SciPy's sparse LAPJVsp's, else
    the one found by shortest augmenting paths."""
    if claimed is not None:
        proven = _proven(graph, *claimed)
        if not isinstance(proven, str):
            return proven
        logger.info("The claimed assignment is not proven (%s).", proven)
    proven = _proven(graph, *_sparse_assignment(graph))
    if not isinstance(proven, str):
        return proven
    logger.info("Sparse assignment not proven (%s): shortest augmenting paths instead.", proven)
    mentor_of, prices = shortest_augmenting_paths(graph)
    failure = proof.graph_failure(graph, mentor_of, prices)
    if failure is not None:
        raise ProofFailed(failure)
    return mentor_of, prices


def _proven(
    graph: proof.CandidateGraph, mentor_of: NDArray[np.int64], prices: proof.Prices | None
) -> tuple[NDArray[np.int64], proof.Prices] | str:
    """The assignment and its prices where they prove it optimal on the graph, else why not."""
    if prices is None:
        return "the prices did not settle"
    failure = proof.graph_failure(graph, mentor_of, prices)
    return (mentor_of, prices) if failure is None else failure


def _sparse_assignment(
    graph: proof.CandidateGraph,
) -> tuple[NDArray[np.int64], proof.Prices | None]:
    """SciPy's LAPJVsp with every place of a mentor as a column, and its prices by
    relaxation (None if they do not settle in time). First without the "no mentor"
    options, which is faster where the graph can match every adept; where it cannot,
    again with one "no mentor" column per adept."""
    if graph.n_adepts <= int(graph.capacity.sum()):
        try:
            return _lapjvsp(graph, no_mentor_columns=False)
        except ValueError:  # not every adept can have a mentor in the graph
            pass
    return _lapjvsp(graph, no_mentor_columns=True)


def _lapjvsp(
    graph: proof.CandidateGraph, no_mentor_columns: bool
) -> tuple[NDArray[np.int64], proof.Prices | None]:
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    n_adepts, capacity = graph.n_adepts, graph.capacity
    slot_start = np.concatenate([[0], np.cumsum(capacity)[:-1]])
    n_slots = int(capacity.sum())
    n_alone = n_adepts if no_mentor_columns else 0
    # Expand each candidate pair to every place of the mentor.
    per = capacity[graph.mentor]
    edge_a = np.repeat(graph.adept, per)
    edge_col = np.repeat(slot_start[graph.mentor], per) + (
        np.arange(per.sum()) - np.repeat(np.cumsum(per) - per, per)
    )
    rows = np.concatenate([edge_a, np.arange(n_alone)])
    cols = np.concatenate([edge_col, n_slots + np.arange(n_alone)])
    costs = np.concatenate([np.repeat(graph.cost, per), np.full(n_alone, graph.no_mentor_cost)])
    matrix = sparse.csr_matrix(
        (costs.astype(np.float64), (rows, cols)), shape=(n_adepts, n_slots + n_alone)
    )
    _, column_of = min_weight_full_bipartite_matching(matrix)
    matched_cost = np.rint(np.asarray(matrix[np.arange(n_adepts), column_of]).ravel())
    matched_cost = matched_cost.astype(np.int64)
    # The mentor of each place, and -1 for every "no mentor" column.
    slot_mentor = np.append(np.repeat(np.arange(len(capacity)), capacity), -1)
    mentor_of = slot_mentor[np.minimum(column_of, n_slots)]

    # Prices: v = shortest distances in the graph of "move adept i from its column to
    # column j" (weight cost(i, j) - cost(i, own column)), every distance at most 0.
    src = column_of[rows]
    weight = costs - matched_cost[rows]
    moves = src != cols
    v = _relaxed_distances(src[moves], cols[moves], weight[moves], n_slots + n_alone)
    if v is None:
        return mentor_of.astype(np.int64), None
    u = matched_cost - v[column_of]
    # A mentor's price is that of its dearest place (zero if a place is free).
    v_mentor = np.zeros(len(capacity), dtype=np.int64)
    has_place = capacity > 0
    if has_place.any():
        v_mentor[has_place] = np.maximum.reduceat(v[:n_slots], slot_start[has_place])
    # Without the columns every adept has a mentor, and no unused option has a price.
    no_mentor = v[n_slots:] if no_mentor_columns else np.zeros(n_adepts, dtype=np.int64)
    prices = proof.Prices(adept=u, mentor=v_mentor, no_mentor=no_mentor)
    return mentor_of.astype(np.int64), prices


def _relaxed_distances(
    src: NDArray[np.int64], dst: NDArray[np.int64], weight: NDArray[np.int64], n_nodes: int
) -> NDArray[np.int64] | None:
    """Shortest distances from a source joined to every node at 0 (Bellman-Ford), or None
    past the work budget or the node count of passes (a cycle of negative cost).

    Each pass relaxes only the edges out of the nodes that changed in the last one, so a
    long chain of moves costs a pass per link but little work in each."""
    order = np.argsort(src, kind="stable")
    src, dst, weight = src[order], dst[order], weight[order]
    start = np.searchsorted(src, np.arange(n_nodes + 1))
    v = np.zeros(n_nodes, dtype=np.int64)
    budget = RELAXATION_WORK * max(len(src), 1)
    changed = np.unique(src)
    for _ in range(n_nodes + 1):
        # The edges out of the changed nodes.
        counts = start[changed + 1] - start[changed]
        edges = np.repeat(start[changed] - np.cumsum(counts) + counts, counts) + np.arange(
            counts.sum()
        )
        budget -= len(edges)
        candidate = v[src[edges]] + weight[edges]
        improved = candidate < v[dst[edges]]
        if not improved.any():
            return v
        if budget < 0:
            return None
        np.minimum.at(v, dst[edges][improved], candidate[improved])
        changed = np.unique(dst[edges][improved])
    return None


def units_at(units: Units, adepts: NDArray[np.int64], mentors: NDArray[np.int64]) -> NDArray:
    """The scores of these (adept, mentor) pairs."""
    if isinstance(units, ScorePool):
        return units.at(adepts, mentors)
    if not sparse.issparse(units):
        return units[adepts, mentors]
    # Looked up by (adept, mentor) key among the stored pairs, which are sorted that way.
    csr = sparse.csr_array(units)
    csr.sum_duplicates()
    rows = np.repeat(np.arange(csr.shape[0]), np.diff(csr.indptr))
    keys = rows * csr.shape[1] + csr.indices
    return csr.data[np.searchsorted(keys, adepts * csr.shape[1] + mentors)]


def pair_units(units: Units, pairs: list[tuple[int, int]]) -> NDArray[np.int64]:
    """The scores of these (adept, mentor) pairs, in their order."""
    return units_at(units, *_as_arrays(pairs)).astype(np.int64)


def _as_arrays(pairs: list[tuple[int, int]]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    adepts = np.array([a for a, _m in pairs], dtype=np.int64)
    return adepts, np.array([m for _a, m in pairs], dtype=np.int64)


def _solve_dense_instead(
    units: Units, capacity: NDArray[np.int64], reason: str, rounds: int
) -> CertifiedSolution:
    logger.warning("The certified solve fell back to the full matrix: %s.", reason)
    if isinstance(units, RowSubset | ScorePool):
        units = units[:]
    if sparse.issparse(units):
        stored = sparse.csr_array(units).tocoo()
        units = np.full(stored.shape, FORBIDDEN, dtype=np.int32)
        units[stored.row, stored.col] = stored.data
    solution = solve(np.asarray(units), None, capacity)
    return CertifiedSolution(
        pairs=solution.pairs, total_units=solution.total_units, rounds=rounds, candidate_pairs=0
    )

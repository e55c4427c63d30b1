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


# Best candidate mentors kept per adept in the sparse solve; widened where the certificate fails.
CANDIDATES_PER_ADEPT = 12
# Rows checked at a time against the dual prices (smaller keeps the temporaries small).
CHECK_CHUNK = 256
# Rounds of Bellman-Ford relaxation for the dual prices before giving up on the certificate.
MAX_RELAXATIONS = 10_000


@dataclass(frozen=True)
class CertifiedSolution(Solution):
    rounds: int = 1
    candidate_pairs: int = 0


def _top_candidates(
    units: NDArray[np.integer], allowed: NDArray[np.bool_], k: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(adept, mentor) of each adept's k best allowed mentors, chunk by chunk."""
    n_adepts, n_mentors = units.shape
    k = min(k, n_mentors)
    adepts, mentors = [], []
    for start in range(0, n_adepts, COST_CHUNK):
        block = np.where(allowed[start : start + COST_CHUNK], units[start : start + COST_CHUNK], -1)
        best = np.argpartition(-block, k - 1, axis=1)[:, :k]
        rows = np.repeat(np.arange(start, start + len(block)), k)
        cols = best.ravel()
        keep = allowed[rows, cols]
        adepts.append(rows[keep])
        mentors.append(cols[keep])
    return np.concatenate(adepts), np.concatenate(mentors)


def solve_certified(
    units: NDArray[np.integer],
    allowed: NDArray[np.bool_],
    capacity: NDArray[np.int64],
    candidates: int = CANDIDATES_PER_ADEPT,
) -> CertifiedSolution:
    """The same optimum as :func:`solve`, for large cohorts, in far less memory.

    Solves on a sparse graph of each adept's best candidates (SciPy's LAPJVsp), then
    proves the result optimal for every allowed pair with the assignment's dual prices:
    if no pair outside the graph has a negative reduced cost, no better assignment
    exists. Pairs that fail the check join the graph and it is solved again.
    """
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    n_adepts, n_mentors = units.shape
    capacity = np.asarray(capacity, dtype=np.int64)
    slot_start = np.concatenate([[0], np.cumsum(capacity)[:-1]])
    n_slots = int(capacity.sum())
    n_columns = n_slots + n_adepts  # one "no mentor" column per adept
    dummy_cost = float((MAX_UNITS + 1) * n_adepts + 1)
    cand_a, cand_m = _top_candidates(units, allowed, candidates)
    rounds = 0
    while True:
        rounds += 1
        # Expand each candidate pair to every place of the mentor.
        per = capacity[cand_m]
        edge_a = np.repeat(cand_a, per)
        edge_col = np.repeat(slot_start[cand_m], per) + (
            np.arange(per.sum()) - np.repeat(np.cumsum(per) - per, per)
        )
        edge_cost = MAX_UNITS + 1.0 - units[edge_a, np.repeat(cand_m, per)].astype(np.float64)
        rows = np.concatenate([edge_a, np.arange(n_adepts)])
        cols = np.concatenate([edge_col, n_slots + np.arange(n_adepts)])
        costs = np.concatenate([edge_cost, np.full(n_adepts, dummy_cost)])
        graph = csr_matrix((costs, (rows, cols)), shape=(n_adepts, n_columns))
        _, column_of = min_weight_full_bipartite_matching(graph)
        matched_cost = np.asarray(graph[np.arange(n_adepts), column_of]).ravel()

        # Dual prices: v = shortest distances in the graph of "move adept i from its column
        # to column j" (weight cost(i, j) - cost(i, own column)), every distance at most 0.
        src = column_of[rows]
        weight = costs - matched_cost[rows]
        moves = src != cols
        src, dst, weight = src[moves], cols[moves], weight[moves]
        v = np.zeros(n_columns)
        for _ in range(MAX_RELAXATIONS):
            candidate = v[src] + weight
            improved = candidate < v[dst]
            if not improved.any():
                break
            np.minimum.at(v, dst[improved], candidate[improved])
        else:
            raise RuntimeError("The dual prices did not settle; use solve() instead.")
        u = matched_cost - v[column_of]

        # Certificate: every allowed pair must have u + v <= cost at every place of the mentor.
        v_best = np.full(n_mentors, -np.inf)
        has_place = capacity > 0
        v_best[has_place] = np.maximum.reduceat(v[:n_slots], slot_start[has_place])
        # The reduced cost is (MAX_UNITS + 1 - units) - u - v; all three are whole numbers,
        # so "below -0.5" is "units above MAX_UNITS + 1.5 - u - v", one comparison per pair.
        bad_a, bad_m = [], []
        for start in range(0, n_adepts, CHECK_CHUNK):
            block = slice(start, start + CHECK_CHUNK)
            threshold = (MAX_UNITS + 1.5 - u[block, None]) - v_best[None, :]
            violated = units[block] > threshold
            violated &= allowed[block]
            rows_bad = np.flatnonzero(violated.any(axis=1)) + start
            if len(rows_bad):
                # Widen each failing adept by its most violated pairs.
                slack = (MAX_UNITS + 1.0 - units[rows_bad].astype(np.float64)) - (
                    u[rows_bad, None] + v_best[None, :]
                )
                slack[~allowed[rows_bad]] = np.inf
                k = min(candidates, n_mentors)
                worst = np.argpartition(slack, k - 1, axis=1)[:, :k]
                local = np.repeat(np.arange(len(rows_bad)), k)
                m = worst.ravel()
                keep = slack[local, m] < -0.5
                bad_a.append(rows_bad[local[keep]])
                bad_m.append(m[keep])
        if not bad_a:
            break
        keys = np.sort(
            np.concatenate(
                [
                    cand_a * n_mentors + cand_m,
                    *(a * n_mentors + m for a, m in zip(bad_a, bad_m, strict=True)),
                ]
            )
        )
        keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])]
        cand_a, cand_m = keys // n_mentors, keys % n_mentors

    slot_mentor = np.repeat(np.arange(n_mentors), capacity)
    real = column_of < n_slots
    pairs = sorted((int(a), int(slot_mentor[column_of[a]])) for a in np.flatnonzero(real))
    total = int(sum(int(units[a, m]) for a, m in pairs))
    return CertifiedSolution(
        pairs=pairs, total_units=total, rounds=rounds, candidate_pairs=len(cand_a)
    )

"""The proof that an assignment is optimal: dual prices and complementary slackness.

The assignment is the linear programme: minimise the total cost, each adept takes
exactly one mentor or its own "no mentor" option, each mentor at most its places.
A pair costs ``pair_base - score`` (at least 1) and "no mentor" costs more than
any set of pairs, so the cheapest assignment matches the most adepts, then has the
highest total score. Prices ``u`` (adepts), ``v`` (mentors) and ``w`` (each adept's
"no mentor" option) prove an assignment optimal when, in whole numbers:

- no price of a place is positive (``v <= 0``, ``w <= 0``),
- a mentor with a free place has price zero, and so has an unused "no mentor" option,
- every pair of the assignment and every "no mentor" taken costs exactly ``u + v``
  (``u + w``),
- no allowed pair, nor any "no mentor", costs less than its prices.

Then no assignment costs less (weak duality), whatever solver found it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from .pool import ScorePool

# Rows checked at a time against the prices (smaller keeps the temporaries small).
CHECK_CHUNK = 256
# At most this many pairs are read at a time by the check and the candidate search, so
# that their int64 temporaries stay small however many mentors there are.
BLOCK_PAIRS = 1 << 22


def block_rows(n_mentors: int, most: int) -> int:
    """Rows read at a time: ``most``, fewer where a block would pass BLOCK_PAIRS pairs."""
    return max(16, min(most, BLOCK_PAIRS // max(n_mentors, 1)))


IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class CandidateGraph:
    """The pairs a sparse solve may use, sorted by adept, with their costs."""

    adept: IntArray
    mentor: IntArray
    cost: IntArray
    capacity: IntArray
    n_adepts: int
    # A pair costs pair_base - units: at least 1, so that leaving an adept out never pays.
    pair_base: int
    # "No mentor" costs at least this (a what-if keeps the cost of the solve it starts from).
    least_no_mentor_cost: int = 0

    @classmethod
    def of_pairs(
        cls,
        adept: IntArray,
        mentor: IntArray,
        units: NDArray[np.integer],
        capacity: IntArray,
        n_adepts: int,
        pair_base: int,
        least_no_mentor_cost: int = 0,
    ) -> CandidateGraph:
        """The graph of these (adept, mentor, units) pairs among ``n_adepts`` adepts; a
        mentor without places can take nobody, so its pairs are left out."""
        capacity = np.asarray(capacity, dtype=np.int64)
        keep = capacity[mentor] > 0
        order = np.lexsort((mentor[keep], adept[keep]))
        return cls(
            adept=adept[keep][order],
            mentor=mentor[keep][order],
            cost=pair_base - np.asarray(units, dtype=np.int64)[keep][order],
            capacity=capacity,
            n_adepts=n_adepts,
            pair_base=pair_base,
            least_no_mentor_cost=least_no_mentor_cost,
        )

    @property
    def n_mentors(self) -> int:
        return len(self.capacity)

    @property
    def no_mentor_cost(self) -> int:
        """More than any total of pair costs, so one more matched adept always wins (any
        such cost gives the same optimum; prices are proven for the one they were found with)."""
        return max(self.pair_base * self.n_adepts + 1, self.least_no_mentor_cost)


@dataclass(frozen=True)
class Prices:
    adept: IntArray  # u
    mentor: IntArray  # v, never positive
    no_mentor: IntArray  # w, never positive


def graph_failure(graph: CandidateGraph, mentor_of: IntArray, prices: Prices) -> str | None:
    """Why the prices do not prove ``mentor_of`` (-1: no mentor) optimal on the graph, or None."""
    u, v, w = prices.adept, prices.mentor, prices.no_mentor
    n_cost = graph.no_mentor_cost
    edge_u = u[graph.adept]
    if ((edge_u + v[graph.mentor]) > graph.cost).any() or (u + w > n_cost).any():
        return "a pair of the graph costs less than its prices"
    if (v > 0).any() or (w > 0).any():
        return "a price is positive"
    matched = np.flatnonzero(mentor_of >= 0)
    keys = graph.adept * graph.n_mentors + graph.mentor  # sorted: the graph is by adept, mentor
    wanted = matched * graph.n_mentors + mentor_of[matched]
    at = np.minimum(np.searchsorted(keys, wanted), max(len(keys) - 1, 0))
    if len(matched) and (len(keys) == 0 or (keys[at] != wanted).any()):
        return "the assignment uses a pair outside the graph"
    used = np.bincount(mentor_of[matched], minlength=graph.n_mentors)
    if (used > graph.capacity).any():
        return "a mentor has more adepts than places"
    if ((v < 0) & (used < graph.capacity)).any():
        return "a mentor with a free place has a price"
    alone = mentor_of < 0
    if (w[~alone] < 0).any():
        return "an unused 'no mentor' option has a price"
    if (u[alone] + w[alone] != n_cost).any():
        return "an adept without a mentor is not at its price"
    if len(matched) and (u[matched] + v[mentor_of[matched]] != graph.cost[at]).any():
        return "a pair of the assignment is not at its price"
    return None


def violated_pairs(
    units: NDArray[np.integer] | sparse.csr_array | ScorePool,
    graph: CandidateGraph,
    prices: Prices,
    width: int,
) -> tuple[IntArray, IntArray]:
    """Each adept's ``width`` allowed pairs that cost most below their prices (none: proven).

    ``units`` is the full score matrix, negative where a hard rule forbids the pair, a
    sparse matrix that stores exactly the allowed pairs, or a pool of each adept's best
    pairs (then only the adepts whose prices leave room for a pair at their bound are
    scored again).
    """
    # A pair is violated when base - units < u + v, that is units > base - u - v; a mentor
    # without places cannot be taken, so its price is minus infinity.
    base, u = graph.pair_base, prices.adept
    v = np.where(graph.capacity > 0, prices.mentor, np.iinfo(np.int64).min // 4)
    if sparse.issparse(units):
        csr = sparse.csr_array(units)
        rows = np.repeat(np.arange(csr.shape[0]), np.diff(csr.indptr))
        excess = csr.data.astype(np.int64) - (base - u[rows] - v[csr.indices])
        bad = excess > 0
        return best_per_adept(rows[bad], csr.indices[bad].astype(np.int64), excess[bad], width)
    if isinstance(units, ScorePool):
        return _pool_violations(units, base, u, v, width)
    chunk = block_rows(units.shape[1], CHECK_CHUNK)
    blocks = (
        (np.arange(s, min(s + chunk, units.shape[0])), units[s : s + chunk])
        for s in range(0, units.shape[0], chunk)
    )
    return _row_violations(blocks, base, u, v, width)


def _pool_violations(
    pool: ScorePool, base: int, u: IntArray, v: IntArray, width: int
) -> tuple[IntArray, IntArray]:
    """violated_pairs on a pool. The kept pairs are checked from the pool. A pair left out
    scores at most the adept's bound, and its threshold is at least base - u - (the highest
    mentor price): where the bound is above that and no kept pair of the adept fails
    already, the adept's row is scored again and checked whole. (Where a kept pair fails,
    the graph changes anyway, and the next round looks again.)"""
    again = pool.bound.astype(np.int64) > base - u - (v.max() if len(v) else 0)
    bad_a, bad_m = [], []
    for adepts, mentors, values in pool.blocks():
        excess = values.astype(np.int64) - (base - u[adepts] - v[mentors])
        bad = excess > 0
        found = best_per_adept(adepts[bad], mentors[bad], excess[bad], width)
        bad_a.append(found[0])
        bad_m.append(found[1])
    failing = np.concatenate([np.zeros(0, dtype=np.int64), *bad_a])
    again[failing] = False
    rows = np.flatnonzero(again)
    chunk = block_rows(pool.n_mentors, CHECK_CHUNK)
    blocks = (
        (rows[s : s + chunk], pool.read_rows(rows[s : s + chunk]))
        for s in range(0, len(rows), chunk)
    )
    found = _row_violations(blocks, base, u, v, width)
    return np.concatenate([*bad_a, found[0]]), np.concatenate([*bad_m, found[1]])


def _row_violations(
    blocks: Iterator[tuple[IntArray, NDArray[np.integer]]],
    base: int,
    u: IntArray,
    v: IntArray,
    width: int,
) -> tuple[IntArray, IntArray]:
    """violated_pairs on whole rows: ``blocks`` gives (adepts, their rows of scores)."""
    bad_a, bad_m = [], []
    for adepts, block in blocks:
        threshold = (base - u[adepts, None]) - v[None, :]
        violated = block > threshold
        violated &= block >= 0
        rows = np.flatnonzero(violated.any(axis=1))
        if len(rows):
            # Only the few adepts that fail are looked at pair by pair.
            excess = block[rows] - threshold[rows]
            excess[~violated[rows]] = 0
            k = min(width, excess.shape[1])
            worst = np.argpartition(-excess, k - 1, axis=1)[:, :k]
            local = np.repeat(np.arange(len(rows)), k)
            keep = excess[local, worst.ravel()] > 0
            bad_a.append(adepts[rows[local[keep]]])
            bad_m.append(worst.ravel()[keep])
    empty = np.zeros(0, dtype=np.int64)
    return (np.concatenate(bad_a), np.concatenate(bad_m)) if bad_a else (empty, empty)


def best_per_adept(
    adept: IntArray, mentor: IntArray, value: NDArray[np.integer], width: int
) -> tuple[IntArray, IntArray]:
    """The ``width`` pairs of highest value of each adept (ties: the lower mentor)."""
    order = np.lexsort((mentor, -value.astype(np.int64), adept))
    adept, mentor = adept[order], mentor[order]
    rank = np.arange(len(adept)) - np.searchsorted(adept, adept, side="left")
    return adept[rank < width].astype(np.int64), mentor[rank < width].astype(np.int64)

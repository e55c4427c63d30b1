"""A large run's proven optimum kept with the run, so that "What would it cost?" starts
from it instead of scoring and solving the cohort again.

What is kept (compressed NumPy arrays in ``MatchRun.solve_state``, a few MB at 20,000
adepts): a fingerprint of everything the scores and the best total depend on (the
scoring input and the locks), the best total's pairs and prices (solver.Warm), the graph
it was proven on, and a small pool of each adept's best pairs with the bound on the rest
(matching.pool). A what-if on the same fingerprint solves the graph with the pair set
from those prices (a few augmenting paths) and proves the result against the pool,
scoring again only the rows of adepts whose prices reach past their bound. Anything else
(a changed profile, weight, place or lock) misses the fingerprint and is computed cold.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import json
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from . import proof, scoring, solver
from .pool import ScorePool, pool_of_blocks

# The what-if's pool: of each adept's PER_ADEPT best pairs, those that the run's prices
# leave within MARGIN hundredths of being worth taking (the only ones a small change of
# prices can make fail the proof), and every pair of the proven graph.
PER_ADEPT = 256
MARGIN = 500
# Rows of a matrix read at a time to make that pool.
BLOCK_ROWS = 512


def fingerprint(inp: scoring.ScoringInput, fixed: dict[int, int]) -> str:
    """A digest of the scoring input and the locked pairs (by position)."""
    digest = hashlib.sha256()
    for item in dataclasses.fields(inp):
        value = getattr(inp, item.name)
        digest.update(item.name.encode())
        if isinstance(value, np.ndarray):
            digest.update(str(value.dtype).encode() + str(value.shape).encode())
            digest.update(np.ascontiguousarray(value).tobytes())
        elif sparse.issparse(value):
            csr = sparse.csr_matrix(value)
            for part in (csr.data, csr.indices, csr.indptr):
                digest.update(np.ascontiguousarray(part).tobytes())
        elif value is None or isinstance(value, bool | int | float | str | list | dict):
            digest.update(json.dumps(value, sort_keys=True, default=str).encode())
    digest.update(json.dumps(sorted(fixed.items())).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class State:
    pool: ScorePool
    warm: solver.Warm
    graph: tuple[NDArray[np.int64], NDArray[np.int64]]
    total_units: int
    matched: int


def state_dump(
    inp: scoring.ScoringInput,
    units: NDArray[np.integer] | ScorePool,
    fixed: dict[int, int],
    best: solver.Solution,
) -> bytes:
    """The run's best total as kept with the run; empty where it has no prices (a small
    cohort's dense solve: its what-if is computed cold, quickly)."""
    if not isinstance(best, solver.CertifiedSolution) or best.graph is None:
        return b""
    warm = best.warm(fixed)
    if warm is None:
        return b""
    if isinstance(units, ScorePool):
        pool = units
    else:
        blocks = (
            (np.arange(s, min(s + BLOCK_ROWS, units.shape[0])), units[s : s + BLOCK_ROWS])
            for s in range(0, units.shape[0], BLOCK_ROWS)
        )
        reader = functools.partial(scoring.unit_rows, inp)
        pool = pool_of_blocks(units.shape[0], units.shape[1], PER_ADEPT, blocks, reader)
    # A pair is worth taking at these prices when it scores above base - u - v (v <= 0).
    least = np.maximum(solver.PAIR_BASE - warm.prices.adept - MARGIN, pool.kth_best(PER_ADEPT))
    least[warm.mentor_of == -2] = np.iinfo(np.int64).max  # fixed adepts: nothing to prove
    pool = pool.at_least(least).with_pairs(*best.graph, solver.units_at(units, *best.graph))
    out = io.BytesIO()
    np.savez_compressed(
        out,
        fingerprint=np.array(fingerprint(inp, fixed)),
        mentor=pool.mentor,
        units=pool.units,
        indptr=pool.indptr,
        bound=pool.bound,
        graph_adept=best.graph[0],
        graph_mentor=best.graph[1],
        mentor_of=warm.mentor_of,
        u=warm.prices.adept,
        v=warm.prices.mentor,
        w=warm.prices.no_mentor,
        figures=np.array([warm.no_mentor_cost, best.total_units, best.matched]),
    )
    return out.getvalue()


def state_load(data: bytes, inp: scoring.ScoringInput, fixed: dict[int, int]) -> State | None:
    """The kept optimum if it was made from this very input and these locks, else None."""
    if not data:
        return None
    arrays = np.load(io.BytesIO(bytes(data)))
    if str(arrays["fingerprint"]) != fingerprint(inp, fixed):
        return None
    no_mentor_cost, total, matched = (int(x) for x in arrays["figures"])
    pool = ScorePool(
        mentor=arrays["mentor"],
        units=arrays["units"],
        indptr=arrays["indptr"],
        bound=arrays["bound"],
        n_mentors=inp.n_mentors,
        read_rows=functools.partial(scoring.unit_rows, inp),
    )
    prices = proof.Prices(adept=arrays["u"], mentor=arrays["v"], no_mentor=arrays["w"])
    return State(
        pool=pool,
        warm=solver.Warm(arrays["mentor_of"], prices, no_mentor_cost),
        graph=(arrays["graph_adept"], arrays["graph_mentor"]),
        total_units=total,
        matched=matched,
    )

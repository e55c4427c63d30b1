"""The solver against a brute-force optimum on small random cohorts."""

from __future__ import annotations

import itertools
import tracemalloc

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import scoring, solver

from .synthetic import random_input


def brute_force(units, allowed, capacity, fixed=None):
    """Best (matched count, total) over every assignment, by enumeration."""
    fixed = fixed or {}
    n_adepts, n_mentors = units.shape
    options = [[fixed[a]] if a in fixed else [None, *range(n_mentors)] for a in range(n_adepts)]
    best = (-1, -1)
    for choice in itertools.product(*options):
        used = np.zeros(n_mentors, dtype=int)
        total, count, ok = 0, 0, True
        for a, m in enumerate(choice):
            if m is None:
                continue
            if not allowed[a, m]:
                ok = False
                break
            used[m] += 1
            total += int(units[a, m])
            count += 1
        if ok and (used <= capacity).all():
            best = max(best, (count, total))
    return best


def _broken_rules(inp, allowed, solution):
    used = np.zeros(inp.n_mentors, dtype=int)
    broken = []
    for a, m in solution.pairs:
        used[m] += 1
        if not allowed[a, m]:
            broken.append((a, m))
        if inp.adept_municipality[a] == inp.mentor_municipality[m]:
            broken.append(("same municipality", a, m))
    if (used > inp.mentor_capacity).any():
        broken.append("capacity")
    return broken


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n_adepts=st.integers(1, 5),
    n_mentors=st.integers(1, 4),
    min_years=st.sampled_from([0, 0, 3]),
)
def test_solver_equals_the_brute_force_optimum_and_breaks_no_hard_rule(
    seed: int, n_adepts: int, n_mentors: int, min_years: int
) -> None:
    inp = random_input(seed, n_adepts, n_mentors, exclusion_share=0.2, min_years_ahead=min_years)
    scores, allowed = scoring.score_matrix(inp)
    units = solver.to_units(scores)
    solution = solver.solve(units, allowed, inp.mentor_capacity)
    assert _broken_rules(inp, allowed, solution) == []
    # Maximum number matched first, then the highest total.
    assert (solution.matched, solution.total_units) == brute_force(
        units, allowed, inp.mentor_capacity
    )


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n_adepts=st.integers(2, 5), n_mentors=st.integers(2, 4))
def test_locked_pairs_stay_and_the_rest_is_optimal_around_them(
    seed: int, n_adepts: int, n_mentors: int
) -> None:
    inp = random_input(seed, n_adepts, n_mentors, exclusion_share=0.0)
    scores, allowed = scoring.score_matrix(inp)
    units = solver.to_units(scores)
    allowed_pairs = list(zip(*np.nonzero(allowed), strict=True))
    if not allowed_pairs:
        return
    a, m = (int(x) for x in allowed_pairs[seed % len(allowed_pairs)])
    solution = solver.solve(units, allowed, inp.mentor_capacity, {a: m})
    assert solution.mentor_of()[a] == m
    assert (solution.matched, solution.total_units) == brute_force(
        units, allowed, inp.mentor_capacity, {a: m}
    )
    # The certified solve of a large cohort keeps the lock the same way.
    certified = solver.solve_certified(units, allowed, inp.mentor_capacity, 1, fixed={a: m})
    assert certified.mentor_of()[a] == m
    assert (certified.matched, certified.total_units) == (solution.matched, solution.total_units)


def test_the_same_input_gives_the_same_result() -> None:
    inp = random_input(7, 30, 25)
    scores, allowed = scoring.score_matrix(inp)
    units = solver.to_units(scores)
    first = solver.solve(units, allowed, inp.mentor_capacity)
    assert all(solver.solve(units, allowed, inp.mentor_capacity) == first for _ in range(3))


def test_matching_more_adepts_beats_a_higher_total() -> None:
    # Adept 0 could take mentor 0 with a top score, but then adept 1 gets nobody.
    units = np.array([[10_000, 100], [5_000, 0]], dtype=np.int64)
    allowed = np.array([[True, True], [True, False]])
    solution = solver.solve(units, allowed, np.array([1, 1]))
    assert solution.pairs == [(0, 1), (1, 0)]


def test_scores_stay_between_0_and_100_and_weights_are_normalised() -> None:
    inp = random_input(3, 40, 30)
    scores = scoring.total_rows(inp)
    assert scores.min() >= 0 and scores.max() <= 100
    doubled = random_input(3, 40, 30)
    doubled.weights = {k: 2 * v for k, v in doubled.weights.items()}
    assert np.allclose(scoring.total_rows(doubled), scores, atol=1e-3)


def test_chunked_scoring_equals_scoring_all_rows_at_once() -> None:
    inp = random_input(11, 37, 21)
    scores, allowed = scoring.score_matrix(inp, chunk=8)
    assert np.allclose(scores, scoring.total_rows(inp))
    assert (allowed == scoring.allowed_rows(inp)).all()


def test_the_scores_are_held_once_as_hundredths_with_forbidden_pairs_marked() -> None:
    inp = random_input(11, 37, 21, exclusion_share=0.3)
    scores, allowed = scoring.score_matrix(inp)
    units = scoring.unit_matrix(inp, chunk=8)
    assert units.dtype == np.int16
    assert (units == np.where(allowed, solver.to_units(scores), solver.FORBIDDEN)).all()
    # Both solvers read the mark as the mask.
    masked = solver.solve(units, None, inp.mentor_capacity)
    assert masked == solver.solve(solver.to_units(scores), allowed, inp.mentor_capacity)
    certified = solver.solve_certified(units, None, inp.mentor_capacity, candidates=2)
    assert (certified.matched, certified.total_units) == (masked.matched, masked.total_units)


def test_scoring_a_cohort_takes_under_four_bytes_a_pair() -> None:
    # Float scores, a mask and a float copy for the units took 21 bytes a pair.
    inp = random_input(3, 4_000, 300)
    tracemalloc.start()
    units = scoring.unit_matrix(inp, chunk=64)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 4 * units.size


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n_adepts=st.integers(1, 30),
    n_mentors=st.integers(1, 25),
    candidates=st.integers(1, 4),
)
def test_the_certified_sparse_solve_reaches_the_same_optimum(
    seed: int, n_adepts: int, n_mentors: int, candidates: int
) -> None:
    inp = random_input(seed, n_adepts, n_mentors, exclusion_share=0.2)
    scores, allowed = scoring.score_matrix(inp)
    units = solver.to_units(scores)
    dense = solver.solve(units, allowed, inp.mentor_capacity)
    sparse = solver.solve_certified(units, allowed, inp.mentor_capacity, candidates=candidates)
    assert (sparse.matched, sparse.total_units) == (dense.matched, dense.total_units)
    assert _broken_rules(inp, allowed, sparse) == []


def test_locked_pairs_on_the_certified_path_of_a_cohort_larger_than_a_block() -> None:
    inp = random_input(11, solver.COST_CHUNK + 300, 900, exclusion_share=0.1)
    units = scoring.unit_matrix(inp)
    kept = units.copy()
    allowed_a, allowed_m = np.nonzero(units >= 0)
    picks = [0, len(allowed_a) // 2, len(allowed_a) - 1]
    fixed = {int(allowed_a[i]): int(allowed_m[i]) for i in picks}
    dense = solver.solve(units, None, inp.mentor_capacity, fixed)
    certified = solver.solve_certified(units, None, inp.mentor_capacity, fixed=fixed)
    assert all(certified.mentor_of()[a] == m for a, m in fixed.items())
    assert (certified.matched, certified.total_units) == (dense.matched, dense.total_units)
    # The locked adepts' rows are left out by reading, not by changing the matrix.
    assert np.array_equal(units, kept)


def test_a_what_if_re_solve_starts_from_the_proven_graph_and_reaches_the_optimum() -> None:
    inp = random_input(5, 600, 450, exclusion_share=0.1)
    units = scoring.unit_matrix(inp)
    first = solver.solve_certified(units, None, inp.mentor_capacity)
    # A pair the optimum did not choose, set by hand.
    mentor_of = first.mentor_of()
    allowed_a, allowed_m = np.nonzero(units >= 0)
    a, m = next(
        (int(a), int(m))
        for a, m in zip(allowed_a, allowed_m, strict=True)
        if mentor_of.get(int(a)) != int(m) and units[a, m] < units[a, mentor_of[int(a)]]
    )
    dense = solver.solve(units, None, inp.mentor_capacity, {a: m})
    cold = solver.solve_certified(units, None, inp.mentor_capacity, fixed={a: m})
    warm = solver.solve_certified(units, None, inp.mentor_capacity, fixed={a: m}, start=first.graph)
    assert warm.mentor_of()[a] == m
    assert (warm.matched, warm.total_units) == (dense.matched, dense.total_units)
    assert (cold.matched, cold.total_units) == (dense.matched, dense.total_units)
    assert warm.rounds < cold.rounds


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n_adepts=st.integers(2, 40),
    n_mentors=st.integers(1, 30),
    pick=st.integers(0, 10_000),
)
def test_a_what_if_from_the_proven_graph_equals_a_cold_solve_with_the_pair_forced(
    seed: int, n_adepts: int, n_mentors: int, pick: int
) -> None:
    inp = random_input(seed, n_adepts, n_mentors, exclusion_share=0.2)
    units = scoring.unit_matrix(inp)
    allowed_a, allowed_m = np.nonzero(units >= 0)
    if not len(allowed_a):
        return
    a, m = int(allowed_a[pick % len(allowed_a)]), int(allowed_m[pick % len(allowed_a)])
    first = solver.solve_certified(units, None, inp.mentor_capacity, candidates=2)
    warm = solver.solve_certified(
        units, None, inp.mentor_capacity, candidates=2, fixed={a: m}, start=first.graph
    )
    cold = solver.solve(units, None, inp.mentor_capacity, {a: m})
    assert warm.mentor_of()[a] == m
    assert (warm.matched, warm.total_units) == (cold.matched, cold.total_units)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n_adepts=st.integers(2, 40),
    n_mentors=st.integers(1, 30),
    pick=st.integers(0, 10_000),
    locked=st.booleans(),
)
def test_a_what_if_re_solved_from_the_earlier_prices_is_the_forced_optimum_without_a_cold_solve(
    seed: int, n_adepts: int, n_mentors: int, pick: int, locked: bool
) -> None:
    inp = random_input(seed, n_adepts, n_mentors, exclusion_share=0.2)
    units = scoring.unit_matrix(inp)
    allowed_a, allowed_m = np.nonzero(units >= 0)
    if len(allowed_a) < 2:
        return
    a, m = int(allowed_a[pick % len(allowed_a)]), int(allowed_m[pick % len(allowed_a)])
    # An earlier lock of another adept stays; the what-if adds the pair.
    lock = {}
    if locked:
        b, n = (
            int(allowed_a[(pick + 1) % len(allowed_a)]),
            int(allowed_m[(pick + 1) % len(allowed_a)]),
        )
        if b != a and (n != m or inp.mentor_capacity[n] > 1):
            lock = {b: n}
    first = solver.solve_certified(units, None, inp.mentor_capacity, candidates=2, fixed=lock)
    claims = []
    real = solver.graph_optimum

    def watched(graph, claimed=None):
        found = real(graph, claimed)
        if claimed is not None:
            claims.append(found[0] is claimed[0])
        return found

    solver.graph_optimum = watched
    try:
        warm = solver.solve_certified(
            units,
            None,
            inp.mentor_capacity,
            candidates=2,
            fixed={**lock, a: m},
            start=first.graph,
            warm=first.warm(lock),
        )
    finally:
        solver.graph_optimum = real
    cold = solver.solve(units, None, inp.mentor_capacity, {**lock, a: m})
    assert warm.mentor_of()[a] == m
    assert (warm.matched, warm.total_units) == (cold.matched, cold.total_units)
    # The first round's graph was solved from the earlier optimum, and that was proven
    # (unless every adept is fixed and nothing is left to solve).
    assert claims[:1] == ([True] if len({**lock, a: m}) < n_adepts else [])

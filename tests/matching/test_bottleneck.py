"""The "no weak pair" optimum against a brute-force bottleneck search and a dense solve."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import bottleneck, scoring, solver

from .synthetic import random_input


def brute_force(units, capacity, fixed=None):
    """The best (matched, lowest pair score, total) over every assignment, by enumeration."""
    fixed = fixed or {}
    n_adepts, n_mentors = units.shape
    options = [[fixed[a]] if a in fixed else [None, *range(n_mentors)] for a in range(n_adepts)]
    best = (-1, -1, -1)
    for choice in itertools.product(*options):
        used = np.zeros(n_mentors, dtype=int)
        scores = []
        for a, m in enumerate(choice):
            if m is None:
                continue
            if units[a, m] < 0:
                break
            used[m] += 1
            scores.append(int(units[a, m]))
        else:
            if (used <= capacity).all():
                best = max(best, (len(scores), min(scores, default=0), sum(scores)))
    return best


def _figures(solution, units):
    figures = bottleneck.Figures.of(solution, units)
    return figures.matched, figures.lowest_units or 0, figures.total_units


def _coarse(units, step):
    """Scores rounded down to ``step`` hundredths: many ties, as real cohorts have."""
    return np.where(units >= 0, (units // step) * step, units).astype(np.int16)


@settings(max_examples=80, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n_adepts=st.integers(1, 5),
    n_mentors=st.integers(1, 4),
    step=st.sampled_from([1, 500, 2_000]),
)
def test_no_weak_pair_equals_the_brute_force_bottleneck_optimum(
    seed: int, n_adepts: int, n_mentors: int, step: int
) -> None:
    inp = random_input(seed, n_adepts, n_mentors, exclusion_share=0.2)
    units = _coarse(scoring.unit_matrix(inp), step)
    optima = bottleneck.solve_no_weak_pair(units, inp.mentor_capacity)
    assert _figures(optima.no_weak_pair, units) == brute_force(units, inp.mentor_capacity)
    # The best total stays the best total; the two match as many adepts.
    best = solver.solve(units, None, inp.mentor_capacity)
    assert _figures(optima.best_total, units)[::2] == (best.matched, best.total_units)
    used = np.bincount([m for _a, m in optima.no_weak_pair.pairs], minlength=inp.n_mentors)
    assert (used <= inp.mentor_capacity).all()
    assert all(units[a, m] >= 0 for a, m in optima.no_weak_pair.pairs)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), n_adepts=st.integers(2, 5), n_mentors=st.integers(2, 4))
def test_locked_pairs_stay_and_count_in_the_lowest_score(
    seed: int, n_adepts: int, n_mentors: int
) -> None:
    inp = random_input(seed, n_adepts, n_mentors, exclusion_share=0.1)
    units = _coarse(scoring.unit_matrix(inp), 1_000)
    allowed_a, allowed_m = np.nonzero(units >= 0)
    if not len(allowed_a):
        return
    pick = seed % len(allowed_a)
    fixed = {int(allowed_a[pick]): int(allowed_m[pick])}
    optima = bottleneck.solve_no_weak_pair(units, inp.mentor_capacity, fixed)
    for solution in (optima.best_total, optima.no_weak_pair):
        assert all(solution.mentor_of()[a] == m for a, m in fixed.items())
    assert _figures(optima.no_weak_pair, units) == brute_force(units, inp.mentor_capacity, fixed)


def test_a_pair_of_40_among_90s_is_lifted_at_a_small_cost_in_total() -> None:
    # The best total pairs adept 2 with mentor 2 at 40 points; swapping adepts 0 and 2
    # costs 15 points of total and lifts the lowest pair to 55.
    points = np.array(
        [
            [90, -1, 55],
            [-1, 90, -1],
            [60, -1, 40],
        ]
    )
    units = np.where(points >= 0, points * solver.UNITS_PER_POINT, solver.FORBIDDEN)
    optima = bottleneck.solve_no_weak_pair(units.astype(np.int16), np.array([1, 1, 1]))
    assert optima.best_total.pairs == [(0, 0), (1, 1), (2, 2)]
    assert optima.no_weak_pair.pairs == [(0, 2), (1, 1), (2, 0)]
    assert _figures(optima.best_total, units) == (3, 4_000, 22_000)
    assert _figures(optima.no_weak_pair, units) == (3, 5_500, 20_500)
    assert optima.threshold == 5_500


def test_matching_more_adepts_still_comes_before_the_lowest_score() -> None:
    # Leaving adept 1 out would lift the lowest pair from 10 to 90: not allowed.
    points = np.array([[90, 10], [10, -1]])
    units = np.where(points >= 0, points * solver.UNITS_PER_POINT, solver.FORBIDDEN)
    optima = bottleneck.solve_no_weak_pair(units.astype(np.int16), np.array([1, 1]))
    assert optima.no_weak_pair.pairs == [(0, 1), (1, 0)]


def test_when_the_best_total_has_no_weak_pair_both_objectives_agree() -> None:
    units = np.full((3, 3), 9_000, dtype=np.int16)
    optima = bottleneck.solve_no_weak_pair(units, np.array([1, 1, 1]))
    assert optima.no_weak_pair is optima.best_total


def _most_matched_dense(units, capacity, floor):
    restricted = np.where(units >= floor, units, solver.FORBIDDEN)
    return solver.solve(restricted, None, capacity)


def test_the_threshold_and_total_equal_dense_solves_on_2000_adepts() -> None:
    inp = random_input(4, 2_000, 1_500, municipalities=10, exclusion_share=0.05)
    units = scoring.unit_matrix(inp)
    capacity = inp.mentor_capacity
    optima = bottleneck.solve_no_weak_pair(units, capacity)
    matched, lowest, total = _figures(optima.no_weak_pair, units)
    assert matched == optima.best_total.matched
    assert lowest >= bottleneck.Figures.of(optima.best_total, units).lowest_units
    # SciPy's dense linear_sum_assignment on the pairs at or above the threshold: the same
    # number matched and total; one hundredth above it, fewer adepts can be matched.
    dense = _most_matched_dense(units, capacity, lowest)
    assert (dense.matched, dense.total_units) == (matched, total)
    assert _most_matched_dense(units, capacity, lowest + 1).matched < matched


def test_locks_on_300_adepts_equal_the_dense_solve_above_the_lock_or_threshold() -> None:
    inp = random_input(9, 300, 225, municipalities=6, exclusion_share=0.05)
    units = scoring.unit_matrix(inp)
    capacity = inp.mentor_capacity
    # A weak allowed pair locked: the lowest score is the lock's, pairs below it are left out.
    weak_a, weak_m = np.nonzero((units >= 0) & (units < 2_000))
    fixed = {int(weak_a[0]): int(weak_m[0])}
    optima = bottleneck.solve_no_weak_pair(units, capacity, fixed)
    matched, lowest, total = _figures(optima.no_weak_pair, units)
    assert optima.no_weak_pair.mentor_of()[int(weak_a[0])] == int(weak_m[0])
    assert lowest == units[int(weak_a[0]), int(weak_m[0])]
    dense = solver.solve(np.where(units >= lowest, units, solver.FORBIDDEN), None, capacity, fixed)
    assert (dense.matched, dense.total_units) == (matched, total)
    assert dense.matched == optima.best_total.matched


def test_reading_the_matrix_at_each_check_finds_what_the_list_of_pairs_finds(monkeypatch) -> None:
    inp = random_input(9, 300, 225, municipalities=6, exclusion_share=0.05)
    units = scoring.unit_matrix(inp)
    found = {}
    # Room for every pair in the list, and none: then every check reads the int16 matrix.
    for share in (1.0, 0.0):
        monkeypatch.setattr(bottleneck, "LIST_SHARE", share)
        assert (bottleneck._Above(units, np.arange(300), 0).listed is None) == (share == 0.0)
        found[share] = bottleneck.solve_no_weak_pair(units, inp.mentor_capacity)
    listed, read = found[1.0], found[0.0]
    assert (read.threshold, read.checks) == (listed.threshold, listed.checks)
    assert read.no_weak_pair.pairs == listed.no_weak_pair.pairs


def test_a_cohort_whose_adepts_are_all_locked_keeps_the_locks() -> None:
    units = np.array([[9_000, 4_000], [5_000, 8_000]], dtype=np.int16)
    optima = bottleneck.solve_no_weak_pair(units, np.array([1, 1]), {0: 1, 1: 0})
    assert optima.no_weak_pair.pairs == optima.best_total.pairs == [(0, 1), (1, 0)]
    assert optima.threshold is None
    assert bottleneck.Figures.of(optima.no_weak_pair, units) == bottleneck.Figures(2, 9_000, 4_000)

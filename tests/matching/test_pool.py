"""A national cohort's scores as a pool of each adept's best pairs (matching.pool): the same
answers as the matrix, the same optima for both objectives, rows scored again only where
the proof or the threshold search needs them."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import bottleneck, proof, scoring, solver
from matching.pool import ScorePool

from .synthetic import random_input


class CountingReads:
    """Wraps a pool's row reader, counting the rows it scored again."""

    def __init__(self, inp: scoring.ScoringInput) -> None:
        self.inp, self.rows = inp, 0

    def __call__(self, rows: np.ndarray) -> np.ndarray:
        self.rows += len(rows)
        return scoring.unit_rows(self.inp, rows)


def _pool(inp, per_adept):
    pool = scoring.unit_pool(inp, per_adept=per_adept)
    counter = CountingReads(inp)
    return pool.__class__(**{**pool.__dict__, "read_rows": counter}), counter


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n_adepts=st.integers(1, 30),
    n_mentors=st.integers(1, 25),
    per_adept=st.integers(1, 8),
)
def test_a_pool_answers_every_question_as_the_matrix_does(
    seed: int, n_adepts: int, n_mentors: int, per_adept: int
) -> None:
    inp = random_input(seed, n_adepts, n_mentors, exclusion_share=0.3)
    units = scoring.unit_matrix(inp)
    pool = scoring.unit_pool(inp, per_adept=per_adept)
    # Each adept keeps its best allowed pairs; the bound is the best of the rest.
    for a in range(n_adepts):
        kept = pool.mentor[pool.indptr[a] : pool.indptr[a + 1]]
        assert list(kept) == sorted(kept)
        allowed = np.flatnonzero(units[a] >= 0)
        assert len(kept) == min(per_adept, len(allowed))
        rest = np.setdiff1d(allowed, kept)
        assert pool.bound[a] == (units[a, rest].max() if len(rest) else -1)
        if len(rest):
            assert units[a, kept].min() >= units[a, rest].max()
    adepts = np.repeat(np.arange(n_adepts), n_mentors)
    mentors = np.tile(np.arange(n_mentors), n_adepts)
    assert np.array_equal(pool.at(adepts, mentors), units.ravel())
    assert np.array_equal(pool[:], units)
    assert int(pool[n_adepts - 1, n_mentors - 1]) == int(units[-1, -1])
    assert np.array_equal(pool.row_max(np.arange(n_adepts)), units.max(axis=1).clip(-1))
    floor = 4000
    below = np.where(units >= floor, units, solver.FORBIDDEN)
    assert np.array_equal(pool.floored(floor)[:], below)
    assert np.array_equal(pool.floored(floor).at(adepts, mentors), below.ravel())
    some = np.arange(n_adepts)[::2]
    assert np.array_equal(pool.subset(some)[:], units[some])
    # Fewer pairs kept, or more: the same answers, and the bound still bounds the rest.
    least = np.full(n_adepts, 5000)
    extra_a, extra_m = np.nonzero(units >= 0)
    for other in (pool.at_least(least), pool.with_pairs(extra_a, extra_m, units[extra_a, extra_m])):
        assert np.array_equal(other.at(adepts, mentors), units.ravel())
        for a in range(n_adepts):
            kept = other.mentor[other.indptr[a] : other.indptr[a + 1]]
            assert list(kept) == sorted(set(kept.tolist()))
            rest = np.setdiff1d(np.flatnonzero(units[a] >= 0), kept)
            assert other.bound[a] >= (units[a, rest].max() if len(rest) else -1)
    for threshold in (0, 5000):
        found = np.zeros_like(units, dtype=bool)
        for rows, ms, values in pool.pairs_at_least(some, threshold):
            assert np.array_equal(values, units[some[rows], ms])
            found[some[rows], ms] = True
        wanted = np.zeros_like(found)
        wanted[some] = units[some] >= threshold
        assert np.array_equal(found, wanted)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n_adepts=st.integers(2, 40),
    n_mentors=st.integers(2, 30),
    per_adept=st.integers(1, 6),
    locks=st.integers(0, 3),
)
def test_the_certified_solve_on_a_pool_reaches_the_matrix_optimum(
    seed: int, n_adepts: int, n_mentors: int, per_adept: int, locks: int
) -> None:
    inp = random_input(seed, n_adepts, n_mentors, exclusion_share=0.2)
    units = scoring.unit_matrix(inp)
    fixed = _some_locks(units, inp.mentor_capacity, locks)
    dense = solver.solve(units, None, inp.mentor_capacity, fixed)
    pool = scoring.unit_pool(inp, per_adept=per_adept)
    certified = solver.solve_certified(pool, None, inp.mentor_capacity, candidates=2, fixed=fixed)
    assert (certified.matched, certified.total_units) == (dense.matched, dense.total_units)
    assert all(certified.mentor_of()[a] == m for a, m in fixed.items())
    # Both objectives, from the pool as from the matrix.
    from_pool = bottleneck.solve_no_weak_pair(pool, inp.mentor_capacity, fixed)
    from_matrix = bottleneck.solve_no_weak_pair(units, inp.mentor_capacity, fixed)
    for a, b in ((from_pool.no_weak_pair, from_matrix.no_weak_pair),):
        assert bottleneck.Figures.of(a, pool) == bottleneck.Figures.of(b, units)
    assert from_pool.threshold == from_matrix.threshold


def _some_locks(units, capacity, count):
    """Up to ``count`` allowed pairs, each adept and mentor place at most once."""
    left, fixed = capacity.copy(), {}
    for a in range(units.shape[0]):
        if len(fixed) == count:
            break
        for m in np.flatnonzero(units[a] >= 0):
            if left[m]:
                fixed[a], left[m] = int(m), left[m] - 1
                break
    return fixed


def test_the_proof_scores_again_only_the_adepts_whose_prices_leave_room_above_their_bound() -> None:
    inp = random_input(7, 400, 300, municipalities=5)
    units = scoring.unit_matrix(inp)
    pool, reads = _pool(inp, per_adept=60)
    certified = solver.solve_certified(pool, None, inp.mentor_capacity)
    dense = solver.solve(units, None, inp.mentor_capacity)
    assert (certified.matched, certified.total_units) == (dense.matched, dense.total_units)
    # A pool of 60 of 300 leaves few adepts whose prices reach past it, each read at most
    # once a round: far fewer rows than one pass over the cohort per round.
    assert reads.rows < certified.rounds * 400 / 4
    # A pool of one pair each cannot prove much: the proof reads rows, and still proves.
    thin, thin_reads = _pool(inp, per_adept=1)
    again = solver.solve_certified(thin, None, inp.mentor_capacity)
    assert again.total_units == dense.total_units
    assert thin_reads.rows > reads.rows


def test_violated_pairs_from_a_pool_equal_those_from_the_matrix() -> None:
    inp = random_input(3, 120, 90)
    units = scoring.unit_matrix(inp)
    cand_a, cand_m = solver._top_candidates(units, 2)
    graph = proof.CandidateGraph.of_pairs(
        cand_a, cand_m, units[cand_a, cand_m], inp.mentor_capacity, 120, solver.PAIR_BASE
    )
    _mentor_of, prices = solver.graph_optimum(graph)
    from_matrix = proof.violated_pairs(units, graph, prices, 3)
    assert len(from_matrix[0]), "the thin graph should leave pairs to add"
    pool = scoring.unit_pool(inp, per_adept=10)
    from_pool = proof.violated_pairs(pool, graph, prices, 3)
    # The same adepts fail, each with pairs truly below their prices (from the pool where
    # its kept pairs already fail: the graph changes anyway), at most 3 each.
    assert set(from_pool[0].tolist()) == set(from_matrix[0].tolist())
    u, v = prices.adept, prices.mentor
    excess = units[from_pool] - (solver.PAIR_BASE - u[from_pool[0]] - v[from_pool[1]])
    assert (excess > 0).all()
    assert np.bincount(from_pool[0]).max() <= 3
    # Once no pair fails, the pool proves it as the matrix does.
    assert not len(proof.violated_pairs(pool, *_proven(units, inp.mentor_capacity))[0])


def _proven(units, capacity):
    """A graph and prices that prove the optimum of ``units``: the certified solve's graph."""
    certified = solver.solve_certified(units, None, capacity)
    a, m = certified.graph
    graph = proof.CandidateGraph.of_pairs(
        a, m, units[a, m], capacity, units.shape[0], solver.PAIR_BASE
    )
    return graph, solver.graph_optimum(graph)[1], 3


def test_a_cohort_past_the_matrix_size_is_held_as_a_pool(monkeypatch) -> None:
    inp = random_input(1, 50, 40)
    assert isinstance(scoring.cohort_units(inp), np.ndarray)
    monkeypatch.setattr(scoring, "MATRIX_MOST_PAIRS", 50 * 40 - 1)
    monkeypatch.setattr(scoring, "POOL_LEAST_PER_ADEPT", 4)
    monkeypatch.setattr(scoring, "POOL_PAIRS", 100)
    held = scoring.cohort_units(inp)
    assert not isinstance(held, np.ndarray)
    # At least POOL_LEAST_PER_ADEPT each, though POOL_PAIRS spread over 50 would give 2.
    assert np.diff(held.indptr).max() == 4
    assert np.array_equal(held[:], scoring.unit_matrix(inp))


def test_the_pool_of_a_national_cohort_takes_a_fraction_of_the_matrix() -> None:
    inp = random_input(2, 2000, 1500)
    pool = scoring.unit_pool(inp, per_adept=50)
    held = pool.mentor.nbytes + pool.units.nbytes + pool.indptr.nbytes + pool.bound.nbytes
    assert held < 2000 * 1500 * 2 / 8


@pytest.mark.parametrize("objective", ["best_total", "no_weak_pair"])
def test_a_pool_with_every_pair_forbidden_below_the_floor_solves_as_the_matrix(objective) -> None:
    inp = random_input(11, 60, 45)
    units = scoring.unit_matrix(inp)
    pool = scoring.unit_pool(inp, per_adept=3)
    floor = int(np.percentile(units[units >= 0], 60))
    on_matrix = solver.solve_certified(solver.floored(units, floor), None, inp.mentor_capacity)
    on_pool = solver.solve_certified(solver.floored(pool, floor), None, inp.mentor_capacity)
    assert (on_pool.matched, on_pool.total_units) == (on_matrix.matched, on_matrix.total_units)
    if objective == "no_weak_pair":
        a = bottleneck.solve_no_weak_pair(pool, inp.mentor_capacity).no_weak_pair
        b = bottleneck.solve_no_weak_pair(units, inp.mentor_capacity).no_weak_pair
        assert (a.matched, a.total_units) == (b.matched, b.total_units)


def _as_pool_everywhere(monkeypatch) -> None:
    """Every cohort held as a pool of one pair per adept, solved on the certified path."""
    from matching.services import runs

    monkeypatch.setattr(scoring, "MATRIX_MOST_PAIRS", 0)
    monkeypatch.setattr(scoring, "POOL_LEAST_PER_ADEPT", 1)
    monkeypatch.setattr(scoring, "POOL_PAIRS", 1)
    monkeypatch.setattr(runs, "LARGE_COHORT", 1)


def _run_facts(run):
    proposals = run.proposals.order_by("adept_id")
    return (
        [(p.adept_id, p.mentor_id, p.score, p.locked, p.explanation) for p in proposals],
        run.total_score,
        run.lowest_score,
        run.figures,
        run.unmatched,
    )


@pytest.mark.django_db
def test_a_run_from_a_pool_saves_what_a_run_from_the_matrix_saves(world, profiled, monkeypatch):
    from matching.services import runs

    adept = profiled.adepts[0]
    mentor = next(m for m in profiled.mentors if m.municipality_id != adept.municipality_id)
    runs.pair_lock_set(
        cohort=profiled.cohort, adept=adept, mentor=mentor, actor=world.coordinator, manual=True
    )
    other = profiled.adepts[1]
    forced = next(
        m
        for m in profiled.mentors
        if m.municipality_id != other.municipality_id and m.pk != mentor.pk
    )
    from_matrix = runs.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    cost_from_matrix = runs.match_pair_cost(cohort=profiled.cohort, adept=other, mentor=forced)
    with monkeypatch.context() as patch:
        _as_pool_everywhere(patch)
        assert isinstance(runs.match_compute(cohort=profiled.cohort).units, ScorePool)
        from_pool = runs.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
        cost_from_pool = runs.match_pair_cost(cohort=profiled.cohort, adept=other, mentor=forced)
    assert _run_facts(from_pool) == _run_facts(from_matrix)
    assert from_pool.proposals.get(adept=adept).mentor_id == mentor.pk
    assert cost_from_pool == cost_from_matrix


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), n_adepts=st.integers(1, 30), k=st.integers(1, 12))
def test_each_adepts_kth_best_kept_score(seed: int, n_adepts: int, k: int) -> None:
    inp = random_input(seed, n_adepts, 20, exclusion_share=0.3)
    pool = scoring.unit_pool(inp, per_adept=8)
    for a, found in enumerate(pool.kth_best(k).tolist()):
        kept = np.sort(pool.units[pool.indptr[a] : pool.indptr[a + 1]])[::-1]
        assert found == (int(kept[k - 1]) if len(kept) >= k else -1)

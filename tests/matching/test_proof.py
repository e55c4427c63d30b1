"""The certified sparse solve always ends with a proof, or with the exact dense answer."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from matching import proof, scoring, solver
from matching.augment import shortest_augmenting_paths

from .synthetic import random_input

# Adept i may take mentor i (a poor pair) or mentor i + 1 (a good one); the last adept only
# mentor i. Everyone matched forces every adept onto mentor i, and the proof's prices then
# differ along the whole chain: the case that ran out of rounds.
POOR, GOOD = 1_000, 9_000


def chain(n: int) -> sparse.csr_array:
    """The chain as the allowed pairs only (a dense matrix of 50,000 adepts would not fit)."""
    adepts = np.concatenate([np.arange(n), np.arange(n - 1)])
    mentors = np.concatenate([np.arange(n), np.arange(1, n)])
    units = np.concatenate([np.full(n, POOR), np.full(n - 1, GOOD)]).astype(np.int32)
    return sparse.csr_array((units, (adepts, mentors)), shape=(n, n))


def test_a_chain_of_10_500_adepts_is_solved_and_proven() -> None:
    n = 10_500
    pairs = chain(n)
    units, allowed = pairs.toarray(), pairs.toarray() > 0
    solution = solver.solve_certified(units, allowed, np.ones(n, dtype=np.int64))
    assert solution.pairs == [(i, i) for i in range(n)]
    assert solution.total_units == n * POOR


def test_a_chain_of_50_000_adepts_given_as_allowed_pairs_is_solved_and_proven() -> None:
    n = 50_000
    solution = solver.solve_certified(chain(n), None, np.ones(n, dtype=np.int64))
    assert solution.matched == n
    assert solution.total_units == n * POOR


def test_prices_with_a_free_place_at_a_price_prove_nothing_and_the_optimum_is_found() -> None:
    # One adept, two mentors with a place each; mentor 1 is the better pair.
    units = np.array([[5_000, 9_000]])
    graph = proof.CandidateGraph.of_pairs(
        np.array([0, 0]), np.array([0, 1]), units[0], np.array([1, 1]), 1, solver.PAIR_BASE
    )
    # A wrong claim whose prices hold on every pair: only mentor 1's free place gives it away.
    wrong = np.array([0])
    cost = graph.cost
    prices = proof.Prices(
        adept=np.array([cost[0]]), mentor=np.array([0, cost[1] - cost[0]]), no_mentor=np.array([0])
    )
    assert proof.violated_pairs(units, graph, prices, 1)[0].size == 0
    assert proof.graph_failure(graph, wrong, prices) == "a mentor with a free place has a price"
    mentor_of, proven = solver.graph_optimum(graph, claimed=(wrong, prices))
    assert mentor_of.tolist() == [1]
    assert proof.graph_failure(graph, mentor_of, proven) is None


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), n_adepts=st.integers(1, 30), n_mentors=st.integers(1, 25))
def test_shortest_augmenting_paths_reach_the_dense_optimum_with_prices_that_prove_it(
    seed: int, n_adepts: int, n_mentors: int
) -> None:
    inp = random_input(seed, n_adepts, n_mentors, exclusion_share=0.3)
    scores, allowed = scoring.score_matrix(inp)
    units = solver.to_units(scores)
    dense = solver.solve(units, allowed, inp.mentor_capacity)
    adepts, mentors = np.nonzero(allowed)
    graph = proof.CandidateGraph.of_pairs(
        adepts, mentors, units[adepts, mentors], inp.mentor_capacity, n_adepts, solver.PAIR_BASE
    )
    mentor_of, prices = shortest_augmenting_paths(graph)
    assert proof.graph_failure(graph, mentor_of, prices) is None
    matched = np.flatnonzero(mentor_of >= 0)
    assert (len(matched), int(units[matched, mentor_of[matched]].sum())) == (
        dense.matched,
        dense.total_units,
    )
    # The same cohort given as its allowed pairs only.
    pairs = sparse.csr_array((units[adepts, mentors], (adepts, mentors)), shape=units.shape)
    certified = solver.solve_certified(pairs, None, inp.mentor_capacity, candidates=2)
    assert (certified.matched, certified.total_units) == (dense.matched, dense.total_units)


def test_mentors_without_a_free_place_leave_every_adept_unmatched() -> None:
    units = np.array([[7_000, 3_000], [2_000, 8_000]])
    solution = solver.solve_certified(units, units > 0, np.array([0, 0]))
    assert solution.pairs == [] and solution.total_units == 0


def test_the_dense_fallback_reads_a_sparse_input_with_a_pair_scored_zero(caplog) -> None:
    # Stored pairs are allowed, a score of 0 included; mentor 0's pairs are forbidden.
    pairs = sparse.csr_array((np.array([0, 4_000]), (np.array([0, 1]), np.array([1, 1]))))
    solution = solver._solve_dense_instead(pairs, np.array([2, 2]), "a reason", 1)
    assert solution.pairs == [(0, 1), (1, 1)] and solution.total_units == 4_000
    assert "fell back to the full matrix: a reason" in caplog.text

"""The score matrix as CSV: the same bytes as the per-pair writer it replaced."""

from __future__ import annotations

import csv
import io

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from matching import export, scoring, solver

from .synthetic import random_input


def reference_csv(inp: scoring.ScoringInput, units: np.ndarray, allowed: np.ndarray) -> bytes:
    """The writer `match --scores-out` had before, one pair at a time, kept as the reference."""
    handle = io.StringIO(newline="")
    weight_sum = inp.weight_sum
    writer = csv.writer(handle)
    writer.writerow(["adept_id", "mentor_id", "score", *scoring.CRITERIA])
    values = scoring.criteria_rows(inp)
    for a in range(inp.n_adepts):
        for m in range(inp.n_mentors):
            points = [
                round(
                    float(values[c][a, m])
                    * scoring.MAX_SCORE
                    * max(0.0, inp.weights.get(c, 0.0))
                    / weight_sum,
                    2,
                )
                for c in scoring.CRITERIA
            ]
            writer.writerow(
                [
                    int(inp.adept_ids[a]),
                    int(inp.mentor_ids[m]),
                    f"{int(units[a, m]) / 100:.2f}" if allowed[a, m] else "",
                    *points,
                ]
            )
    return handle.getvalue().encode()


def written(
    inp: scoring.ScoringInput,
    units: np.ndarray,
    allowed: np.ndarray,
    block_pairs: int = export.BLOCK_PAIRS,
) -> bytes:
    out = io.BytesIO()
    count = export.scores_csv_write(
        inp=inp, units=solver.with_forbidden(units, allowed), out=out, block_pairs=block_pairs
    )
    assert count == inp.n_adepts * inp.n_mentors
    return out.getvalue()


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n_adepts=st.integers(1, 12),
    n_mentors=st.integers(1, 9),
    weights=st.lists(st.integers(0, 9), min_size=6, max_size=6).filter(any),
    ranked=st.booleans(),
)
def test_the_score_csv_is_byte_for_byte_the_per_pair_writers(
    seed: int, n_adepts: int, n_mentors: int, weights: list[int], ranked: bool
) -> None:
    inp = random_input(seed, n_adepts, n_mentors, exclusion_share=0.3)
    inp.weights = dict(zip(scoring.CRITERIA, map(float, weights), strict=True))
    if ranked:
        rng = np.random.default_rng(seed)
        inp.ranking = sparse.csr_matrix(rng.random((n_adepts, n_mentors)) * (rng.random() < 0.5))
    scores, allowed = scoring.score_matrix(inp)
    units = solver.to_units(scores)
    assert written(inp, units, allowed) == reference_csv(inp, units, allowed)


def test_a_cohort_larger_than_a_block_is_written_whole_and_in_order() -> None:
    inp = random_input(5, 23, 7)
    scores, allowed = scoring.score_matrix(inp)
    units = solver.to_units(scores)
    # Two adepts (14 pairs) a block, the last block with one.
    assert written(inp, units, allowed, block_pairs=20) == reference_csv(inp, units, allowed)


def test_points_next_to_half_a_hundredth_round_as_python_rounds_them() -> None:
    table = export._table([repr(h / 100) for h in range(export.TOP + 1)])
    points = np.array([2.675, 1.005, 0.125, 0.135, 99.995, 0.0, -0.0, 33.333333, 12.5, 100.0])
    texts = export._points_texts(table, points)
    assert [t.decode() for t in texts] == [repr(round(float(p), 2)) for p in points]

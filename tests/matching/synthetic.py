"""Random cohorts as scoring arrays, for the property tests (the benchmark has its own)."""

from __future__ import annotations

import numpy as np

from matching import scoring


def random_input(
    seed: int,
    n_adepts: int,
    n_mentors: int,
    *,
    municipalities: int = 3,
    max_capacity: int = 2,
    exclusion_share: float = 0.1,
    min_years_ahead: int = 0,
) -> scoring.ScoringInput:
    rng = np.random.default_rng(seed)
    needs, dims = 5, 3
    excluded = rng.random((n_adepts, n_mentors)) < exclusion_share
    ea, em = np.nonzero(excluded)
    travel = rng.integers(10, 150, size=(municipalities, municipalities)).astype(np.float32)
    travel = np.minimum(travel, travel.T)
    np.fill_diagonal(travel, 0)
    return scoring.ScoringInput(
        adept_ids=np.arange(1, n_adepts + 1, dtype=np.int64),
        mentor_ids=np.arange(1001, 1001 + n_mentors, dtype=np.int64),
        adept_person=np.arange(n_adepts, dtype=np.int64),
        mentor_person=np.arange(10_000, 10_000 + n_mentors, dtype=np.int64),
        adept_municipality=rng.integers(0, municipalities, n_adepts),
        mentor_municipality=rng.integers(0, municipalities, n_mentors),
        adept_years=rng.integers(0, 8, n_adepts),
        mentor_years=rng.integers(0, 20, n_mentors),
        adept_needs=rng.random((n_adepts, needs)) < 0.4,
        mentor_strengths=rng.random((n_mentors, needs)) < 0.4,
        adept_dims=rng.random((n_adepts, dims)).astype(np.float32),
        mentor_dims=rng.random((n_mentors, dims)).astype(np.float32),
        dim_complement=np.array([False, True, False]),
        adept_wished_area=rng.integers(-1, 3, n_adepts),
        mentor_area=rng.integers(0, 3, n_mentors),
        adept_meeting=rng.integers(0, 3, n_adepts),
        mentor_meeting=rng.integers(0, 3, n_mentors),
        adept_languages=rng.integers(0, 4, n_adepts),
        mentor_languages=rng.integers(1, 4, n_mentors),
        travel_minutes=travel,
        weights={"needs": 3, "dimensions": 3, "wishes": 2, "experience": 1, "travel": 1},
        mentor_capacity=rng.integers(1, max_capacity + 1, n_mentors),
        require_other_municipality=True,
        min_years_ahead=min_years_ahead,
        excluded_adepts=ea.astype(np.int64),
        excluded_mentors=em.astype(np.int64),
    )

"""The facts kept with each proposal, computed for all of a run's pairs at once."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from matching import explain, scoring

from .synthetic import random_input


def test_the_facts_of_many_pairs_at_once_are_those_of_each_pair_alone() -> None:
    inp = random_input(7, 40, 30)
    rng = np.random.default_rng(7)
    ranked = rng.random((40, 30)) < 0.2
    inp.ranking = sparse.csr_matrix(np.where(ranked, rng.random((40, 30)), 0).astype(np.float32))
    inp.weights["ranking"] = 2
    inp.area_labels = ["Skola", "Vård", "Teknik"]
    inp.need_labels = [f"Behov {i}" for i in range(5)]
    inp.dim_labels = ["Förändring", "Struktur", "Relationer"]
    # More pairs than a block, so that more than one block is scored.
    n = scoring.PAIR_BLOCK + 100
    adepts, mentors = rng.integers(0, 40, n), rng.integers(0, 30, n)
    pairs = [(int(a), int(m)) for a, m in zip(adepts, mentors, strict=True)]
    assert explain.pairs_facts(inp, pairs) == [explain.pair_facts(inp, a, m) for a, m in pairs]

"""Pair scores for a whole cohort at once, vectorised with NumPy.

Each criterion gives every (adept, mentor) pair a value from 0 to 1; the pair
score is 100 times the weighted mean. Rows of adepts are scored in chunks so
that a national cohort fits in memory. The hard rules give a boolean mask of
allowed pairs; capacities and locks are the solver's business.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from .pool import ScorePool, pool_of_blocks
from .solver import FORBIDDEN, UNITS_PER_POINT

CRITERIA = ("needs", "dimensions", "wishes", "experience", "travel", "ranking")
MAX_SCORE = 100.0
# A mentor this many years ahead as manager gets the full experience value.
EXPERIENCE_FULL_YEARS = 10.0
# A journey this long (one way, minutes) or longer gets no travel value.
TRAVEL_MAX_MINUTES = 120.0
# Value of a criterion that has nothing to go on (no answer, unknown travel time).
NEUTRAL = 0.5
ROW_CHUNK = 512
# At most this many pairs are scored at a time in floats (a few temporaries of 4 bytes each).
CHUNK_PAIRS = 1 << 23

MEETING_EITHER = 0
MEETING_IN_PERSON = 1
MEETING_DIGITAL = 2

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float32]
BoolArray = NDArray[np.bool_]


@dataclass
class ScoringInput:
    """Everything the score depends on, as arrays indexed by adept and mentor position."""

    adept_ids: IntArray
    mentor_ids: IntArray
    adept_person: IntArray
    mentor_person: IntArray
    adept_municipality: IntArray
    mentor_municipality: IntArray
    adept_years: IntArray
    mentor_years: IntArray
    adept_needs: BoolArray  # (adepts, needs options)
    mentor_strengths: BoolArray  # (mentors, needs options)
    adept_dims: FloatArray  # (adepts, dimensions) in [0, 1], NaN when unanswered
    mentor_dims: FloatArray
    dim_complement: BoolArray  # (dimensions,)
    adept_wished_area: IntArray  # -1 when the adept has no wish
    mentor_area: IntArray  # -1 when unknown
    adept_meeting: IntArray
    mentor_meeting: IntArray
    adept_languages: IntArray  # bit masks
    mentor_languages: IntArray
    travel_minutes: FloatArray  # (municipalities, municipalities), NaN when unknown
    weights: dict[str, float]
    mentor_capacity: IntArray
    require_other_municipality: bool = True
    min_years_ahead: int = 0
    excluded_adepts: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    excluded_mentors: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    # Rank value in [0, 1] where the adept ranked the mentor (CSR, adepts × mentors).
    ranking: sparse.csr_matrix | None = None
    need_labels: list[str] = field(default_factory=list)
    dim_labels: list[str] = field(default_factory=list)
    area_labels: list[str] = field(default_factory=list)
    municipality_labels: list[str] = field(default_factory=list)
    _excluded_by_row: dict[int, IntArray] | None = None

    @property
    def n_adepts(self) -> int:
        return len(self.adept_ids)

    @property
    def n_mentors(self) -> int:
        return len(self.mentor_ids)

    @property
    def weight_sum(self) -> float:
        return float(sum(max(0.0, self.weights.get(c, 0.0)) for c in CRITERIA))

    def excluded_for_rows(self, rows: IntArray) -> tuple[IntArray, IntArray]:
        """(row position within ``rows``, mentor) pairs excluded for these adepts."""
        if len(self.excluded_adepts) == 0:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        lookup = np.full(self.n_adepts, -1, dtype=np.int64)
        lookup[rows] = np.arange(len(rows))
        local = lookup[self.excluded_adepts]
        keep = local >= 0
        return local[keep], self.excluded_mentors[keep]


def _as_rows(inp: ScoringInput, rows: IntArray | slice | None) -> IntArray:
    if rows is None:
        return np.arange(inp.n_adepts)
    if isinstance(rows, slice):
        return np.arange(inp.n_adepts)[rows]
    return np.asarray(rows, dtype=np.int64)


def _per_kind(
    key: NDArray[np.generic], r: IntArray, value: Callable[[IntArray], FloatArray]
) -> FloatArray:
    """``value(r)`` computed once for each kind of adept among the rows (the rows alike in
    ``key``, what the criterion reads of them) and copied to the others: the same numbers,
    as each row's value depends on its adept's key alone."""
    key = key[:, None] if key.ndim == 1 else key
    if len(r) < 2 or key.shape[1] == 0:
        return value(r)
    _kinds, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
    if 2 * len(first) > len(r):
        return value(r)
    return value(r[first])[inverse.ravel()]


def criteria_rows(inp: ScoringInput, rows: IntArray | slice | None = None) -> dict[str, FloatArray]:
    """Each criterion's value in [0, 1] for the given adepts against every mentor."""
    r = _as_rows(inp, rows)
    return {criterion: _criterion(inp, r, criterion) for criterion in CRITERIA}


def _criterion(inp: ScoringInput, r: IntArray, criterion: str) -> FloatArray:
    """One criterion's values for the rows, worked out once for each kind of adept among
    them (see _per_kind)."""
    if criterion == "needs":
        return _per_kind(inp.adept_needs[r], r, functools.partial(_needs, inp))
    if criterion == "dimensions":
        return _per_kind(inp.adept_dims[r], r, functools.partial(_dimensions, inp))
    if criterion == "wishes":
        wishes = [inp.adept_wished_area[r], inp.adept_meeting[r], inp.adept_languages[r]]
        return _per_kind(np.stack(wishes, axis=1), r, functools.partial(_wishes, inp))
    if criterion == "experience":
        return _per_kind(inp.adept_years[r], r, functools.partial(_experience, inp))
    if criterion == "travel":
        travel = [inp.adept_municipality[r], inp.adept_meeting[r]]
        return _per_kind(np.stack(travel, axis=1), r, functools.partial(_travel, inp))
    if inp.ranking is not None:
        return inp.ranking[r].toarray().astype(np.float32)
    return np.zeros((len(r), inp.n_mentors), dtype=np.float32)


def _needs(inp: ScoringInput, r: IntArray) -> FloatArray:
    """The share of the adept's development needs the mentor offers."""
    needs = inp.adept_needs[r].astype(np.float32)
    strengths = inp.mentor_strengths.astype(np.float32)
    need_count = needs.sum(axis=1, keepdims=True)
    overlap = needs @ strengths.T
    return np.where(
        need_count > 0, overlap / np.maximum(need_count, 1), np.float32(NEUTRAL)
    ).astype(np.float32)


def _dimensions(inp: ScoringInput, r: IntArray) -> FloatArray:
    """Leader-profile dimensions: closeness or difference, averaged over the dimensions."""
    n_dims = inp.adept_dims.shape[1]
    if n_dims:
        total = np.zeros((len(r), inp.n_mentors), dtype=np.float32)
        value = np.empty_like(total)
        for d in range(n_dims):
            adept_d, mentor_d = inp.adept_dims[r, d], inp.mentor_dims[:, d]
            # In place: these blocks are the largest temporaries of the scoring.
            np.subtract(adept_d[:, None], mentor_d[None, :], out=value)
            np.abs(value, out=value)
            if not inp.dim_complement[d]:
                np.subtract(np.float32(1.0), value, out=value)
            if np.isnan(adept_d).any() or np.isnan(mentor_d).any():
                value[np.isnan(value)] = NEUTRAL
            total += value
        total /= np.float32(n_dims)
        return total
    return np.full((len(r), inp.n_mentors), NEUTRAL, dtype=np.float32)


def _wishes(inp: ScoringInput, r: IntArray) -> FloatArray:
    """Work area, way of meeting and a shared language, one third each."""
    wished = inp.adept_wished_area[r][:, None]
    area = np.where(wished < 0, True, wished == inp.mentor_area[None, :])
    a_meet = inp.adept_meeting[r][:, None]
    m_meet = inp.mentor_meeting[None, :]
    meeting = (a_meet == MEETING_EITHER) | (m_meet == MEETING_EITHER) | (a_meet == m_meet)
    a_lang = inp.adept_languages[r][:, None]
    language = (a_lang == 0) | ((a_lang & inp.mentor_languages[None, :]) != 0)
    return ((area.astype(np.float32) + meeting + language) / np.float32(3)).astype(np.float32)


def meets_in_person(adept_meeting: IntArray, mentor_meeting: IntArray) -> BoolArray:
    return (adept_meeting != MEETING_DIGITAL) & (mentor_meeting != MEETING_DIGITAL)


def _experience(inp: ScoringInput, r: IntArray) -> FloatArray:
    """Years the mentor is ahead, as a share of EXPERIENCE_FULL_YEARS: a table of the
    few possible differences, looked up per pair."""
    ahead = inp.mentor_years[None, :] - inp.adept_years[r][:, None]
    if ahead.size == 0:
        return ahead.astype(np.float32)
    low = int(ahead.min())
    table = np.clip(np.arange(low, int(ahead.max()) + 1) / EXPERIENCE_FULL_YEARS, 0.0, 1.0)
    return table.astype(np.float32)[ahead - low]


def _travel(inp: ScoringInput, r: IntArray) -> FloatArray:
    # The value of each journey between two municipalities, then looked up per pair.
    table = 1.0 - np.clip(inp.travel_minutes / TRAVEL_MAX_MINUTES, 0.0, 1.0)
    table = np.where(np.isnan(table), np.float32(NEUTRAL), table).astype(np.float32)
    value = table[inp.adept_municipality[r][:, None], inp.mentor_municipality[None, :]]
    in_person = meets_in_person(inp.adept_meeting[r][:, None], inp.mentor_meeting[None, :])
    # Pairs who meet digitally lose nothing to distance.
    value[~in_person] = np.float32(1.0)
    return value


def total_rows(inp: ScoringInput, rows: IntArray | slice | None = None) -> FloatArray:
    """The pair score (0–100) for the given adepts against every mentor; one criterion's
    values at a time, added in place."""
    weight_sum = inp.weight_sum
    r = _as_rows(inp, rows)
    total = np.zeros((len(r), inp.n_mentors), dtype=np.float32)
    for criterion in CRITERIA:
        weight = max(0.0, inp.weights.get(criterion, 0.0))
        if weight:
            value = _criterion(inp, r, criterion)
            value *= np.float32(weight / weight_sum)
            total += value
    total *= np.float32(MAX_SCORE)
    return total


def allowed_rows(inp: ScoringInput, rows: IntArray | slice | None = None) -> BoolArray:
    """The hard rules that concern a single pair (capacity and locks are the solver's)."""
    r = _as_rows(inp, rows)
    allowed = inp.adept_person[r][:, None] != inp.mentor_person[None, :]
    if inp.require_other_municipality:
        allowed &= inp.adept_municipality[r][:, None] != inp.mentor_municipality[None, :]
    if inp.min_years_ahead:
        ahead = inp.mentor_years[None, :] - inp.adept_years[r][:, None]
        allowed &= ahead >= inp.min_years_ahead
    local, mentors = inp.excluded_for_rows(r)
    allowed[local, mentors] = False
    return allowed


def score_matrix(inp: ScoringInput, chunk: int = ROW_CHUNK) -> tuple[FloatArray, BoolArray]:
    """Scores and the allowed mask for the whole cohort, computed chunk by chunk."""
    scores = np.empty((inp.n_adepts, inp.n_mentors), dtype=np.float32)
    allowed = np.empty((inp.n_adepts, inp.n_mentors), dtype=np.bool_)
    for start in range(0, inp.n_adepts, chunk):
        rows = np.arange(start, min(start + chunk, inp.n_adepts))
        scores[rows] = total_rows(inp, rows)
        allowed[rows] = allowed_rows(inp, rows)
    return scores, allowed


def chunk_rows(n_mentors: int) -> int:
    """Adepts' rows scored at a time: ROW_CHUNK, fewer where there are so many mentors that
    a chunk's temporaries would pass CHUNK_PAIRS pairs."""
    return max(16, min(ROW_CHUNK, CHUNK_PAIRS // max(n_mentors, 1)))


def unit_rows(inp: ScoringInput, rows: IntArray) -> NDArray[np.int16]:
    """These adepts' scores against every mentor in hundredths of a point (int16), with
    solver.FORBIDDEN where a hard rule forbids the pair: the floats rounded in place as
    ``solver.to_units`` rounds them."""
    hundredths = total_rows(inp, rows).astype(np.float64)
    hundredths *= UNITS_PER_POINT
    np.rint(hundredths, out=hundredths)
    block = hundredths.astype(np.int16)
    del hundredths
    block[~allowed_rows(inp, rows)] = FORBIDDEN
    return block


def unit_matrix(inp: ScoringInput, chunk: int | None = None) -> NDArray[np.int16]:
    """The cohort's scores held once, as :func:`unit_rows` gives them; only a chunk is ever
    in floats."""
    chunk = chunk or chunk_rows(inp.n_mentors)
    units = np.empty((inp.n_adepts, inp.n_mentors), dtype=np.int16)
    for start in range(0, inp.n_adepts, chunk):
        rows = np.arange(start, min(start + chunk, inp.n_adepts))
        units[start : start + len(rows)] = unit_rows(inp, rows)
    return units


# A cohort with more pairs than this (1 GiB as int16: 20,000 adepts by 15,000 mentors is
# 300 million) is not held as a matrix but as a pool of each adept's best pairs.
MATRIX_MOST_PAIRS = 1 << 29
# The pairs a pool keeps in all (about 6 bytes each), spread over the adepts; at least
# POOL_LEAST_PER_ADEPT each.
POOL_PAIRS = 1 << 26
POOL_LEAST_PER_ADEPT = 256


def unit_pool(inp: ScoringInput, per_adept: int | None = None) -> ScorePool:
    """The cohort's scores as a pool (matching.pool): each adept's best ``per_adept``
    allowed pairs and the bound on the rest, scored once chunk by chunk; a row is scored
    again only when the solver or the "no weak pair" search must look past the pool."""
    if per_adept is None:
        per_adept = max(POOL_LEAST_PER_ADEPT, POOL_PAIRS // max(inp.n_adepts, 1))
    chunk = chunk_rows(inp.n_mentors)

    def blocks() -> Iterator[tuple[IntArray, NDArray[np.int16]]]:
        for start in range(0, inp.n_adepts, chunk):
            rows = np.arange(start, min(start + chunk, inp.n_adepts))
            yield rows, unit_rows(inp, rows)

    return pool_of_blocks(
        inp.n_adepts, inp.n_mentors, per_adept, blocks(), functools.partial(unit_rows, inp)
    )


def cohort_units(inp: ScoringInput) -> NDArray[np.int16] | ScorePool:
    """The cohort's scores as the run holds them: the int16 matrix, or past
    MATRIX_MOST_PAIRS pairs a pool, which answers the same questions in far less memory."""
    if inp.n_adepts * inp.n_mentors > MATRIX_MOST_PAIRS:
        return unit_pool(inp)
    return unit_matrix(inp)


def points(inp: ScoringInput, adept: int, mentors: IntArray) -> dict[str, FloatArray]:
    """What each criterion contributes, in points of the 100, for one adept and some mentors."""
    values = criteria_rows(inp, np.array([adept]))
    weight_sum = inp.weight_sum
    return {
        criterion: values[criterion][0, mentors]
        * np.float32(MAX_SCORE * max(0.0, inp.weights.get(criterion, 0.0)) / weight_sum)
        for criterion in CRITERIA
    }


# Pairs explained at a time by pair_points: a block of this many adepts by as many mentors.
PAIR_BLOCK = 512


def _with_mentors(inp: ScoringInput, mentors: IntArray) -> ScoringInput:
    """The input with only these mentors (in this order); what the criteria read of them."""
    return replace(
        inp,
        mentor_ids=inp.mentor_ids[mentors],
        mentor_person=inp.mentor_person[mentors],
        mentor_municipality=inp.mentor_municipality[mentors],
        mentor_years=inp.mentor_years[mentors],
        mentor_strengths=inp.mentor_strengths[mentors],
        mentor_dims=inp.mentor_dims[mentors],
        mentor_area=inp.mentor_area[mentors],
        mentor_meeting=inp.mentor_meeting[mentors],
        mentor_languages=inp.mentor_languages[mentors],
        mentor_capacity=inp.mentor_capacity[mentors],
        ranking=None if inp.ranking is None else inp.ranking[:, mentors],
    )


def pair_points(inp: ScoringInput, adepts: IntArray, mentors: IntArray) -> dict[str, FloatArray]:
    """What each criterion contributes to each (adept, mentor) pair, as :func:`points` gives
    it, for many pairs at once: each block's adepts scored against that block's mentors only."""
    adepts, mentors = np.asarray(adepts, dtype=np.int64), np.asarray(mentors, dtype=np.int64)
    weight_sum = inp.weight_sum
    out = {c: np.empty(len(adepts), dtype=np.float32) for c in CRITERIA}
    for start in range(0, len(adepts), PAIR_BLOCK):
        block = slice(start, start + PAIR_BLOCK)
        values = criteria_rows(_with_mentors(inp, mentors[block]), adepts[block])
        for criterion in CRITERIA:
            factor = np.float32(MAX_SCORE * max(0.0, inp.weights.get(criterion, 0.0)) / weight_sum)
            out[criterion][block] = np.diagonal(values[criterion]) * factor
    return out

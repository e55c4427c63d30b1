"""The score matrix as CSV (``match --scores-out``), written block by block.

One line per adept–mentor pair: ``adept_id, mentor_id, score``, then the points of
each criterion; ``score`` is empty where a hard rule forbids the pair. Every field
comes from a table of its possible texts (scores and points are hundredths of a
point from 0 to 100), so a block of pairs becomes bytes with a few NumPy gathers,
in memory that does not grow with the cohort.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

import numpy as np
from numpy.typing import NDArray

from . import scoring
from .pool import ScorePool
from .scoring import ScoringInput

# Pairs written at a time: about 16 MB of text and the block's criteria.
BLOCK_PAIRS = 1 << 18
HUNDREDTHS = 100
TOP = int(scoring.MAX_SCORE) * HUNDREDTHS
# The csv module's default line ending, which the file has always had.
LINE_END = b"\r\n"
# Products this close to half a hundredth are rounded by Python, exactly as before.
NEAR_TIE = 1e-6


def scores_csv_write(
    *,
    inp: ScoringInput,
    units: NDArray[np.integer] | ScorePool,
    out: BinaryIO,
    block_pairs: int = BLOCK_PAIRS,
) -> int:
    """Writes the header and every pair; returns the number of pairs written. ``units``
    are hundredths of a point, negative where a hard rule forbids the pair."""
    out.write(",".join(["adept_id", "mentor_id", "score", *scoring.CRITERIA]).encode() + LINE_END)
    n_mentors = inp.n_mentors
    if not n_mentors:
        return 0
    # The texts: a score always has two decimals, a criterion's points print as Python
    # prints a float rounded to two (12.5, 0.0); "no score" is the last entry.
    score_text = _table([f"{u / HUNDREDTHS:.2f}" for u in range(TOP + 1)] + [""])
    points_text = _table([repr(h / HUNDREDTHS) for h in range(TOP + 1)])
    adept_text = _table([str(int(pk)) for pk in inp.adept_ids])
    mentor_text = _table([str(int(pk)) for pk in inp.mentor_ids])
    weights = [max(0.0, inp.weights.get(c, 0.0)) for c in scoring.CRITERIA]
    weight_sum = inp.weight_sum
    step = max(1, block_pairs // n_mentors)
    for start in range(0, inp.n_adepts, step):
        rows = np.arange(start, min(start + step, inp.n_adepts))
        values = scoring.criteria_rows(inp, rows)
        block = units[rows].ravel()
        score = np.where(block >= 0, block, TOP + 1)
        fields = [
            adept_text[np.repeat(rows, n_mentors)],
            mentor_text[np.tile(np.arange(n_mentors), len(rows))],
            _texts(score_text, score, _score_text, score),
        ]
        for criterion, weight in zip(scoring.CRITERIA, weights, strict=True):
            # The same float operations, in the same order, as the per-pair formula.
            points = np.multiply(values[criterion].ravel(), scoring.MAX_SCORE, dtype=np.float64)
            points *= weight
            points /= weight_sum
            fields.append(_points_texts(points_text, points))
        out.write(_lines(fields))
    return inp.n_adepts * n_mentors


def _table(texts: list[str]) -> NDArray[np.bytes_]:
    return np.array([t.encode() for t in texts], dtype=np.bytes_)


def _points_texts(table: NDArray[np.bytes_], points: NDArray[np.float64]) -> NDArray[np.bytes_]:
    scaled = points * HUNDREDTHS
    hundredths = np.rint(scaled)
    # rint rounds the product, Python rounds the exact value: they differ only near a tie.
    unsure = np.abs(scaled - hundredths) > 0.5 - NEAR_TIE
    unsure |= ~(hundredths <= TOP)  # beyond the table, or not a number
    unsure |= np.signbit(scaled)
    index = np.where(unsure, -1, hundredths).astype(np.int64)
    return _texts(table, index, _points_text, points)


def _score_text(units: float) -> str:
    return f"{int(units) / HUNDREDTHS:.2f}"


def _points_text(points: float) -> str:
    return repr(round(float(points), 2))


def _texts(
    table: NDArray[np.bytes_],
    index: NDArray[np.int64],
    exact: Callable[[float], str],
    values: NDArray[np.number],
) -> NDArray[np.bytes_]:
    """The table's text at each index; ``exact`` of the value where the index is off it."""
    odd = np.flatnonzero((index < 0) | (index >= len(table)))
    texts = table[np.clip(index, 0, len(table) - 1)]
    if len(odd):
        texts = texts.astype(object)
        for i in odd.tolist():
            texts[i] = exact(values[i]).encode()
        texts = texts.astype(np.bytes_)
    return texts


def _lines(fields: list[NDArray[np.bytes_]]) -> bytes:
    """Fields joined by commas, one line per pair: fixed-width columns side by side,
    then the padding (NUL bytes, which no text contains) left out."""
    n = len(fields[0])
    separators = [b","] * (len(fields) - 1) + [LINE_END]
    widths = [f.dtype.itemsize + len(s) for f, s in zip(fields, separators, strict=True)]
    grid = np.zeros((n, sum(widths)), dtype=np.uint8)
    at = 0
    for field, separator in zip(fields, separators, strict=True):
        size = field.dtype.itemsize
        grid[:, at : at + size] = field.view(np.uint8).reshape(n, size)
        grid[:, at + size : at + size + len(separator)] = np.frombuffer(separator, np.uint8)
        at += size + len(separator)
    return grid[grid != 0].tobytes()

"""A cohort's scores without the whole matrix: each adept's best pairs and a bound on the rest.

At national size the int16 matrix alone is more than the memory a run may take (50,000
adepts by 37,500 mentors: 3.6 GB). A pool keeps, for every adept, its ``per_adept``
highest-scored allowed pairs (mentor and score, sorted by mentor) and its *bound*: the
highest score among its allowed pairs left out (-1 where none is). Every question about a
pair left out is answered by scoring that adept's row again (``read_rows``), and the bound
says when no such question needs asking:

- the certificate of optimality looks at a left-out pair only where the adept's price
  leaves room for a pair scored at its bound (``proof.violated_pairs``); with the final
  prices of a real cohort that is a few adepts, or none;
- the "no weak pair" search lists the pairs at or above a threshold, and only an adept
  whose bound reaches the threshold has its row scored again.

Scores are in hundredths of a point, as in the matrix, negative where a hard rule
forbids the pair. A pool answers the matrix's indexing (``pool[rows]``, ``pool[a, m]``),
so that code written for the matrix runs on it, slower, where no faster way is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int64]
RowReader = Callable[[IntArray], NDArray[np.integer]]
# At most this many pairs of a pool are worked on at a time (int64 temporaries).
ENTRY_BLOCK = 1 << 22
# At most this many pairs of rows scored again at a time.
READ_PAIRS = 1 << 22


@dataclass(frozen=True)
class ScorePool:
    mentor: NDArray[np.int32]  # the kept pairs' mentors, by adept, then mentor
    units: NDArray[np.int16]  # their scores, never negative
    indptr: IntArray  # adept a's pairs are [indptr[a], indptr[a + 1])
    bound: NDArray[np.int16]  # per adept: the best score among its allowed pairs left out, or -1
    n_mentors: int
    read_rows: RowReader  # these adepts' whole rows, scored again

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.bound), self.n_mentors)

    @property
    def n_adepts(self) -> int:
        return len(self.bound)

    @property
    def entries(self) -> int:
        return len(self.mentor)

    # Reading like the matrix ------------------------------------------------------

    def __getitem__(self, key: Any) -> NDArray[np.integer] | np.integer:
        if isinstance(key, tuple):
            adepts, mentors = key
            found = self.at(np.atleast_1d(adepts), np.atleast_1d(mentors))
            return found if np.ndim(adepts) or np.ndim(mentors) else found[0]
        rows = np.arange(self.n_adepts)[key]
        if np.ndim(rows) == 0:
            return self.rows(np.array([rows]))[0]
        return self.rows(rows)

    def rows(self, adepts: IntArray) -> NDArray[np.integer]:
        """These adepts' whole rows, scored again block by block."""
        adepts = np.asarray(adepts, dtype=np.int64)
        out = np.empty((len(adepts), self.n_mentors), dtype=np.int16)
        step = max(1, READ_PAIRS // max(self.n_mentors, 1))
        for s in range(0, len(adepts), step):
            out[s : s + step] = self.read_rows(adepts[s : s + step])
        return out

    def at(self, adepts: IntArray, mentors: IntArray) -> NDArray[np.int16]:
        """The scores of these (adept, mentor) pairs: from the pool where it holds the pair,
        else from the adept's row scored again (each such adept's row once)."""
        adepts = np.asarray(adepts, dtype=np.int64)
        mentors = np.asarray(mentors, dtype=np.int64)
        position, found = self._find(adepts, mentors)
        out = np.empty(len(adepts), dtype=np.int16)
        out[found] = self.units[position[found]]
        missing = np.flatnonzero(~found)
        if len(missing):
            rows, local = np.unique(adepts[missing], return_inverse=True)
            step = max(1, READ_PAIRS // max(self.n_mentors, 1))
            for s in range(0, len(rows), step):
                block = self.read_rows(rows[s : s + step])
                mine = (local >= s) & (local < s + step)
                out[missing[mine]] = block[local[mine] - s, mentors[missing[mine]]]
        return out

    def _find(self, adepts: IntArray, mentors: IntArray) -> tuple[IntArray, NDArray[np.bool_]]:
        """Where each pair is, or would go, among the kept pairs, and whether it is there: a
        binary search within each adept's sorted mentors, for all pairs at once."""
        low, high = self.indptr[adepts], self.indptr[adepts + 1].copy()
        end = high.copy()
        last = max(self.entries - 1, 0)
        while (active := low < high).any():
            middle = (low + high) // 2
            right = active & (self.mentor[np.minimum(middle, last)] < mentors)
            left = active & ~right
            low[right] = middle[right] + 1
            high[left] = middle[left]
        if not self.entries:
            return low, np.zeros(len(low), dtype=np.bool_)
        return low, (low < end) & (self.mentor[np.minimum(low, last)] == mentors)

    def row_max(self, adepts: IntArray) -> IntArray:
        """Each adept's best score (-1 where no pair is allowed): the pool keeps the best."""
        best = np.full(self.n_adepts, -1, dtype=np.int64)
        nonempty = np.flatnonzero(np.diff(self.indptr) > 0)
        if len(nonempty):
            # Each segment runs from a non-empty adept's first pair to the next one's.
            best[nonempty] = np.maximum.reduceat(self.units, self.indptr[nonempty])
        return best[np.asarray(adepts, dtype=np.int64)]

    # Walking the pairs ------------------------------------------------------------

    def blocks(self) -> Iterator[tuple[IntArray, IntArray, NDArray[np.int16]]]:
        """(adept, mentor, score) of the kept pairs, a block of whole adepts at a time."""
        start = 0
        while start < self.n_adepts:
            end = int(np.searchsorted(self.indptr, self.indptr[start] + ENTRY_BLOCK, "right"))
            end = min(max(end - 1, start + 1), self.n_adepts)
            first, last = int(self.indptr[start]), int(self.indptr[end])
            adepts = np.repeat(np.arange(start, end), np.diff(self.indptr[start : end + 1]))
            yield adepts, self.mentor[first:last].astype(np.int64), self.units[first:last]
            start = end

    def pairs_at_least(
        self, adepts: IntArray, threshold: int
    ) -> Iterator[tuple[IntArray, IntArray, NDArray[np.integer]]]:
        """(position among ``adepts``, mentor, score) of these adepts' pairs scored at least
        ``threshold`` (> -1), positions ascending: from the pool where the adept's bound is
        below it, else from its row scored again."""
        adepts = np.asarray(adepts, dtype=np.int64)
        again = self.bound[adepts] >= threshold
        per = max(1, self.entries // max(self.n_adepts, 1))
        step = max(1, min(READ_PAIRS // max(self.n_mentors, 1), ENTRY_BLOCK // per))
        for s in range(0, len(adepts), step):
            local = np.arange(s, min(s + step, len(adepts)))
            kept, read = local[~again[local]], local[again[local]]
            positions, counts = self._positions(adepts[kept])
            values = self.units[positions]
            keep = values >= threshold
            found = [(np.repeat(kept, counts)[keep], self.mentor[positions][keep].astype(np.int64))]
            scores: list[NDArray[np.integer]] = [values[keep]]
            if len(read):
                block = self.read_rows(adepts[read])
                rows, mentors = np.nonzero(block >= threshold)
                found.append((read[rows], mentors.astype(np.int64)))
                scores.append(block[rows, mentors])
            rows = np.concatenate([r for r, _m in found])
            order = np.argsort(rows, kind="stable")
            yield (
                rows[order],
                np.concatenate([m for _r, m in found])[order],
                np.concatenate(scores)[order],
            )

    def _positions(self, adepts: IntArray) -> tuple[IntArray, IntArray]:
        """The positions of these adepts' kept pairs, in order, and how many each has."""
        counts = self.indptr[adepts + 1] - self.indptr[adepts]
        positions = np.repeat(self.indptr[adepts] - np.cumsum(counts) + counts, counts)
        positions += np.arange(int(counts.sum()))
        return positions, counts

    # Narrower pools ----------------------------------------------------------------

    def subset(self, adepts: IntArray) -> ScorePool:
        """The pool of these adepts only, indexed as they are listed."""
        adepts = np.asarray(adepts, dtype=np.int64)
        positions, counts = self._positions(adepts)
        parent = self.read_rows
        return ScorePool(
            mentor=self.mentor[positions],
            units=self.units[positions],
            indptr=_indptr(counts),
            bound=self.bound[adepts],
            n_mentors=self.n_mentors,
            read_rows=lambda rows: parent(adepts[rows]),
        )

    def floored(self, floor: int) -> ScorePool:
        """The pool with every pair scored below ``floor`` read as forbidden."""
        if floor <= 0:
            return self
        keep = self.units >= floor
        parent = self.read_rows

        def read(rows: IntArray) -> NDArray[np.integer]:
            block = parent(rows)
            block[block < floor] = -1
            return block

        return ScorePool(
            mentor=self.mentor[keep],
            units=self.units[keep],
            indptr=self._indptr_keeping(keep),
            bound=np.where(self.bound >= floor, self.bound, -1).astype(np.int16),
            n_mentors=self.n_mentors,
            read_rows=read,
        )

    def at_least(self, least: IntArray) -> ScorePool:
        """The pool with each adept's kept pairs scored below ``least`` (per adept) left
        out: its bound rises to the best of them."""
        keep = np.empty(self.entries, dtype=np.bool_)
        bound = self.bound.astype(np.int64)
        for adepts, _mentors, values in self.blocks():
            if not len(adepts):
                continue
            first = int(self.indptr[adepts[0]])
            kept = values >= least[adepts]
            keep[first : first + len(kept)] = kept
            # The best pair left out of each adept's (contiguous) run of pairs.
            starts = np.flatnonzero(np.r_[True, adepts[1:] != adepts[:-1]])
            left_out = np.maximum.reduceat(np.where(kept, -1, values), starts)
            owners = adepts[starts]
            bound[owners] = np.maximum(bound[owners], left_out)
        return ScorePool(
            mentor=self.mentor[keep],
            units=self.units[keep],
            indptr=self._indptr_keeping(keep),
            bound=bound.astype(np.int16),
            n_mentors=self.n_mentors,
            read_rows=self.read_rows,
        )

    def kth_best(self, k: int) -> IntArray:
        """Each adept's k-th best kept score (-1 where it keeps fewer than k pairs)."""
        out = np.full(self.n_adepts, -1, dtype=np.int64)
        for adepts, _mentors, values in self.blocks():
            if not len(adepts):
                continue
            # By adept, then best first: a key per pair, sorted within the block.
            key = (adepts << 16) | (np.int64(0x7FFF) - values.astype(np.int64))
            key.sort()
            first = int(self.indptr[adepts[0]])
            owners = np.unique(adepts)
            enough = np.diff(self.indptr)[owners] >= k
            at = self.indptr[owners[enough]] - first + k - 1
            out[owners[enough]] = np.int64(0x7FFF) - (key[at] & 0xFFFF)
        return out

    def with_pairs(
        self, adepts: IntArray, mentors: IntArray, units: NDArray[np.integer]
    ) -> ScorePool:
        """The pool with these allowed pairs kept as well (a bound stays a bound); only the
        pairs it lacks are inserted, each at its place."""
        adepts = np.asarray(adepts, dtype=np.int64)
        mentors = np.asarray(mentors, dtype=np.int64)
        position, found = self._find(adepts, mentors)
        new = np.flatnonzero(~found)
        new = new[np.unique(adepts[new] * self.n_mentors + mentors[new], return_index=True)[1]]
        at = position[new]  # its place among its adept's pairs
        added = np.bincount(adepts[new], minlength=self.n_adepts)
        return ScorePool(
            mentor=np.insert(self.mentor, at, mentors[new].astype(np.int32)),
            units=np.insert(self.units, at, np.asarray(units, dtype=np.int16)[new]),
            indptr=self.indptr + np.concatenate([[0], np.cumsum(added)]),
            bound=self.bound,
            n_mentors=self.n_mentors,
            read_rows=self.read_rows,
        )

    def _indptr_keeping(self, keep: NDArray[np.bool_]) -> IntArray:
        """Where each adept's pairs start once only the ``keep`` ones are kept."""
        return np.concatenate([[0], np.cumsum(keep)]).astype(np.int64)[self.indptr]


def _indptr(counts: IntArray) -> IntArray:
    """Where each adept's pairs start, from how many each has (and where the last ends)."""
    return np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)


def pool_of_blocks(
    n_adepts: int,
    n_mentors: int,
    per_adept: int,
    blocks: Iterator[tuple[IntArray, NDArray[np.integer]]],
    read_rows: RowReader,
) -> ScorePool:
    """The pool of a cohort scored block by block: ``blocks`` gives (adepts, their rows)
    in order, each row negative where a hard rule forbids the pair."""
    per_adept = max(1, min(per_adept, n_mentors))
    mentors: list[NDArray[np.int32]] = []
    units: list[NDArray[np.integer]] = []
    counts = np.zeros(n_adepts, dtype=np.int64)
    bound = np.full(n_adepts, -1, dtype=np.int16)
    for adepts, block in blocks:
        if per_adept < n_mentors:
            # The per_adept best of each row, and the best of the rest beside them.
            part = np.argpartition(block, n_mentors - per_adept - 1, axis=1)
            best = part[:, n_mentors - per_adept :]
            rest = part[:, n_mentors - per_adept - 1]
            bound[adepts] = np.maximum(block[np.arange(len(adepts)), rest], -1)
        else:
            best = np.broadcast_to(np.arange(n_mentors), (len(adepts), n_mentors))
        best = np.sort(best, axis=1)
        values = np.take_along_axis(block, best, axis=1)
        allowed = values >= 0
        counts[adepts] = allowed.sum(axis=1)
        mentors.append(best[allowed].astype(np.int32))
        units.append(values[allowed].astype(np.int16))
    return ScorePool(
        mentor=np.concatenate(mentors) if mentors else np.zeros(0, dtype=np.int32),
        units=np.concatenate(units) if units else np.zeros(0, dtype=np.int16),
        indptr=_indptr(counts),
        bound=bound,
        n_mentors=n_mentors,
        read_rows=read_rows,
    )

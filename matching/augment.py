"""Shortest augmenting paths with prices on the candidate graph: the proof's own solver,
and the re-solve of a what-if from an earlier optimum.

Columns are the mentors (each with its places) and one "no mentor" option per
adept. Adepts first take their cheapest column where it has a place; each adept
left over is then matched along the cheapest path of moves, found by Dijkstra on
reduced costs that the prices keep non-negative (the Hungarian method). One search
per adept, so it ends on any input, and its prices prove the result optimal on the
graph (see matching.proof). A place is never given up, so a column with a free
place is never searched through and keeps price zero.

A what-if ("this adept with that mentor") changes an optimum a little: the adept and
one place of the mentor leave the problem, the place the adept held is free, and if the
mentor was full one of its adepts must move. :func:`reassigned` starts from the earlier
assignment and prices: each freed place whose price is below zero is filled or priced
zero by one search *backwards* (which adept moves into it, which into the place that one
leaves, ... until a place may stay free), and each adept without a column by one search
forwards, as above. A few searches instead of one per adept.
"""

from __future__ import annotations

import heapq

import numpy as np

from .proof import CandidateGraph, IntArray, Prices

# A column's place left free is priced zero: in the backward search, the cost of ending
# at a column is minus its price (the "sink" below).
_SINK = -1


class _Network:
    """The graph as Python lists, with the assignment and the column prices."""

    def __init__(self, graph: CandidateGraph) -> None:
        n, n_mentors = graph.n_adepts, graph.n_mentors
        rows = np.concatenate([graph.adept, np.arange(n)])
        order = np.argsort(rows, kind="stable")
        column = np.concatenate([graph.mentor, n_mentors + np.arange(n)])[order]
        cost = np.concatenate([graph.cost, np.full(n, graph.no_mentor_cost)])[order]
        self.n, self.n_mentors = n, n_mentors
        self.columns, self.costs = column.tolist(), cost.tolist()
        self.start = np.searchsorted(rows[order], np.arange(n + 1)).tolist()
        self.places = [*graph.capacity.tolist(), *([1] * n)]
        self.price = [0] * len(self.places)
        self.column_of, self.own_cost = [-1] * n, [0] * n
        self.holders: list[list[int]] = [[] for _ in self.places]
        self._by_column: tuple[list[list[int]], list[list[int]]] | None = None
        self._rows_sorted = rows[order], column

    def take(self, row: int, column: int, cost: int) -> None:
        self.column_of[row], self.own_cost[row] = column, cost
        self.holders[column].append(row)

    def u(self, row: int) -> int:
        return self.own_cost[row] - self.price[self.column_of[row]]

    def cost_of(self, row: int, column: int) -> int | None:
        for k in range(self.start[row], self.start[row + 1]):
            if self.columns[k] == column:
                return self.costs[k]
        return None

    def forward(self, source: int) -> None:
        """Matches ``source`` (without a column) along the cheapest path of moves."""
        columns, costs, price = self.columns, self.costs, self.price
        edges = range(self.start[source], self.start[source + 1])
        u_source = min(costs[k] - price[columns[k]] for k in edges)
        dist: dict[int, int] = {}
        via: dict[int, tuple[int, int]] = {}  # column -> (row moving into it, that pair's cost)
        heap: list[tuple[int, int]] = []
        for k in edges:
            column, d = columns[k], costs[k] - u_source - price[columns[k]]
            if d < dist.get(column, d + 1):
                dist[column], via[column] = d, (source, costs[k])
                heapq.heappush(heap, (d, column))
        done: list[int] = []
        scanned: set[int] = set()
        while True:
            d, column = heapq.heappop(heap)
            if column in scanned or d > dist[column]:
                continue
            if len(self.holders[column]) < self.places[column]:
                end, shortest = column, d
                break
            scanned.add(column)
            done.append(column)
            # Each adept in this column may move on, freeing its place.
            for row in self.holders[column]:
                u_row = self.own_cost[row] - price[column]
                for k in range(self.start[row], self.start[row + 1]):
                    nxt = columns[k]
                    if nxt in scanned:
                        continue
                    nd = d + costs[k] - u_row - price[nxt]
                    if nd < dist.get(nxt, nd + 1):
                        dist[nxt], via[nxt] = nd, (row, costs[k])
                        heapq.heappush(heap, (nd, nxt))
        for column in done:
            price[column] -= shortest - dist[column]
        column = end
        while True:
            row, cost = via[column]
            previous = self.column_of[row]
            if row != source:
                self.holders[previous].remove(row)
            self.take(row, column, cost)
            if row == source:
                break
            column = previous

    def backward(self, freed: int) -> None:
        """Fills or prices zero a free place of column ``freed`` whose price is below zero:
        Dijkstra from it over "an adept moves into this column, freeing its own", ending
        where a place may stay free at price zero (cost: minus that column's price)."""
        costs_of, adepts_of = self._column_lists()
        price = self.price
        dist = {freed: 0}
        via: dict[int, tuple[int, int, int]] = {}  # column left -> (row, column it moves to, cost)
        heap: list[tuple[int, int, int]] = [(0, freed, freed)]
        done: list[int] = []
        scanned: set[int] = set()
        while True:
            d, column, end = heapq.heappop(heap)
            if column == _SINK:
                shortest = d
                break
            if column in scanned or d > dist[column]:
                continue
            scanned.add(column)
            done.append(column)
            heapq.heappush(heap, (d - price[column], _SINK, column))
            for i in range(len(adepts_of[column])):
                row = adepts_of[column][i]
                left = self.column_of[row]
                if left == column or left < 0 or left in scanned:
                    continue
                nd = d + costs_of[column][i] - self.u(row) - price[column]
                if nd < dist.get(left, nd + 1):
                    dist[left], via[left] = nd, (row, column, costs_of[column][i])
                    heapq.heappush(heap, (nd, left, left))
        for column in done:
            price[column] += shortest - dist[column]
        column = end
        while column != freed:
            row, into, cost = via[column]
            self.holders[column].remove(row)
            self.take(row, into, cost)
            column = into

    def _column_lists(self) -> tuple[list[list[int]], list[list[int]]]:
        """Per column: the costs and the adepts of its edges (the graph read by column)."""
        if self._by_column is None:
            rows, column = self._rows_sorted
            order = np.argsort(column, kind="stable")
            bounds = np.searchsorted(column[order], np.arange(len(self.places) + 1)).tolist()
            cost, row = np.asarray(self.costs)[order].tolist(), rows[order].tolist()
            spans = [(bounds[c], bounds[c + 1]) for c in range(len(self.places))]
            self._by_column = ([cost[a:b] for a, b in spans], [row[a:b] for a, b in spans])
        return self._by_column

    def result(self) -> tuple[IntArray, Prices]:
        assigned = np.array(self.column_of, dtype=np.int64)
        v = np.array(self.price, dtype=np.int64)
        u = np.array(self.own_cost, dtype=np.int64) - v[assigned]
        mentor_of = np.where(assigned < self.n_mentors, assigned, -1)
        return mentor_of, Prices(adept=u, mentor=v[: self.n_mentors], no_mentor=v[self.n_mentors :])


def shortest_augmenting_paths(graph: CandidateGraph) -> tuple[IntArray, Prices]:
    """The optimal assignment on the graph (mentor per adept, -1 for none) and its prices."""
    net = _Network(graph)
    left = []
    taken = [0] * len(net.places)
    # Each adept in turn takes its cheapest column if a place is left: at prices zero
    # these pairs are all at their price.
    for row in range(net.n):
        k = min(range(net.start[row], net.start[row + 1]), key=net.costs.__getitem__)
        column = net.columns[k]
        if taken[column] < net.places[column]:
            taken[column] += 1
            net.take(row, column, net.costs[k])
        else:
            left.append(row)
    for source in left:
        net.forward(source)
    return net.result()


def reassigned(
    graph: CandidateGraph, mentor_of: IntArray, prices: Prices
) -> tuple[IntArray, Prices]:
    """The optimal assignment on the graph from an earlier optimum of a problem a little
    different: ``mentor_of`` per adept (-1: no mentor, -2: no column yet) and ``prices``
    (only the mentors' and the "no mentor" options' are read) proven for the earlier
    problem on every pair of this graph. Mentors given more adepts than places lose the
    last ones, who search again; each place left free at a price below zero is searched
    backwards. The caller checks the result (proof.graph_failure)."""
    net = _Network(graph)
    net.price = [*prices.mentor.tolist(), *prices.no_mentor.tolist()]
    searching = []
    for row, mentor in enumerate(mentor_of.tolist()):
        column = net.n_mentors + row if mentor == -1 else mentor
        cost = None if mentor == -2 else net.cost_of(row, column)
        if cost is None:
            searching.append(row)
        elif len(net.holders[column]) < net.places[column]:
            net.take(row, column, cost)
        else:
            searching.append(row)
    for column in range(net.n_mentors):
        while len(net.holders[column]) < net.places[column] and net.price[column] < 0:
            net.backward(column)
    for row in range(net.n):
        # A "no mentor" option nobody takes is priced zero.
        column = net.n_mentors + row
        if not net.holders[column]:
            net.price[column] = 0
    for source in searching:
        net.forward(source)
    return net.result()

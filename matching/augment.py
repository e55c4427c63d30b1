"""Shortest augmenting paths with prices on the candidate graph: the proof's own solver.

Columns are the mentors (each with its places) and one "no mentor" option per
adept. Adepts first take their cheapest column where it has a place; each adept
left over is then matched along the cheapest path of moves, found by Dijkstra on
reduced costs that the prices keep non-negative (the Hungarian method). One search
per adept, so it ends on any input, and its prices prove the result optimal on the
graph (see matching.proof). A place is never given up, so a column with a free
place is never searched through and keeps price zero.
"""

from __future__ import annotations

import heapq

import numpy as np

from .proof import CandidateGraph, IntArray, Prices


def shortest_augmenting_paths(graph: CandidateGraph) -> tuple[IntArray, Prices]:
    """The optimal assignment on the graph (mentor per adept, -1 for none) and its prices."""
    n, n_mentors = graph.n_adepts, graph.n_mentors
    rows = np.concatenate([graph.adept, np.arange(n)])
    order = np.argsort(rows, kind="stable")
    columns = np.concatenate([graph.mentor, n_mentors + np.arange(n)])[order].tolist()
    costs = np.concatenate([graph.cost, np.full(n, graph.no_mentor_cost)])[order].tolist()
    start = np.searchsorted(rows[order], np.arange(n + 1)).tolist()
    places = [*graph.capacity.tolist(), *([1] * n)]
    price = [0] * len(places)
    column_of, own_cost, left = _cheapest_first(start, columns, costs, places)
    holders: list[list[int]] = [[] for _ in places]
    for row, column in enumerate(column_of):
        if column >= 0:
            holders[column].append(row)

    for source in left:
        edges = range(start[source], start[source + 1])
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
            if len(holders[column]) < places[column]:
                end, shortest = column, d
                break
            scanned.add(column)
            done.append(column)
            # Each adept in this column may move on, freeing its place.
            for row in holders[column]:
                u_row = own_cost[row] - price[column]
                for k in range(start[row], start[row + 1]):
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
            previous = column_of[row]
            column_of[row], own_cost[row] = column, cost
            holders[column].append(row)
            if row == source:
                break
            holders[previous].remove(row)
            column = previous

    assigned = np.array(column_of, dtype=np.int64)
    v = np.array(price, dtype=np.int64)
    u = np.array(own_cost, dtype=np.int64) - v[assigned]
    mentor_of = np.where(assigned < n_mentors, assigned, -1)
    return mentor_of, Prices(adept=u, mentor=v[:n_mentors], no_mentor=v[n_mentors:])


def _cheapest_first(
    start: list[int], columns: list[int], costs: list[int], places: list[int]
) -> tuple[list[int], list[int], list[int]]:
    """Each adept in turn takes its cheapest column if a place is left: (column per adept,
    its cost, the adepts left over). At prices zero these pairs are all at their price."""
    n = len(start) - 1
    column_of, own_cost, left = [-1] * n, [0] * n, []
    taken = [0] * len(places)
    for row in range(n):
        k = min(range(start[row], start[row + 1]), key=costs.__getitem__)
        column = columns[k]
        if taken[column] < places[column]:
            taken[column] += 1
            column_of[row], own_cost[row] = column, costs[k]
        else:
            left.append(row)
    return column_of, own_cost, left

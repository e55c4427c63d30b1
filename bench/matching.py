"""Benchmark of the matching: scoring and solving synthetic cohorts (a script, not a test).

    .venv/bin/python bench/matching.py                 # 200, 2,000, 5,000, 10,000 adepts
    .venv/bin/python bench/matching.py --sizes 200 2000 --repeat 5
    .venv/bin/python bench/matching.py --csv --sizes 1500 5000   # match --scores-out's writer

Each size runs in a fresh process (so that peak memory is that size's own), several
times; the figures are medians. Synthetic cohorts: 10 municipalities, mentor
capacities 1–2, about 5 % excluded pairs, random leader profiles and wishes.

For each size: time to score and to solve, peak memory (RSS) of the process, the
solver's total as a share of an independent exact optimum on the same score matrix,
and the same share for a greedy "best pair first" baseline. Hard rules are checked.

The solver is matching.solver.solve_certified: SciPy's sparse LAPJVsp
(min_weight_full_bipartite_matching) on each adept's best candidates, proven optimal
against every allowed pair with the assignment's dual prices (widening where that
fails). The independent optimum is SciPy's dense linear_sum_assignment on the full
matrix (matching.solver.solve, what the coordinator's page uses).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matching import export, scoring, solver

MUNICIPALITIES = 10
EXCLUDED_SHARE = 0.05
MENTORS_PER_ADEPT = 0.75  # with capacity 1–2, about 1.1 places per adept
DEFAULT_SIZES = [200, 2_000, 5_000, 10_000]
# The independent check holds every allowed pair in memory (about 8 GB at 20,000 adepts);
# above this size it is skipped unless --check-up-to asks for it.
INDEPENDENT_MAX = 10_000


def synthetic(n_adepts: int, seed: int) -> scoring.ScoringInput:
    rng = np.random.default_rng(seed)
    n_mentors = max(1, round(n_adepts * MENTORS_PER_ADEPT))
    needs, dims = 8, 4
    n_excluded = int(EXCLUDED_SHARE * n_adepts * n_mentors)
    # Drawn with replacement and deduplicated: choice(replace=False) would hold a
    # permutation of every pair (2.4 GB at 20,000 adepts).
    flat = np.unique(rng.integers(0, n_adepts * n_mentors, size=n_excluded))
    travel = rng.integers(10, 120, size=(MUNICIPALITIES, MUNICIPALITIES)).astype(np.float32)
    travel = np.minimum(travel, travel.T)
    np.fill_diagonal(travel, 0)
    return scoring.ScoringInput(
        adept_ids=np.arange(n_adepts, dtype=np.int64),
        mentor_ids=np.arange(n_mentors, dtype=np.int64),
        adept_person=np.arange(n_adepts, dtype=np.int64),
        mentor_person=np.arange(n_adepts, n_adepts + n_mentors, dtype=np.int64),
        adept_municipality=rng.integers(0, MUNICIPALITIES, n_adepts),
        mentor_municipality=rng.integers(0, MUNICIPALITIES, n_mentors),
        adept_years=rng.integers(0, 6, n_adepts),
        mentor_years=rng.integers(3, 25, n_mentors),
        adept_needs=rng.random((n_adepts, needs)) < 0.3,
        mentor_strengths=rng.random((n_mentors, needs)) < 0.4,
        adept_dims=rng.random((n_adepts, dims)).astype(np.float32),
        mentor_dims=rng.random((n_mentors, dims)).astype(np.float32),
        dim_complement=np.array([False, False, True, False]),
        adept_wished_area=rng.integers(-1, 6, n_adepts),
        mentor_area=rng.integers(0, 6, n_mentors),
        adept_meeting=rng.integers(0, 3, n_adepts),
        mentor_meeting=rng.integers(0, 3, n_mentors),
        adept_languages=rng.integers(0, 4, n_adepts),
        mentor_languages=rng.integers(1, 8, n_mentors),
        travel_minutes=travel,
        weights={"needs": 3, "dimensions": 3, "wishes": 2, "experience": 1, "travel": 1},
        mentor_capacity=rng.integers(1, 3, n_mentors),
        require_other_municipality=True,
        excluded_adepts=(flat // n_mentors).astype(np.int64),
        excluded_mentors=(flat % n_mentors).astype(np.int64),
    )


def independent_optimum(units: NDArray[np.integer], capacity: NDArray[np.int64]) -> tuple[int, int]:
    """(matched, total) by a different exact method: SciPy's dense linear_sum_assignment
    on the full matrix with every mentor place as a column (matching.solver.solve)."""
    solution = solver.solve(units, None, capacity)
    return solution.matched, solution.total_units


# Above this size the greedy baseline looks at each adept's best GREEDY_TOP mentors only
# (a global sort of every pair, walked in Python, takes minutes and GB).
GREEDY_FULL_MAX = 5_000
GREEDY_TOP = 64


def greedy(units: NDArray[np.integer], capacity: NDArray[np.int64]) -> tuple[int, int]:
    """Best pair first: take the highest-scoring allowed pair whose adept and mentor are free."""
    if units.shape[0] > GREEDY_FULL_MAX:
        a, m = solver._top_candidates(units, GREEDY_TOP)
    else:
        a, m = np.nonzero(units >= 0)
    order = np.argsort(-units[a, m], kind="stable")
    left = np.array(capacity, dtype=np.int64)
    taken = np.zeros(units.shape[0], dtype=bool)
    total = matched = 0
    for i in order.tolist():
        adept, mentor = a[i], m[i]
        if not taken[adept] and left[mentor] > 0:
            taken[adept] = True
            left[mentor] -= 1
            total += int(units[adept, mentor])
            matched += 1
    return matched, total


class FallbackCount(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def one_run(n_adepts: int, seed: int, check_up_to: int) -> dict[str, float]:
    inp = synthetic(n_adepts, seed)
    started, started_cpu = time.perf_counter(), time.process_time()
    units = scoring.unit_matrix(inp)
    scored, scored_cpu = time.perf_counter(), time.process_time()
    # The solver logs each time a proof falls back (shortest augmenting paths or dense).
    fallbacks = FallbackCount()
    logging.getLogger(solver.__name__).addHandler(fallbacks)
    logging.getLogger(solver.__name__).setLevel(logging.INFO)
    solution = solver.solve_certified(units, None, inp.mentor_capacity)
    solved, solved_cpu = time.perf_counter(), time.process_time()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    used = np.bincount([m for _a, m in solution.pairs], minlength=inp.n_mentors)
    broken = int((used > inp.mentor_capacity).sum()) + sum(
        1
        for a, m in solution.pairs
        if units[a, m] < 0 or inp.adept_municipality[a] == inp.mentor_municipality[m]
    )
    result = {
        "adepts": n_adepts,
        "mentors": inp.n_mentors,
        "score_s": scored - started,
        "solve_s": solved - scored,
        "score_cpu_s": scored_cpu - started_cpu,
        "solve_cpu_s": solved_cpu - scored_cpu,
        "peak_mb": peak_mb,
        "matched": solution.matched,
        "total": solution.total_units / solver.UNITS_PER_POINT,
        "broken_rules": broken,
        "certificate_rounds": solution.rounds,
        "fallbacks": fallbacks.count,
    }
    greedy_matched, greedy_total = greedy(units, inp.mentor_capacity)
    result["greedy_matched"] = greedy_matched
    if n_adepts <= check_up_to:
        ind_matched, ind_total = independent_optimum(units, inp.mentor_capacity)
        result["independent_matched"] = ind_matched
        result["share_of_optimum"] = solution.total_units / ind_total
        result["greedy_share"] = greedy_total / ind_total
        result["same_matched"] = ind_matched == solution.matched
    else:
        result["greedy_share_of_solver"] = greedy_total / solution.total_units
    return result


def csv_run(n_adepts: int, seed: int) -> dict[str, float]:
    """The CSV of every pair (`match --scores-out`) written to /dev/null: time, then the
    writer's own peak of allocations in a second, traced run."""
    inp = synthetic(n_adepts, seed)
    units = scoring.unit_matrix(inp)
    with open(os.devnull, "wb") as out:
        started = time.perf_counter()
        rows = export.scores_csv_write(inp=inp, units=units, out=out)
        elapsed = time.perf_counter() - started
        tracemalloc.start()
        export.scores_csv_write(inp=inp, units=units, out=out)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return {"rows": rows, "csv_s": elapsed, "writer_peak_mb": peak / 2**20}


def csv_main(sizes: list[int], repeat: int) -> None:
    print("| adepts | rows | seconds | rows per second | writer's peak MB |")
    print("|---:|---:|---:|---:|---:|")
    for size in sizes:
        runs = [
            json.loads(
                subprocess.run(
                    [sys.executable, __file__, "--one-csv", str(size), "--seed", str(seed)],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            for seed in range(repeat)
        ]
        seconds = statistics.median(r["csv_s"] for r in runs)
        rows = runs[0]["rows"]
        peak = statistics.median(r["writer_peak_mb"] for r in runs)
        print(f"| {size:,} | {rows:,} | {seconds:.2f} | {rows / seconds:,.0f} | {peak:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-check", action="store_true", help="Skip the independent optimum.")
    parser.add_argument(
        "--check-up-to",
        type=int,
        default=INDEPENDENT_MAX,
        help="Largest size that gets the independent dense optimum (it needs memory).",
    )
    parser.add_argument("--csv", action="store_true", help="Time the --scores-out writer.")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--one-csv", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.one, args.seed, 0 if args.no_check else args.check_up_to)))
        return
    if args.one_csv:
        print(json.dumps(csv_run(args.one_csv, args.seed)))
        return
    if args.csv:
        csv_main(args.sizes, args.repeat)
        return
    print(
        "| adepts | mentors | scoring s (CPU) | solving s (CPU) | peak MB | matched "
        "| % of optimum | greedy % | hard rules broken | certificate rounds | fallbacks |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        runs = []
        for seed in range(args.repeat):
            command = [sys.executable, __file__, "--one", str(size), "--seed", str(seed)]
            if args.no_check or seed > 0:
                command.append("--no-check")  # the check once per size is enough
            else:
                command += ["--check-up-to", str(args.check_up_to)]
            output = subprocess.run(command, capture_output=True, text=True, check=True)
            runs.append(json.loads(output.stdout))
        first = runs[0]
        median = {
            k: statistics.median(r[k] for r in runs)
            for k in ("score_s", "solve_s", "score_cpu_s", "solve_cpu_s", "peak_mb")
        }
        share = f"{100 * first['share_of_optimum']:.4f}" if "share_of_optimum" in first else "n/a"
        greedy_share = (
            f"{100 * first['greedy_share']:.2f}"
            if "greedy_share" in first
            else f"{100 * first['greedy_share_of_solver']:.2f}"
        )
        print(
            f"| {size:,} | {first['mentors']:,} "
            f"| {median['score_s']:.2f} ({median['score_cpu_s']:.2f}) "
            f"| {median['solve_s']:.2f} ({median['solve_cpu_s']:.2f}) "
            f"| {median['peak_mb']:.0f} | {first['matched']:,} | {share} | {greedy_share} "
            f"| {sum(r['broken_rules'] for r in runs)} "
            f"| {max(r['certificate_rounds'] for r in runs)} "
            f"| {sum(r['fallbacks'] for r in runs)} |",
            flush=True,
        )


if __name__ == "__main__":
    main()

"""Benchmark of the two objectives: best total against "no weak pair" (a script, not a test).

    .venv/bin/python bench/objectives.py                       # 2,000 and 5,000 adepts
    .venv/bin/python bench/objectives.py --sizes 2000 --repeat 3 --check

The cohorts are bench/matching.py's (10 municipalities, mentors 0.75 × adepts with 1–2
places, about 5 % excluded pairs), seeds 0, 1, 2…, each run in a fresh process. On the
same int16 scores (``scoring.unit_matrix``), timed apart:

- **best total**: ``solver.solve_certified``, what a run of a large cohort solves;
- **no weak pair**: ``bottleneck.solve_no_weak_pair`` given that best-total optimum (the
  threshold search and the certified solve above the threshold); the objective's whole
  time is the two together, since the search starts from the best total.

With ``--check`` (first seed only), SciPy's dense ``linear_sum_assignment`` on the pairs
at or above the threshold (``solver.solve``) must give the same number matched and total,
and one hundredth above the threshold fewer adepts matched.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.matching import synthetic  # noqa: E402
from matching import bottleneck, scoring, solver  # noqa: E402

DEFAULT_SIZES = [2_000, 5_000]


def one_run(n_adepts: int, seed: int, check: bool) -> dict[str, float | int | bool | None]:
    inp = synthetic(n_adepts, seed)
    units = scoring.unit_matrix(inp)
    capacity = inp.mentor_capacity
    started, cpu = time.perf_counter(), time.process_time()
    best = solver.solve_certified(units, None, capacity)
    best_seconds, best_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    optima = bottleneck.solve_no_weak_pair(units, capacity, best=best)
    extra_seconds, extra_cpu = time.perf_counter() - started, time.process_time() - cpu
    before = bottleneck.Figures.of(optima.best_total, units)
    after = bottleneck.Figures.of(optima.no_weak_pair, units)
    result: dict[str, float | int | bool | None] = {
        "mentors": inp.n_mentors,
        "best_seconds": best_seconds,
        "extra_seconds": extra_seconds,
        "best_cpu": best_cpu,
        "extra_cpu": extra_cpu,
        "checks": optima.checks,
        "matched": after.matched,
        "same_matched": after.matched == before.matched,
        "lowest_before": before.lowest_units,
        "lowest_after": after.lowest_units,
        "total_cost": before.total_units - after.total_units,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "dense_agrees": None,
    }
    if check and after.lowest_units is not None:
        at = solver.solve(
            np.where(units >= after.lowest_units, units, solver.FORBIDDEN), None, capacity
        )
        above = solver.solve(
            np.where(units > after.lowest_units, units, solver.FORBIDDEN), None, capacity
        )
        result["dense_agrees"] = (at.matched, at.total_units) == (
            after.matched,
            after.total_units,
        ) and above.matched < after.matched
    return result


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(float(r[key]) for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="Dense check on the first seed.")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.one, args.seed, args.check)))
        return
    print(
        "| adepts | mentors | best total s [CPU] | no weak pair s [CPU] (of which the search and"
        " solve above the threshold) | threshold checks"
        " | lowest pair: best total → no weak pair | total given up | peak MB | same matched"
        " | dense check |"
    )
    print("|---:|---:|---:|---:|---:|---|---:|---:|---|---|")
    for size in args.sizes:
        runs = []
        for seed in range(args.repeat):
            command = [sys.executable, __file__, "--one", str(size), "--seed", str(seed)]
            if args.check and seed == 0:
                command.append("--check")
            output = subprocess.run(command, capture_output=True, text=True, check=True)
            runs.append(json.loads(output.stdout.strip().splitlines()[-1]))
            print(f"  seed {seed}: {runs[-1]}", file=sys.stderr)
        best, extra = _median(runs, "best_seconds"), _median(runs, "extra_seconds")
        both = statistics.median(float(r["best_seconds"]) + float(r["extra_seconds"]) for r in runs)
        best_cpu, extra_cpu = _median(runs, "best_cpu"), _median(runs, "extra_cpu")
        both_cpu = statistics.median(float(r["best_cpu"]) + float(r["extra_cpu"]) for r in runs)
        lowest = ", ".join(
            f"{r['lowest_before'] / 100:.2f} → {r['lowest_after'] / 100:.2f}" for r in runs
        )
        cost = ", ".join(f"{int(r['total_cost']) / 100:.2f}" for r in runs)
        checked = [r["dense_agrees"] for r in runs if r["dense_agrees"] is not None]
        print(
            f"| {size:,} | {runs[0]['mentors']:,} | {best:.2f} [{best_cpu:.2f}] "
            f"| {both:.2f} [{both_cpu:.2f}] ({extra:.2f} [{extra_cpu:.2f}]) "
            f"| {_median(runs, 'checks'):.0f} | {lowest} | {cost} "
            f"| {_median(runs, 'peak_mb'):,.0f} "
            f"| {'yes' if all(r['same_matched'] for r in runs) else 'NO'} "
            f"| {('yes' if all(checked) else 'NO') if checked else '–'} |"
        )


if __name__ == "__main__":
    main()

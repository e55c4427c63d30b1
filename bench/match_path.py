"""Benchmark of the matching on the path people run: a cohort in the database to its proposals.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/match_path.py --sizes 5000 20000 --repeat 3 --what-if

For each size, a PostgreSQL database ``mentorship_bench_match_<size>`` (another prefix with
``--database-prefix``) on the given server holds one cohort built with the project's own
models (tables made from the models, as in bench/load.py): ``size`` adepts and 0.75 ×
``size`` mentors with 1–2 places, 10 municipalities with travel times, a leader profile of
four scale questions (one dimension of complement) and a needs question of eight options,
answered by everyone, and a few exclusions. It is built once and reused (``--rebuild``
builds it again; so does a model's new column).

Each run is a fresh process that times what "Run the matching" starts,
``long_runs.match_run_request``: a small cohort's run made at once, a large one's queued and
computed by the task's ``long_runs.match_run_compute`` (here, in the same process): candidates
and profiles read from the database, scoring, the certified solve of the cohort's objective,
the reasons of the unmatched, the run and its proposals with their explanations saved, then
the other objective's figures added to the done run (``runs.match_run_compare``). All in a
transaction rolled back afterwards, so that the next run finds the same cohort. The run's
time and peak memory (the process's maximum resident set size, ``ru_maxrss``) are read when
the run is done, before the other objective, which is timed apart. Then, in the same process
and on the same scores, the dense anchor: SciPy's ``linear_sum_assignment`` over every mentor
place (``solver.solve``), timed, with the process's peak RSS after it, and checked to reach
the best total's number matched and total. The figures are medians of the runs (the anchor
runs on the first ``--anchor-runs``). With ``--what-if``, the first run also times the
review page's "What would it cost?" (``match_pair_cost``) for a pair the run did not
propose, after the run (from the run's kept optimum), then the same computed cold, and
checks that both answer alike.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MUNICIPALITIES = 10
MENTORS_PER_ADEPT = 0.75
NEEDS = [f"Behov {i}" for i in range(8)]
DIMENSIONS = ["Förändring", "Relationer", "Struktur", "Strategi"]
COMPLEMENT = "Struktur"
WORK_AREAS = ["Äldreomsorg", "Skola", "Teknik", "Ekonomi", "HR", "Kultur"]
LANGUAGES = ["svenska", "svenska, engelska", "svenska, finska", "engelska"]
EXCLUSIONS_PER_ADEPT = 0.01
EXCLUSION_REASON = "relative"
COHORT_NAME = "Bench {size}"

T = TypeVar("T")


# The databases' names are this prefix and the size (``--database-prefix``).
DATABASE_PREFIX = "mentorship_bench_match_"


def database_name(prefix: str, size: int) -> str:
    return f"{prefix}{size}"


def child_env(admin_url: str, prefix: str, size: int) -> dict[str, str]:
    env = dict(os.environ)
    parts = urlparse(admin_url)
    env["DATABASE_URL"] = urlunparse(parts._replace(path=f"/{database_name(prefix, size)}"))
    env["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    env.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
    return env


def ensure_database(admin_url: str, prefix: str, size: int, rebuild: bool) -> None:
    """Creates and fills the size's database unless it already holds the cohort."""
    import psycopg

    name = database_name(prefix, size)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            conn.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    env = child_env(admin_url, prefix, size)
    subprocess.run([sys.executable, __file__, "--build", str(size)], env=env, check=True)


def build(size: int) -> None:
    """The cohort of ``size`` adepts, with the project's models (skipped if it is there)."""
    import datetime

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", run_syncdb=True, verbosity=0)
    if not _tables_match_models():
        # Built before a model gained a column: the tables (and the cohort) made afresh.
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        call_command("migrate", run_syncdb=True, verbosity=0)
    from accounts.models import User
    from matching.models import (
        ChoicePurpose,
        CohortMatching,
        Dimension,
        DimensionMode,
        Exclusion,
        ProfileAnswer,
        Question,
        QuestionKind,
        Questionnaire,
        TravelTime,
    )
    from programmes.models import (
        Cohort,
        Enrolment,
        EnrolmentStatus,
        MeetingPreference,
        Municipality,
        Programme,
        Role,
    )

    if Cohort.objects.filter(name=COHORT_NAME.format(size=size)).exists():
        return
    started = time.monotonic()
    rng = random.Random(size)
    with transaction.atomic():
        municipalities = Municipality.objects.bulk_create(
            Municipality(name=f"Kommun {i:02d}", code=f"{2000 + i:04d}")
            for i in range(MUNICIPALITIES)
        )
        TravelTime.objects.bulk_create(
            TravelTime(origin=a, destination=b, minutes=rng.randrange(10, 120))
            for i, a in enumerate(municipalities)
            for b in municipalities[i + 1 :]
        )
        programme = Programme.objects.create(
            name="Mentorprogram", mentor_from_other_municipality=True
        )
        today = datetime.date.today()
        cohort = Cohort.objects.create(
            programme=programme,
            name=COHORT_NAME.format(size=size),
            starts_on=today,
            ends_on=today + datetime.timedelta(days=300),
        )
        CohortMatching.objects.create(
            cohort=cohort, profiles_opened_at=datetime.datetime.now(datetime.UTC)
        )
        questionnaire = Questionnaire.objects.create(programme=programme)
        scale = []
        for position, name in enumerate(DIMENSIONS):
            mode = DimensionMode.COMPLEMENT if name == COMPLEMENT else DimensionMode.SIMILAR
            dimension = Dimension.objects.create(
                questionnaire=questionnaire, name=name, mode=mode, position=position
            )
            scale.append(
                Question.objects.create(
                    questionnaire=questionnaire,
                    kind=QuestionKind.SCALE,
                    text=f"Påstående om {name.lower()}",
                    dimension=dimension,
                    position=position,
                )
            )
        needs = Question.objects.create(
            questionnaire=questionnaire,
            kind=QuestionKind.CHOICE,
            text="Vad vill du utveckla?",
            mentor_text="Vad kan du bidra med?",
            purpose=ChoicePurpose.NEEDS,
            options="\n".join(NEEDS),
            position=len(scale),
        )
        n_mentors = round(size * MENTORS_PER_ADEPT)
        people = User.objects.bulk_create(
            (
                User(email=f"deltagare{i}@bench.se", full_name=f"Deltagare {i}", password="!")
                for i in range(size + n_mentors)
            ),
            batch_size=2000,
        )
        preferences = [
            MeetingPreference.EITHER,
            MeetingPreference.IN_PERSON,
            MeetingPreference.DIGITAL,
        ]
        enrolments = []
        for i, person in enumerate(people):
            adept = i < size
            enrolments.append(
                Enrolment(
                    person=person,
                    cohort=cohort,
                    role=Role.ADEPT if adept else Role.MENTOR,
                    status=EnrolmentStatus.ADMITTED,
                    municipality=rng.choice(municipalities),
                    title="Enhetschef",
                    work_area="" if adept else rng.choice(WORK_AREAS),
                    wished_work_area=rng.choice(["", *WORK_AREAS]) if adept else "",
                    years_as_manager=rng.randrange(0, 6) if adept else rng.randrange(3, 25),
                    meeting_preference=rng.choice(preferences),
                    languages=rng.choice(LANGUAGES),
                    mentor_capacity=1 if adept else rng.randrange(1, 3),
                )
            )
        enrolments = Enrolment.objects.bulk_create(enrolments, batch_size=2000)
        answers = []
        for enrolment in enrolments:
            for question in scale:
                answers.append(
                    ProfileAnswer(
                        enrolment=enrolment, question=question, scale_value=rng.randrange(1, 6)
                    )
                )
            picked = [n for n in NEEDS if rng.random() < 0.35] or [rng.choice(NEEDS)]
            answers.append(ProfileAnswer(enrolment=enrolment, question=needs, choices=picked))
        ProfileAnswer.objects.bulk_create(answers, batch_size=5000)
        adepts, mentors = enrolments[:size], enrolments[size:]
        excluded = {
            (rng.randrange(size), rng.randrange(n_mentors))
            for _ in range(int(EXCLUSIONS_PER_ADEPT * size))
        }
        Exclusion.objects.bulk_create(
            Exclusion(cohort=cohort, adept=adepts[a], mentor=mentors[m], reason=EXCLUSION_REASON)
            for a, m in sorted(excluded)
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"built {size} adepts in {time.monotonic() - started:.0f} s", file=sys.stderr)


def _tables_match_models() -> bool:
    """Whether every model's table has each of the model's columns (tables are made from
    the models once, and a database built before a schema change is reused)."""
    from django.apps import apps
    from django.db import connection

    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        for model in apps.get_models():
            if model._meta.db_table not in tables:
                continue
            described = connection.introspection.get_table_description(cursor, model._meta.db_table)
            columns = {column.name for column in described}
            if any(f.column not in columns for f in model._meta.local_concrete_fields):
                return False
    return True


def timed(name: str, times: dict[str, float], func: Callable[..., T]) -> Callable[..., T]:
    """``func`` itself, its wall-clock time added to ``times[name]`` (a stopwatch, no change)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        started = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            times[name] = times.get(name, 0.0) + time.perf_counter() - started

    return wrapper


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def what_if_figures(cohort: Any, comp: Any) -> dict[str, Any]:
    """The review page's "What would it cost?" for the first adept and a mentor the run did
    not propose to them, after the run and before it is rolled back (as on the page: from
    the run's kept optimum), then the same computed cold, to check the answer against."""
    from matching.services import runs

    adept = comp.candidates.adepts[0]
    proposed = comp.solution.mentor_of().get(0)
    allowed = [int(m) for m in (comp.units[0] >= 0).nonzero()[0] if int(m) != proposed]
    mentor = comp.candidates.mentors[allowed[0]]
    result: dict[str, Any] = {}
    started = time.perf_counter()
    cost = runs.match_pair_cost(cohort=cohort, adept=adept, mentor=mentor)
    result["what_if_s"] = time.perf_counter() - started
    result["what_if_difference"] = cost.difference
    result["what_if_warm"] = bool(cohort.match_runs.exclude(solve_state=b"").exists())
    kept_optimum = runs._pair_cost_from_latest_run
    runs._pair_cost_from_latest_run = lambda *args: None
    try:
        started = time.perf_counter()
        cold = runs.match_pair_cost(cohort=cohort, adept=adept, mentor=mentor)
        result["what_if_cold_s"] = time.perf_counter() - started
    finally:
        runs._pair_cost_from_latest_run = kept_optimum
    result["what_if_same"] = cold == cost
    return result


def one_run(size: int, anchor: bool, what_if: bool) -> dict[str, Any]:
    import django

    django.setup()
    from django.db import transaction

    from matching import scoring, solver
    from matching.services import long_runs, runs
    from programmes.models import Cohort

    cohort = Cohort.objects.select_related("programme").get(name=COHORT_NAME.format(size=size))
    # Stopwatches on the stages the service calls; the service itself runs unchanged.
    stages: dict[str, float] = {}
    scoring.cohort_units = timed("scoring", stages, scoring.cohort_units)
    solver.solve_certified = timed("solving", stages, solver.solve_certified)
    runs.match_run_fill = timed("saving", stages, runs.match_run_fill)
    seen: dict[str, Any] = {}
    compare = runs.match_run_compare

    def compared(*, run: Any, computation: runs.Computation) -> Any:
        # The run is done when its task starts on the other objective's figures.
        seen["done_at"], seen["done_cpu"] = time.perf_counter(), time.process_time()
        seen["done_mb"] = peak_rss_mb()
        solving = stages.get("solving", 0.0)
        try:
            return compare(run=run, computation=computation)
        finally:
            seen["compare_s"] = time.perf_counter() - seen["done_at"]
            seen["compare_solving_s"] = stages.get("solving", 0.0) - solving

    runs.match_run_compare = compared
    compute = runs.match_compute

    def computed(**kwargs: Any) -> runs.Computation:
        seen["comp"] = compute(**kwargs)
        return seen["comp"]

    runs.match_compute = computed
    before_mb = peak_rss_mb()
    with transaction.atomic():
        # What the coordinator's "Run the matching" starts: small cohorts at once, large
        # ones as a task (run here, in this process, as the embedded default does).
        started, started_cpu = time.perf_counter(), time.process_time()
        run = long_runs.match_run_request(cohort=cohort, actor=None, unfinished="refuse")
        if run.stage == "queued":
            run = long_runs.match_run_compute(run_id=run.pk)
        finished = time.perf_counter()
        proposals = run.proposals.count()
        figures = dict(run.figures)
        # The run's stopwatches and peak, before a what-if adds to them.
        run_stages, after_compare_mb = dict(stages), peak_rss_mb()
        asked = what_if_figures(cohort, seen["comp"]) if what_if else {}
        if what_if:
            asked["what_if_peak_mb"] = peak_rss_mb()
        transaction.set_rollback(True)
    comp = seen["comp"]
    done_at = seen.get("done_at", finished)
    result: dict[str, Any] = {
        "adepts": comp.inp.n_adepts,
        "mentors": comp.inp.n_mentors,
        # Until the run is done with its proposals (a large run's other objective after).
        "seconds": done_at - started,
        # The process's CPU time: on a shared machine, the figure that load moves least.
        "cpu_s": seen.get("done_cpu", time.process_time()) - started_cpu,
        "scoring_s": run_stages.get("scoring", 0.0),
        "solving_s": run_stages.get("solving", 0.0) - seen.get("compare_solving_s", 0.0),
        "save_s": run_stages.get("saving", 0.0),
        "peak_mb": seen.get("done_mb", after_compare_mb),
        "compare_s": seen.get("compare_s", 0.0),
        "peak_after_compare_mb": after_compare_mb,
        "start_mb": before_mb,
        "matched": comp.solution.matched,
        "total": comp.solution.total_units,
        "proposals": proposals,
        "objectives": sorted(figures),
        "rounds": getattr(comp.solution, "rounds", 0),
        **asked,
    }
    if anchor:
        started = time.perf_counter()
        dense = solver.solve(comp.units, None, comp.inp.mentor_capacity)
        result["anchor_s"] = time.perf_counter() - started
        result["anchor_peak_mb"] = peak_rss_mb()
        result["anchor_same"] = (dense.matched, dense.total_units) == (
            comp.best_total.matched,
            comp.best_total.total_units,
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--anchor-runs", type=int, default=1, help="Runs with the dense anchor.")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument(
        "--database-prefix",
        default=DATABASE_PREFIX,
        help="The cohorts' databases are named this and the size.",
    )
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--anchor", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--what-if", action="store_true", help='Also time "What would it cost?" once per size.'
    )
    args = parser.parse_args()
    if args.build:
        build(args.build)
        return
    if args.one:
        print(json.dumps(one_run(args.one, args.anchor, args.what_if)))
        return
    admin_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    print(
        "| adepts | mentors | end to end s (CPU) | scoring s | solving s | saving s | peak RSS MB "
        "| other objective s | peak RSS after it MB | dense anchor s | peak RSS after anchor MB "
        "| same optimum |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for size in args.sizes:
        ensure_database(admin_url, args.database_prefix, size, args.rebuild)
        results = []
        for index in range(args.repeat):
            command = [sys.executable, __file__, "--one", str(size)]
            if index < args.anchor_runs:
                command.append("--anchor")
            if args.what_if and index == 0:
                command.append("--what-if")
            output = subprocess.run(
                command,
                env=child_env(admin_url, args.database_prefix, size),
                capture_output=True,
                text=True,
            )
            if output.returncode:
                sys.stderr.write(output.stderr)
                raise SystemExit(output.returncode)
            results.append(json.loads(output.stdout.strip().splitlines()[-1]))
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)
        keys = ("seconds", "cpu_s", "scoring_s", "solving_s", "save_s", "peak_mb", "compare_s")
        med = {key: statistics.median(r[key] for r in results) for key in keys}
        med["after_mb"] = statistics.median(r["peak_after_compare_mb"] for r in results)
        anchored = [r for r in results if "anchor_s" in r]
        anchor = (
            f"| {statistics.median(r['anchor_s'] for r in anchored):.1f} "
            f"| {statistics.median(r['anchor_peak_mb'] for r in anchored):,.0f} "
            f"| {'yes' if all(r['anchor_same'] for r in anchored) else 'NO'} |"
            if anchored
            else "| n/a | n/a | n/a |"
        )
        first = results[0]
        if "what_if_s" in first:
            print(
                f"What would it cost? {first['what_if_s']:.1f} s"
                f" ({'from the kept optimum' if first.get('what_if_warm') else 'cold'});"
                f" computed cold: {first.get('what_if_cold_s', float('nan')):.1f} s;"
                f" same answer: {'yes' if first.get('what_if_same') else 'NO'};"
                f" peak RSS after both: {first.get('what_if_peak_mb', float('nan')):,.0f} MB",
                file=sys.stderr,
            )
        print(
            f"| {first['adepts']:,} | {first['mentors']:,} "
            f"| {med['seconds']:.1f} ({med['cpu_s']:.1f}) "
            f"| {med['scoring_s']:.1f} | {med['solving_s']:.1f} | {med['save_s']:.1f} "
            f"| {med['peak_mb']:,.0f} | {med['compare_s']:.1f} | {med['after_mb']:,.0f} " + anchor,
            flush=True,
        )


if __name__ == "__main__":
    main()

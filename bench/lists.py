"""Benchmark of the lists that find and act: each list page with 1,000 rows, on PostgreSQL.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/lists.py [--rows 1000] [--repeat 7]

Makes a throw-away database ``bench_lists`` on DATABASE_URL's server (tables straight from
the models), one coordinator, and for each list in :data:`LISTS` a cohort with ``--rows``
rows and one with 10. It signs the coordinator in and asks for each list page through
Django's test client (URL, middleware, view, template: the code path users run), a warm-up
and then ``--repeat`` times, beside the trivial page (the accessibility statement) as the
baseline. Prints, per list and query: the median time, its ratio to the baseline's, the
queries at 10 rows and at ``--rows`` rows (they must be equal), and the process's peak
memory. Production settings (DEBUG off). Target: each list page under 300 ms at 1,000 rows.

Another part's list joins the bench by adding a :class:`BenchList` to :data:`LISTS`: a
name, a ``setup(bench, rows)`` that builds a list of that many rows and returns what the
URL needs, the URL builder, and the queries to time (filters as a GET string).
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Production settings, as the server runs them; the bench's settings make tables from models.
for name, value in {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DEBUG": "false",
    "SECRET_KEY": "bench-" + "k" * 60,
    "ALLOWED_HOSTS": "testserver",
    "SECURE_SSL_REDIRECT": "false",
    "ALLOW_LOCAL_CACHE_IN_PRODUCTION": "true",
    "ALLOW_CONSOLE_EMAIL_IN_PRODUCTION": "true",
    "LOG_LEVEL": "WARNING",
    "SERVICE_OWNER": "Bänkkommunen",
    "ACCESSIBILITY_CONTACT_EMAIL": "tillganglighet@bench.example",
}.items():
    os.environ[name] = value

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from common.lists import PAGE_SIZES  # noqa: E402

if TYPE_CHECKING:
    from accounts.models import User
    from programmes.models import Cohort, Municipality, Programme

BENCH_DB = "bench_lists"
SMALL = 10
TARGET_MS = 300
MUNICIPALITIES = ("Håbo", "Enköping", "Knivsta", "Upplands Väsby", "Östhammar")


@dataclass
class Bench:
    """What every list's setup builds on: the coordinator, their programme, the towns."""

    coordinator: User
    programme: Programme
    municipalities: list[Municipality]
    serial: int = 0

    def cohort(self, name: str) -> Cohort:
        from programmes.models import Cohort

        self.serial += 1
        today = timezone.localdate()
        return Cohort.objects.create(
            programme=self.programme,
            name=f"{name} {self.serial}",
            starts_on=today + datetime.timedelta(days=30),
            ends_on=today + datetime.timedelta(days=400),
            applications_open_on=today - datetime.timedelta(days=10),
            applications_close_on=today + datetime.timedelta(days=20),
            mentor_places=2000,
            adept_places=2000,
        )

    def enrol(self, cohort: Cohort, rows: int, status: str) -> list[Any]:
        """``rows`` people in ``cohort``: adepts and mentors from five towns, a third of them
        still waiting for the manager's consent."""
        from programmes.models import EnrolmentStatus, Role
        from tests.programmes.lists_data import people_enrol

        groups = [
            (municipality, role, complete)
            for municipality in self.municipalities
            for role in Role
            for complete in (True, True, status == EnrolmentStatus.ADMITTED)
        ]
        made: list[Any] = []
        for i, (municipality, role, complete) in enumerate(groups):
            count = rows // len(groups) + (1 if i < rows % len(groups) else 0)
            made += people_enrol(
                cohort,
                count,
                municipality=municipality,
                status=status,
                role=role,
                complete=complete,
                prefix="Person",
            )
        return made


@dataclass(frozen=True)
class BenchList:
    name: str
    # Builds a list of ``rows`` rows; returns what ``url`` needs (here the cohort).
    setup: Callable[[Bench, int], Any]
    url: Callable[[Any], str]
    # GET strings to time, each a row of the table: the plain list, then filtered ones.
    queries: Sequence[str] = ("",)


def applications_setup(bench: Bench, rows: int) -> Cohort:
    from programmes.models import EnrolmentStatus
    from tests.programmes.lists_data import consent_ask

    cohort = bench.cohort("Ansökningar")
    for i, enrolment in enumerate(bench.enrol(cohort, rows, EnrolmentStatus.APPLIED)):
        if enrolment.completed_at is None:
            consent_ask(enrolment, days_ago=i % 12)
    return cohort


def participants_setup(bench: Bench, rows: int) -> Cohort:
    """Admitted participants; the programme's leader profile has three required questions,
    which every other participant has answered."""
    from matching.models import Dimension, ProfileAnswer, Question, QuestionKind, Questionnaire
    from programmes.models import EnrolmentStatus

    cohort = bench.cohort("Deltagare")
    enrolments = bench.enrol(cohort, rows, EnrolmentStatus.ADMITTED)
    questionnaire, created = Questionnaire.objects.get_or_create(programme=bench.programme)
    if created:
        dimension = Dimension.objects.create(questionnaire=questionnaire, name="Ledarskap")
        Question.objects.bulk_create(
            Question(
                questionnaire=questionnaire,
                kind=QuestionKind.SCALE,
                dimension=dimension,
                text=text,
                position=i,
            )
            for i, text in enumerate(("Jag leder förändring", "Jag planerar", "Jag lyssnar"))
        )
    questions = list(questionnaire.questions.all())
    ProfileAnswer.objects.bulk_create(
        ProfileAnswer(enrolment=enrolment, question=question, scale_value=3)
        for i, enrolment in enumerate(enrolments)
        if i % 2 == 0
        for question in questions
    )
    return cohort


def registrations_setup(bench: Bench, rows: int) -> Any:
    """A leader day with ``rows`` registrations: every other person answered the open
    form's municipality, the others are found by their place in the programme; a third came."""
    from events.models import Audience, Event, EventKind, EventRegistration
    from programmes.models import EnrolmentStatus

    enrolments = bench.enrol(bench.cohort("Ledardag"), rows, EnrolmentStatus.ADMITTED)
    starts = timezone.now() + datetime.timedelta(days=14)
    event = Event.objects.create(
        programme=bench.programme,
        kind=EventKind.LEADER_DAY,
        title=f"Ledardag {rows}",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=6),
        place="Bålsta",
        capacity=rows + 10,
        audience=Audience.MANAGERS,
    )
    EventRegistration.objects.bulk_create(
        EventRegistration(
            event=event,
            person_id=enrolment.person_id,
            municipality=enrolment.municipality if i % 2 else None,
            attended=i % 3 == 0,
        )
        for i, enrolment in enumerate(enrolments)
    )
    return event


def pairs_setup(bench: Bench, rows: int) -> Cohort:
    """A pairs cohort of ``rows`` pairs: two meetings held and one planned each; every
    tenth has had two reminders since (needs attention), every seventh a "does not work"."""
    from pairs.models import FitAnswer, Meeting, MeetingMode, MeetingStatus, Pair, PairNudge
    from programmes.models import EnrolmentStatus

    cohort = bench.cohort("Par")
    enrolments = bench.enrol(cohort, 2 * rows, EnrolmentStatus.ADMITTED)
    pairs = Pair.objects.bulk_create(
        Pair(cohort=cohort, mentor=enrolments[2 * i], adept=enrolments[2 * i + 1])
        for i in range(rows)
    )
    now = timezone.now()
    Meeting.objects.bulk_create(
        Meeting(
            pair=pair,
            starts_at=now + datetime.timedelta(days=days),
            minutes=60,
            held_minutes=60 if days < 0 else None,
            mode=MeetingMode.IN_PERSON,
            place="Bålsta",
            status=MeetingStatus.HELD if days < 0 else MeetingStatus.PLANNED,
        )
        for pair in pairs
        for days in (-90, -40, 20)
    )
    PairNudge.objects.bulk_create(
        PairNudge(pair=pair, number=number) for pair in pairs[::10] for number in (1, 2)
    )
    FitAnswer.objects.bulk_create(
        FitAnswer(pair=pair, person_id=pair.adept.person_id, works=i % 7 != 0)
        for i, pair in enumerate(pairs)
    )
    return cohort


# The largest page a user can choose.
LARGEST = f"per_page={PAGE_SIZES[-1]}"


def _cohort_url(name: str) -> Callable[[Cohort], str]:
    return lambda cohort: reverse(name, args=[cohort.pk])


LISTS: list[BenchList] = [
    BenchList(
        "applications",
        applications_setup,
        _cohort_url("programmes:cohort_applications"),
        ("", LARGEST, "q=person&consent=waiting&sort=-applied&per_page=100"),
    ),
    BenchList(
        "participants",
        participants_setup,
        _cohort_url("programmes:cohort_participants"),
        ("", LARGEST, "profile=missing&role=adept&sort=municipality&per_page=100"),
    ),
    BenchList(
        "registrations",
        registrations_setup,
        lambda event: reverse("events:event_attendance", args=[event.pk]),
        ("", LARGEST, "q=person&status=registered&attended=no&sort=-municipality"),
    ),
    BenchList(
        "pairs",
        pairs_setup,
        _cohort_url("pairs:cohort_health"),
        ("", LARGEST, "attention=1&sort=-last_meeting", "fit=no&q=person&sort=-held"),
    ),
]


def bench_world() -> Bench:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from accounts.models import User
    from programmes.models import Membership, Municipality, Programme

    coordinator = User.objects.create_user(
        email="samordnare@bench.se", full_name="Sara Samordnare", password="!"
    )
    TOTP.activate(coordinator, generate_totp_secret())
    programme = Programme.objects.create(name="Mentorprogrammet")
    programme.coordinators.add(coordinator)
    municipalities = [
        Municipality.objects.create(name=name, code=f"{9100 + i}")
        for i, name in enumerate(MUNICIPALITIES)
    ]
    for municipality in municipalities:
        Membership.objects.create(
            programme=programme, municipality=municipality, joined_on=datetime.date(2024, 1, 1)
        )
    return Bench(coordinator=coordinator, programme=programme, municipalities=municipalities)


def timed(client: Client, url: str, repeat: int) -> tuple[float, float]:
    """The median milliseconds of ``repeat`` answers to ``url`` after one warm-up: wall clock,
    and this process's CPU time (which other work on a busy machine does not inflate; the
    database's own time is in the wall clock only)."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--language", default="sv")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a PostgreSQL server (loopback).")
    # Static files as files: the bench does not run collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    connection.settings_dict["TEST"].update({"MIGRATE": False, "NAME": BENCH_DB})
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(args: argparse.Namespace) -> None:
    started = time.perf_counter()
    bench = bench_world()
    built = [(entry, entry.setup(bench, SMALL), entry.setup(bench, args.rows)) for entry in LISTS]
    # Fresh tables have no planner statistics yet; a running server's autovacuum keeps them.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"data built in {time.perf_counter() - started:.1f} s")
    client = Client(HTTP_ACCEPT_LANGUAGE=args.language)
    client.force_login(bench.coordinator)
    baseline, baseline_cpu = timed(client, reverse("programmes:accessibility"), args.repeat)
    print(f"{args.rows} rows per list; medians of {args.repeat} runs after a warm-up")
    print(f"baseline (accessibility statement): {baseline:.1f} ms (CPU {baseline_cpu:.1f} ms)")
    print(f"load average before: {' '.join(f'{n:.1f}' for n in os.getloadavg())}\n")
    print(
        f"| list | query | ms at {args.rows:,} rows (CPU) | × baseline | queries at 10 "
        f"| at {args.rows:,} |"
    )
    print("|---|---|---:|---:|---:|---:|")
    failed = []
    for entry, small, large in built:
        for query in entry.queries:
            small_url = entry.url(small) + (f"?{query}" if query else "")
            large_url = entry.url(large) + (f"?{query}" if query else "")
            ms, cpu = timed(client, large_url, args.repeat)
            at_small, at_large = queries(client, small_url), queries(client, large_url)
            print(
                f"| {entry.name} | `{query or '(none)'}` | {ms:.0f} ({cpu:.0f}) "
                f"| {ms / baseline:.1f} | {at_small} | {at_large} |"
            )
            if ms > TARGET_MS or at_large > at_small:
                failed.append(f"{entry.name} {query}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (RSS): {peak:.0f} MB")
    print(f"load average after: {' '.join(f'{n:.1f}' for n in os.getloadavg())}")
    if failed:
        print(f"over {TARGET_MS} ms or queries growing with the rows: {', '.join(failed)}")
        sys.exit(1)
    print(f"every list page under {TARGET_MS} ms, queries constant: OK")


if __name__ == "__main__":
    main()

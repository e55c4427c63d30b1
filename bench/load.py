"""Load benchmark: wrk against gunicorn with PostgreSQL, the demo scaled to 50 municipalities.

    DATABASE_URL=postgres://user@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python bench/load.py [--seconds 20] [--users 20,100] [--repeat 3] [--workers 5]

Creates a throw-away database ``mentorship_bench`` on the given server (the tables are
made from the models, so it runs before the lead has regenerated migrations), fills it
with 50 municipalities, 2,000 pairs with three meetings each, coordinators and contacts,
signs a sample of them in, starts gunicorn on a free loopback port with production
settings, and runs wrk (Debian package ``wrk``) for each number of concurrent users:
the usual mix, the pair page alone and /healthz as the trivial page, taking turns,
``--repeat`` times each. Prints the medians as a Markdown table for bench/README.md,
with each kind's throughput against the trivial page's. Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BENCH_DB = "mentorship_bench"
MUNICIPALITIES = 50
PAIRS = 2000
PROGRAMMES = 5
COHORTS_PER_PROGRAMME = 2
MEETINGS_PER_PAIR = 3
SIGNED_IN_PARTICIPANTS = 400
CSRF = "benchcsrftoken0123456789abcdefgh"  # 32 characters, the unmasked form Django accepts
# The share of each kind of request in the mix, as in a normal day.
MIX = {"pair_page": 40, "meeting_log": 10, "cohort_overview": 25, "municipality_view": 25}

LUA = r"""
local lines = {}
function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  for line in io.lines(args[1]) do
    local method, path, cookie, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    local headers = {["Cookie"] = cookie, ["Host"] = "127.0.0.1"}
    if method == "POST" then
      headers["Content-Type"] = "application/x-www-form-urlencoded"
      headers["X-CSRFToken"] = "@@CSRF@@"
      headers["Referer"] = "http://127.0.0.1/"
      table.insert(lines, wrk.format(method, path, headers, body))
    else
      table.insert(lines, wrk.format(method, path, headers))
    end
  end
  counter = math.random(#lines)
end
function request()
  counter = counter % #lines + 1
  return lines[counter]
end
function done(summary, latency, requests)
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50=%d p95=%d p99=%d " ..
    "status=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end
""".replace("@@CSRF@@", CSRF)


@dataclass
class Result:
    name: str
    users: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def loopback_only(url: str) -> None:
    host = urlparse(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"Only loopback addresses: {url}")


def server_env(database_url: str, redis_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "k" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "ALLOW_CONSOLE_EMAIL_IN_PRODUCTION": "true",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def fresh_database(admin_url: str) -> str:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {BENCH_DB}")
    parsed = urlparse(admin_url)
    return urlunparse(parsed._replace(path=f"/{BENCH_DB}"))


def build(env: dict[str, str], requests_file: Path) -> None:
    """Runs in a child process with the server's settings: schema, data, sessions, request list."""
    subprocess.run(
        [sys.executable, __file__, "--build-into", str(requests_file)],
        env=env,
        cwd=ROOT,
        check=True,
    )


def _build_data(requests_file: Path) -> None:
    import datetime

    import django

    django.setup()
    from allauth.mfa.models import Authenticator
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone

    from accounts.models import User
    from pairs.models import Meeting, Pair
    from programmes.models import (
        Cohort,
        Enrolment,
        EnrolmentStatus,
        Membership,
        Municipality,
        Programme,
        Role,
    )

    started = time.monotonic()
    call_command("migrate", run_syncdb=True, verbosity=0)
    rng = random.Random(2026)
    municipalities = Municipality.objects.bulk_create(
        Municipality(name=f"Kommun {i:02d}", code=f"{1000 + i:04d}") for i in range(MUNICIPALITIES)
    )
    contacts = User.objects.bulk_create(
        User(email=f"kontakt{i}@bench.se", full_name=f"Kontakt {i}", password="!")
        for i in range(MUNICIPALITIES)
    )
    for municipality, contact in zip(municipalities, contacts, strict=True):
        municipality.contacts.add(contact)
    coordinators = User.objects.bulk_create(
        User(email=f"samordnare{i}@bench.se", full_name=f"Samordnare {i}", password="!")
        for i in range(PROGRAMMES)
    )
    Authenticator.objects.bulk_create(
        Authenticator(user=user, type=Authenticator.Type.TOTP, data={"secret": "bench"})
        for user in [*contacts, *coordinators]
    )
    today = timezone.localdate()
    cohorts = []
    for p in range(PROGRAMMES):
        programme = Programme.objects.create(name=f"Mentorprogram {p}")
        programme.coordinators.add(coordinators[p])
        Membership.objects.bulk_create(
            Membership(programme=programme, municipality=m, joined_on=datetime.date(2024, 1, 1))
            for m in municipalities
        )
        for c in range(COHORTS_PER_PROGRAMME):
            cohorts.append(
                Cohort.objects.create(
                    programme=programme,
                    name=f"Omgång {c}",
                    starts_on=today - datetime.timedelta(days=100 + c),
                    ends_on=today + datetime.timedelta(days=250 - c),
                )
            )
    pairs_per_cohort = PAIRS // len(cohorts)
    people = User.objects.bulk_create(
        User(email=f"deltagare{i}@bench.se", full_name=f"Deltagare {i}", password="!")
        for i in range(2 * PAIRS)
    )
    enrolments = []
    for index, cohort in enumerate(cohorts):
        for k in range(pairs_per_cohort):
            n = index * pairs_per_cohort + k
            home = rng.randrange(MUNICIPALITIES)
            away = (home + 1 + rng.randrange(MUNICIPALITIES - 1)) % MUNICIPALITIES
            for person, role, municipality in (
                (people[2 * n], Role.MENTOR, municipalities[away]),
                (people[2 * n + 1], Role.ADEPT, municipalities[home]),
            ):
                enrolments.append(
                    Enrolment(
                        person=person,
                        cohort=cohort,
                        role=role,
                        status=EnrolmentStatus.ADMITTED,
                        municipality=municipality,
                        title="Enhetschef",
                    )
                )
    enrolments = Enrolment.objects.bulk_create(enrolments, batch_size=1000)
    pairs = Pair.objects.bulk_create(
        (
            Pair(
                cohort=enrolments[2 * n].cohort,
                mentor=enrolments[2 * n],
                adept=enrolments[2 * n + 1],
            )
            for n in range(PAIRS)
        ),
        batch_size=1000,
    )
    now = timezone.now()
    meetings = Meeting.objects.bulk_create(
        (
            Meeting(
                pair=pair,
                starts_at=now + datetime.timedelta(days=30 * (i - 1), hours=pair.pk % 8),
                minutes=90,
                mode="in_person",
                place="Kommunhuset",
            )
            for pair in pairs
            for i in range(MEETINGS_PER_PAIR)
        ),
        batch_size=2000,
    )

    def session_cookie(user: User) -> str:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        return f"{settings.SESSION_COOKIE_NAME}={session.session_key}; csrftoken={CSRF}"

    lines: list[str] = []
    sample = rng.sample(range(PAIRS), SIGNED_IN_PARTICIPANTS // 2)
    participant_requests = []
    for n in sample:
        pair = pairs[n]
        first_meeting = meetings[n * MEETINGS_PER_PAIR]
        for person in (people[2 * n], people[2 * n + 1]):
            cookie = session_cookie(person)
            participant_requests.append(("pair_page", f"GET\t/pairs/{pair.pk}/\t{cookie}\t"))
            body = "outcome=held&held_minutes=80&notes=Vi+pratade+om+m%C3%A5len"
            participant_requests.append(
                ("meeting_log", f"POST\t/pairs/meetings/{first_meeting.pk}/log/\t{cookie}\t{body}")
            )
    coordinator_requests = [
        ("cohort_overview", f"GET\t/cohorts/{cohort.pk}/\t{session_cookie(coordinators[i // 2])}\t")
        for i, cohort in enumerate(cohorts)
    ]
    contact_requests = [
        ("municipality_view", f"GET\t/\t{session_cookie(contact)}\t") for contact in contacts
    ]
    by_kind: dict[str, list[str]] = {}
    for kind, line in participant_requests + coordinator_requests + contact_requests:
        by_kind.setdefault(kind, []).append(line)
    for kind, weight in MIX.items():
        lines.extend(rng.choice(by_kind[kind]) for _ in range(weight * 20))
    rng.shuffle(lines)
    requests_file.write_text("\n".join(lines) + "\n")
    requests_file.with_suffix(".pair").write_text("\n".join(by_kind["pair_page"]) + "\n")
    requests_file.with_suffix(".trivial").write_text(
        f"GET\t/healthz\t{lines[0].split(chr(9))[2]}\t\n"
    )
    print(
        f"Built {MUNICIPALITIES} municipalities, {len(cohorts)} cohorts, {len(pairs)} pairs, "
        f"{len(meetings)} meetings, {User.objects.count()} people in "
        f"{time.monotonic() - started:.0f} s",
        flush=True,
    )


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited before it answered")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def check_requests(base: str, requests: Path, rounds: int) -> None:
    """Sends each kind of request ``rounds`` times; stops when one does not answer as expected."""
    seen: dict[str, str] = {}
    for line in requests.read_text().splitlines():
        method, path, cookie, body = line.split("\t")
        seen.setdefault(f"{method} {path.split('/')[1]}", line)
    opener = urllib.request.build_opener(NoRedirect)
    for _ in range(rounds):
        for line in seen.values():
            method, path, cookie, body = line.split("\t")
            request = urllib.request.Request(
                base + path,
                data=body.encode() if method == "POST" else None,
                headers={
                    "Cookie": cookie,
                    "X-CSRFToken": CSRF,
                    "Referer": base + "/",
                    "Content-Type": "application/x-www-form-urlencoded",
                },
                method=method,
            )
            try:
                status = opener.open(request, timeout=120).status
            except urllib.error.HTTPError as error:
                status = error.code
            expected = 302 if method == "POST" else 200
            if status != expected:
                raise SystemExit(f"{method} {path} answered {status}, not {expected}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def settle(base: str, seconds: float = 300) -> None:
    """Waits until requests queued by the previous run are done, so runs do not overlap."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        with urllib.request.urlopen(f"{base}/healthz", timeout=120):
            pass
        if time.monotonic() - started < 1:
            return
    raise SystemExit("the server did not settle between runs")


def run_wrk(name: str, base: str, requests: Path, users: int, seconds: int, lua: Path) -> Result:
    settle(base)
    threads = min(users, os.cpu_count() or 2)
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{users}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-s",
            str(lua),
            base,
            "--",
            str(requests),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    match = re.search(r"RESULT (.*)", output.stdout)
    if output.returncode != 0 or not match:
        raise SystemExit(f"wrk failed ({output.returncode}):\n{output.stdout}\n{output.stderr}")
    values = {k: int(v) for k, v in (pair.split("=") for pair in match[1].split())}
    errors = sum(values[k] for k in ("status", "connect", "read", "write", "timeout"))
    return Result(
        name=name,
        users=users,
        rps=values["requests"] / (values["duration_us"] / 1e6),
        p50_ms=values["p50"] / 1000,
        p95_ms=values["p95"] / 1000,
        p99_ms=values["p99"] / 1000,
        errors=errors,
    )


def median_result(name: str, users: int, runs: list[Result]) -> Result:
    """The median of each figure over the runs; errors are summed."""
    return Result(
        name=name,
        users=users,
        rps=statistics.median(r.rps for r in runs),
        p50_ms=statistics.median(r.p50_ms for r in runs),
        p95_ms=statistics.median(r.p95_ms for r in runs),
        p99_ms=statistics.median(r.p99_ms for r in runs),
        errors=sum(r.errors for r in runs),
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--users", default="20,100")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each kind; medians")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--build-into", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_into:
        _build_data(Path(args.build_into))
        return

    admin_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if not admin_url.startswith("postgres") or not redis_url.startswith("redis"):
        raise SystemExit("Set DATABASE_URL (PostgreSQL) and REDIS_URL (both on loopback).")
    loopback_only(admin_url)
    loopback_only(redis_url)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    env = server_env(fresh_database(admin_url), redis_url)
    workdir = Path(tempfile.mkdtemp(prefix="mentorship-load-"))
    requests = workdir / "requests.tsv"
    lua = workdir / "mix.lua"
    lua.write_text(LUA)
    build(env, requests)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
    )

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (workdir / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "mentorship.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={args.workers}",
            "--worker-class=sync",
            "--backlog=2048",
            "--timeout=120",
            "--preload",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    results: list[Result] = []
    try:
        wait_until_up(f"{base}/healthz", server)
        # Every worker imports the URLconf and templates on its first requests: warm them,
        # and check on the way that the signed-in sessions really open the pages.
        check_requests(base, requests, rounds=3 * args.workers)
        run_wrk("warm-up", base, requests, 10, 10, lua)
        kinds = {
            "usual mix": requests,
            "pair page": requests.with_suffix(".pair"),
            "trivial (/healthz)": requests.with_suffix(".trivial"),
        }
        for users in [int(u) for u in args.users.split(",")]:
            runs: dict[str, list[Result]] = {name: [] for name in kinds}
            # The kinds take turns, so that a slow moment of the machine falls on all of them.
            for _round in range(args.repeat):
                for name, path in kinds.items():
                    runs[name].append(run_wrk(name, base, path, users, args.seconds, lua))
            results.extend(median_result(name, users, taken) for name, taken in runs.items())
    finally:
        server.terminate()
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    for r in results:
        print(r, flush=True)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"\ngunicorn {args.workers} sync workers, {os.cpu_count()} CPUs, {args.seconds} s per run, "
        f"median of {args.repeat} runs, load average at the end {load}\n"
    )
    print("| users | requests | req/s | p50 ms | p95 ms | p99 ms | errors | vs trivial |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for users in sorted({r.users for r in results}):
        trivial = next(r for r in results if r.users == users and r.name.startswith("trivial"))
        for r in (r for r in results if r.users == users):
            share = 100 * r.rps / trivial.rps if trivial.rps else 0
            print(
                f"| {users} | {r.name} | {r.rps:.0f} | {r.p50_ms:.0f} | {r.p95_ms:.0f} | "
                f"{r.p99_ms:.0f} | {r.errors} | {share:.0f} % |"
            )
    print(f"\nServer log: {workdir / 'gunicorn.log'}")


if __name__ == "__main__":
    main()

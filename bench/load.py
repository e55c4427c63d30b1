"""Load benchmark: wrk against gunicorn as docker-compose.yml runs it, on a consortium's full year.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python bench/load.py [--seconds 20] [--users 100,200] [--repeat 3]
        [--server gthread:2x4] [--quick] [--database i19pair_bench]

Creates a throw-away database (``--database``, ``mentorship_bench`` unless named) on the
given server (the tables are made from the models, so it runs before the lead has
regenerated migrations) and fills it with a year (``bench/year.py``: 400 pairs with 8
meetings each, goals with ratings, homework, reflections and agreements, 40 events with
2,364 registrations, a cohort with 700 applications). Then it starts gunicorn on a free
loopback port with the web service's command from docker-compose.yml (the same module,
worker class, workers, threads and timeout; ``--server`` tries another class and size)
and production settings, and runs wrk (Debian package ``wrk``) at each number of
concurrent users: the trivial page (/healthz), the pair page alone and the mixed
workload of participants, coordinators and contacts, taking turns, ``--repeat`` times
each. The mix's figures per page are the server's own (gunicorn's access log: from the
request read to the response written); wrk's figures include the wait for a free worker.
Prints the medians as Markdown tables for bench/README.md, with the machine's load.
``--quick`` is one short run at 100 users, for trying. Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse, urlunparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import year

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CSRF = "benchcsrftoken0123456789abcdefgh"  # 32 characters, the unmasked form Django accepts
# What the access log writes for each request, so that the mix is split by kind.
ACCESS_LOG_FORMAT = "BENCH %({x-bench-kind}i)s %(s)s %(D)s"
ACCESS_LINE = re.compile(r"^BENCH (.+) (\d{3}) (\d+)$")

LUA = r"""
local lines = {}
function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  for line in io.lines(args[1]) do
    local kind, method, path, cookie, body =
      line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    local headers = {["Cookie"] = cookie, ["Host"] = "127.0.0.1", ["X-Bench-Kind"] = kind}
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
    # The mix only: each kind's (requests, p50, p95, p99, errors) as the server timed them.
    kinds: dict[str, tuple[float, float, float, float, int]] = field(default_factory=dict)


@dataclass
class Server:
    """gunicorn's size: the worker class, workers and threads."""

    worker_class: str
    workers: int
    threads: int
    timeout: int

    def describe(self) -> str:
        if self.worker_class == "gthread":
            return f"gthread, {self.workers} workers × {self.threads} threads"
        return f"{self.worker_class}, {self.workers} workers"


def compose_server() -> tuple[list[str], Server]:
    """The web service's gunicorn command from docker-compose.yml, and its size."""
    import yaml

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    command = compose["services"]["web"]["command"]
    if isinstance(command, str):
        command = shlex.split(command)
    options = dict(arg[2:].split("=", 1) for arg in command if arg.startswith("--") and "=" in arg)
    server = Server(
        worker_class=options.get("worker-class", "sync"),
        workers=int(options.get("workers", 1)),
        threads=int(options.get("threads", 1)),
        timeout=int(options.get("timeout", 30)),
    )
    return command, server


def server_command(command: list[str], server: Server, port: int) -> list[str]:
    """The compose command with its size replaced by ``server``, bound to loopback, and an
    access log that names each request's kind and time."""
    sized = {"bind", "workers", "worker-class", "threads", "timeout", "access-logformat"}
    kept = [arg for arg in command[1:] if arg[2:].split("=", 1)[0] not in sized]
    return [
        str(BIN / command[0]),
        *kept,
        f"--bind=127.0.0.1:{port}",
        f"--worker-class={server.worker_class}",
        f"--workers={server.workers}",
        f"--threads={server.threads}",
        f"--timeout={server.timeout}",
        f"--access-logformat={ACCESS_LOG_FORMAT}",
    ]


def parse_server(value: str, default: Server) -> Server:
    """``sync:5`` or ``gthread:2x4`` (workers × threads)."""
    worker_class, _, size = value.partition(":")
    workers, _, threads = size.partition("x")
    return Server(
        worker_class=worker_class,
        workers=int(workers or default.workers),
        threads=int(threads or 1),
        timeout=default.timeout,
    )


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
        "SERVICE_OWNER": "Bench kommun",
        "ACCESSIBILITY_CONTACT_EMAIL": "tillganglighet@bench.se",
        "PYTHONPATH": str(ROOT),
    }


def fresh_database(admin_url: str, name: str) -> str:
    import psycopg

    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"Not a plain database name: {name}")
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    parsed = urlparse(admin_url)
    return urlunparse(parsed._replace(path=f"/{name}"))


def build(env: dict[str, str], requests_file: Path) -> None:
    """Runs in a child process with the server's settings: schema, data, sessions, request list."""
    subprocess.run(
        [sys.executable, __file__, "--build-into", str(requests_file)],
        env=env,
        cwd=ROOT,
        check=True,
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
        seen.setdefault(line.split("\t")[0], line)
    for _ in range(rounds):
        for line in seen.values():
            send(base, line)


def send(base: str, line: str) -> None:
    """Sends one request of a request list; stops when it does not answer as expected."""
    kind, method, path, cookie, body = line.split("\t")
    request = urllib.request.Request(
        base + path,
        data=body.encode() if method == "POST" else None,
        headers={
            "Cookie": cookie,
            "X-CSRFToken": CSRF,
            "Referer": base + "/",
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Bench-Kind": "check",
        },
        method=method,
    )
    try:
        status = urllib.request.build_opener(NoRedirect).open(request, timeout=120).status
    except urllib.error.HTTPError as error:
        status = error.code
    expected = 302 if method == "POST" else 200
    if status != expected:
        raise SystemExit(f"{kind}: {method} {path} answered {status}, not {expected}")


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


def run_wrk(
    name: str, base: str, requests: Path, users: int, seconds: int, lua: Path, log: Path
) -> Result:
    settle(base)
    start = log.stat().st_size
    threads = min(users, os.cpu_count() or 2)
    output = subprocess.run(
        [
            *("wrk", f"-t{threads}", f"-c{users}", f"-d{seconds}s", "--timeout", "30s"),
            *("-s", str(lua), base, "--", str(requests)),
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
        kinds=_by_kind(log, start),
    )


def _by_kind(log: Path, start: int) -> dict[str, tuple[float, float, float, float, int]]:
    """Each kind's count, p50, p95, p99 (ms) and errors from the access log since ``start``."""
    times: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    with log.open() as lines:
        lines.seek(start)
        for line in lines:
            found = ACCESS_LINE.match(line.strip())
            if not found or found[1] in ("-", "check"):
                continue
            kind, status = found[1], int(found[2])
            times.setdefault(kind, []).append(int(found[3]) / 1000)
            # The plan form redirects when it saved; every other page answers 200.
            errors[kind] = errors.get(kind, 0) + (status not in (200, 302))
    return {kind: (len(ms), *_percentiles(ms), errors[kind]) for kind, ms in sorted(times.items())}


def _percentiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        return (values[0],) * 3 if values else (0.0, 0.0, 0.0)
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def median_result(name: str, users: int, runs: list[Result]) -> Result:
    """The median of each figure over the runs; errors are summed."""
    kinds = {}
    for kind in runs[0].kinds:
        taken = [r.kinds[kind] for r in runs if kind in r.kinds]
        kinds[kind] = (
            statistics.median(t[0] for t in taken),
            statistics.median(t[1] for t in taken),
            statistics.median(t[2] for t in taken),
            statistics.median(t[3] for t in taken),
            sum(t[4] for t in taken),
        )
    return Result(
        name=name,
        users=users,
        rps=statistics.median(r.rps for r in runs),
        p50_ms=statistics.median(r.p50_ms for r in runs),
        p95_ms=statistics.median(r.p95_ms for r in runs),
        p99_ms=statistics.median(r.p99_ms for r in runs),
        errors=sum(r.errors for r in runs),
        kinds=kinds,
    )


def _cpu_seconds(pid: int) -> float:
    """The CPU time of a process and its children so far (gunicorn's master and workers)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    children = subprocess.run(
        ["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    for each in [str(pid), *children]:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def print_tables(
    results: list[Result], server: Server, args: argparse.Namespace, loads: list[str]
) -> None:
    print(
        f"\ngunicorn {server.describe()}, {os.cpu_count()} CPUs, {args.seconds} s per run, "
        f"median of {args.repeat} runs; load average (1, 5, 15 min) before each run: "
        f"{'; '.join(loads)}\n"
    )
    print("| users | requests | req/s | p50 ms | p95 ms | p99 ms | errors | vs trivial |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for users in sorted({r.users for r in results}):
        trivial = next(r for r in results if r.users == users and r.name.startswith("trivial"))
        for r in (r for r in results if r.users == users):
            share = 100 * r.rps / trivial.rps if trivial.rps else 0
            print(
                f"| {users} | {r.name} | {r.rps:.0f} | {r.p50_ms:.0f} | {r.p95_ms:.0f} | "
                f"{r.p99_ms:.0f} | {r.errors} | {share:.0f} % |"
            )
    mixes = [r for r in results if r.name == "mixed workload"]
    print("\nThe mixed workload per page, as the server timed each request (ms):\n")
    print(
        "| page | "
        + " | ".join(f"{r.users} users: req/s, p50 / p95 / p99, errors" for r in mixes)
        + " |"
    )
    print("| --- |" + " ---: |" * len(mixes))
    for kind in year.MIX:
        cells = []
        for r in mixes:
            count, p50, p95, p99, errors = r.kinds.get(kind, (0, 0, 0, 0, 0))
            cells.append(f"{count / args.seconds:.1f}: {p50:.0f} / {p95:.0f} / {p99:.0f}, {errors}")
        print(f"| {kind} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--users", default="100,200")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each kind; medians")
    parser.add_argument("--server", help="e.g. sync:5 or gthread:2x4 instead of the compose file's")
    parser.add_argument("--database", default="mentorship_bench", help="the throw-away database")
    parser.add_argument("--quick", action="store_true", help="one 5 s run at 100 users")
    parser.add_argument("--build-into", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_into:
        year.build(Path(args.build_into), CSRF)
        return
    if args.quick:
        args.seconds, args.users, args.repeat = 5, "100", 1

    admin_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if not admin_url.startswith("postgres") or not redis_url.startswith("redis"):
        raise SystemExit("Set DATABASE_URL (PostgreSQL) and REDIS_URL (both on loopback).")
    loopback_only(admin_url)
    loopback_only(redis_url)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    command, server = compose_server()
    if args.server:
        server = parse_server(args.server, server)

    env = server_env(fresh_database(admin_url, args.database), redis_url)
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
    log_path = workdir / "gunicorn.log"
    log = log_path.open("w")
    gunicorn = server_command(command, server, port)
    print(" ".join(gunicorn), flush=True)
    process = subprocess.Popen(gunicorn, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    results: list[Result] = []
    loads: list[str] = []
    try:
        wait_until_up(f"{base}/healthz", process)
        # Every worker imports the URLconf and templates on its first requests: warm them,
        # and check on the way that the signed-in sessions really open the pages.
        check_requests(base, requests, rounds=2 * server.workers * server.threads)
        # Each member's pair page once, as the day's first look would, so that the pair
        # page's runs measure the page as it is read again and again.
        for line in requests.with_suffix(".pair").read_text().splitlines():
            send(base, line)
        run_wrk("warm-up", base, requests, 10, 5, lua, log_path)
        kinds = {
            "trivial (/healthz)": requests.with_suffix(".trivial"),
            "pair page": requests.with_suffix(".pair"),
            "mixed workload": requests,
        }
        cpu_before = _cpu_seconds(process.pid)
        wall_before = time.monotonic()
        for users in [int(u) for u in args.users.split(",")]:
            runs: dict[str, list[Result]] = {name: [] for name in kinds}
            # The kinds take turns, so that a slow moment of the machine falls on all of them.
            for _round in range(args.repeat):
                for name, path in kinds.items():
                    loads.append(", ".join(f"{value:.1f}" for value in os.getloadavg()))
                    result = run_wrk(name, base, path, users, args.seconds, lua, log_path)
                    print(f"  {result.name} at {users}: {result.rps:.0f} req/s", flush=True)
                    runs[name].append(result)
            results.extend(median_result(name, users, taken) for name, taken in runs.items())
        cpu = _cpu_seconds(process.pid) - cpu_before
        wall = time.monotonic() - wall_before
    finally:
        process.terminate()
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    print_tables(results, server, args, loads)
    print(f"\ngunicorn's CPU time during the runs: {cpu:.0f} s of {wall:.0f} s wall clock")
    print(f"Server log: {log_path}")


if __name__ == "__main__":
    main()

"""docker-compose.yml: its structure, and its commands run here without Docker."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from .subprocesses import (
    BIN,
    DEVELOPMENT,
    PYTHON,
    ROOT,
    clean_env,
    free_port,
    manage,
    run,
    started,
    wait_for,
    wait_for_text,
)

APP_SERVICES = ("migrate", "web", "worker", "beat")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, Any]:
    return compose["services"]


def command_here(command: list[str]) -> list[str]:
    """The container's command with this virtual environment's programs."""
    program, *rest = command
    return [PYTHON if program == "python" else str(BIN / program), *rest]


@pytest.fixture(scope="module")
def migrated(services: dict, tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """The migrate service's command, run here on a fresh SQLite file (once per module)."""
    sqlite = str(tmp_path_factory.mktemp("compose") / "db.sqlite3")
    env = clean_env(**DEVELOPMENT, SQLITE_PATH=sqlite)
    result = run(command_here(services["migrate"]["command"]), env=env, timeout=600)
    return env, result


@pytest.fixture
def sqlite_env(migrated: tuple) -> dict[str, str]:
    env, result = migrated
    assert result.returncode == 0, result.stdout + result.stderr
    return env


def test_compose_has_the_services_of_a_production_installation(services: dict) -> None:
    assert set(services) == {"postgres", "redis", "migrate", "web", "worker", "beat"}
    for name in APP_SERVICES:
        environment = services[name]["environment"]
        assert environment["DEBUG"] == "false"
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert "@postgres:5432/" in environment["DATABASE_URL"]
        assert environment["CELERY_BROKER_URL"].startswith("redis://redis:6379/")
        assert environment["REDIS_URL"].startswith("redis://redis:6379/")
        assert services[name]["env_file"] == ".env"


def test_redis_never_evicts_queued_tasks(services: dict) -> None:
    command = services["redis"]["command"]
    assert command[command.index("--maxmemory-policy") + 1] == "noeviction"


def test_every_long_running_service_has_a_health_check(services: dict) -> None:
    for name in ("postgres", "redis", "web", "worker", "beat"):
        check = services[name]["healthcheck"]
        assert check["test"][0] in {"CMD", "CMD-SHELL"}, name
        assert "interval" in check, name
    assert services["migrate"]["healthcheck"] == {"disable": True}


def test_app_services_wait_for_healthy_services_and_a_finished_migration(services: dict) -> None:
    for name in ("web", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["postgres"] == {"condition": "service_healthy"}, name
        assert depends["redis"] == {"condition": "service_healthy"}, name
        assert depends["migrate"] == {"condition": "service_completed_successfully"}, name
    migrate = services["migrate"]
    assert migrate["restart"] == "no"
    assert migrate["depends_on"]["postgres"] == {"condition": "service_healthy"}
    assert migrate["command"] == ["python", "manage.py", "migrate", "--noinput"]


def test_there_is_exactly_one_beat(services: dict) -> None:
    beats = [name for name, service in services.items() if "beat" in service.get("command", [])]
    assert beats == ["beat"]
    assert services["beat"]["deploy"]["replicas"] == 1
    workers = [name for name, s in services.items() if "worker" in s.get("command", [])]
    assert workers == ["worker"]


def test_the_image_is_built_from_python_3_11_with_pango_for_pdfs() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("# ") and "FROM python:3.11-slim" in dockerfile
    assert "libpango-1.0-0" in dockerfile
    assert "collectstatic" in dockerfile
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", ".env", "db.sqlite3*"} <= set(ignored)


def test_the_image_installs_only_the_hashed_production_lock_and_runs_as_another_user() -> None:
    lines = (ROOT / "Dockerfile").read_text().splitlines()
    instructions = [line for line in lines if not line.lstrip().startswith("#")]
    installs = [line for line in instructions if "pip install" in line]
    assert any("pip install --upgrade pip setuptools" in line for line in installs)
    assert any("pip install --require-hashes -r requirements.lock" in line for line in installs)
    assert not any("requirements-dev" in line for line in instructions)
    assert "COPY requirements.lock ./" in instructions
    users = [line.split()[1] for line in instructions if line.startswith("USER ")]
    assert users and users[-1] not in {"root", "0"}


def test_the_migrate_command_runs_here(migrated: tuple) -> None:
    env, result = migrated
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Applying programmes.0001_initial... OK" in result.stdout
    check = manage("migrate", "--check", env=env)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_web_command_serves_healthz_with_gunicorn(
    services: dict, sqlite_env: dict, tmp_path: Path
) -> None:
    port = free_port()
    command = [
        f"--bind=127.0.0.1:{port}" if part.startswith("--bind=") else part
        for part in command_here(services["web"]["command"])
    ]
    command = [part for part in command if not part.startswith("--workers=")] + ["--workers=2"]
    assert command[1] == "mentorship.wsgi:application"
    with started(command, env=sqlite_env, log=tmp_path / "gunicorn.log") as process:
        status, body = wait_for(
            f"http://127.0.0.1:{port}/healthz", process, log=tmp_path / "gunicorn.log"
        )
        assert status == 200, body
        assert '"database": "ok"' in body
        # The container's own health check, pointed at this port, passes too.
        check = services["web"]["healthcheck"]["test"]
        assert check[:3] == ["CMD", "python", "-c"]
        assert "http://127.0.0.1:8000/healthz/live" in check[3]  # liveness, not the database
        script = check[3].replace("127.0.0.1:8000", f"127.0.0.1:{port}")
        result = run(
            [PYTHON, "-c", script], env={**sqlite_env, "ALLOWED_HOSTS": "localhost,127.0.0.1"}
        )
        assert result.returncode == 0, result.stderr


def test_the_worker_command_starts_a_worker(
    services: dict, sqlite_env: dict, tmp_path: Path
) -> None:
    command = command_here(services["worker"]["command"])
    assert command[1:3] == ["--app=mentorship", "worker"]
    env = {
        **sqlite_env,
        "CELERY_BROKER_URL": "memory://",
        "CELERY_RESULT_BACKEND": "cache+memory://",
    }
    with started([*command, "--pool=solo"], env=env, log=tmp_path / "worker.log") as process:
        log = wait_for_text(tmp_path / "worker.log", "ready.", process)
        assert "programmes.sweep" in log
        assert "mentorship.ping" in log
    health = services["worker"]["healthcheck"]["test"]
    assert health[0] == "CMD-SHELL"
    assert shlex.split(health[1])[:4] == ["celery", "--app=mentorship", "inspect", "ping"]


def test_the_beat_command_starts_every_sweep(
    services: dict, sqlite_env: dict, tmp_path: Path
) -> None:
    schedule = tmp_path / "celerybeat-schedule"
    command = [
        f"--schedule={schedule}" if part.startswith("--schedule=") else part
        for part in command_here(services["beat"]["command"])
    ]
    env = {
        **sqlite_env,
        "CELERY_BROKER_URL": "memory://",
        "CELERY_RESULT_BACKEND": "cache+memory://",
        "SWEEP_INTERVAL_SECONDS": "1",
    }
    with started([*command, "--max-interval=1"], env=env, log=tmp_path / "beat.log") as process:
        wait_for_text(tmp_path / "beat.log", "Sending due task programmes.sweep", process)
        wait_for_text(tmp_path / "beat.log", "Sending due task pairs.sweep", process)
    # The beat health check looks at the schedule file beat keeps writing.
    script = services["beat"]["healthcheck"]["test"][3].replace(
        "/tmp/celerybeat-schedule", str(schedule)
    )
    assert subprocess.run([PYTHON, "-c", script], check=False).returncode == 0


def test_the_image_build_step_collects_static_files_with_production_settings() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    step = dockerfile[dockerfile.index("RUN DEBUG=false") : dockerfile.index("collectstatic")]
    assignments = dict(
        part.split("=", 1) for part in shlex.split(step.replace("\\\n", " "))[1:] if "=" in part
    )
    assert assignments["DEBUG"] == "false"
    result = manage("collectstatic", "--noinput", "--dry-run", env=clean_env(**assignments))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "static files copied" in result.stdout

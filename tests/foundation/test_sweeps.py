"""Every app's sweep: found by convention, run by beat or by `make run`'s background thread."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from django.conf import settings

from common.sweeps import run_sweeps_once, sweep_tasks
from mentorship.celery import app as celery_app

from .subprocesses import (
    DEVELOPMENT,
    ROOT,
    clean_env,
    free_port,
    manage,
    started,
    wait_for,
    wait_for_text,
)


def test_each_app_with_a_tasks_sweep_is_found_by_its_task_name() -> None:
    names = [task.name for task in sweep_tasks()]
    expected = [
        f"{app}.sweep"
        for app in settings.PROJECT_APPS
        if (ROOT / app / "tasks.py").exists()
        and "def sweep(" in (ROOT / app / "tasks.py").read_text()
    ]
    assert names == expected
    assert "programmes.sweep" in names


def test_beat_starts_every_sweep_on_the_configured_interval() -> None:
    schedule = settings.CELERY_BEAT_SCHEDULE
    for task in sweep_tasks():
        assert schedule[task.name] == {
            "task": task.name,
            "schedule": float(settings.SWEEP_INTERVAL_SECONDS),
        }


def test_every_task_beat_starts_is_a_registered_task() -> None:
    celery_app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled - set(celery_app.tasks) == set()
    assert {"programmes.sweep", "pairs.sweep", "reports.sweep"} <= scheduled
    assert "privacy.retention_run" in scheduled


@pytest.mark.django_db
def test_running_the_sweeps_in_process_runs_each_without_failure() -> None:
    results = run_sweeps_once()
    assert set(results) == {task.name for task in sweep_tasks()}
    assert "failed" not in results.values()


def test_runserver_with_sweeps_serves_and_sweeps_in_the_background(tmp_path: Path) -> None:
    env = clean_env(**DEVELOPMENT, SQLITE_PATH=str(tmp_path / "db.sqlite3"), PYTHONUNBUFFERED="1")
    migrated = manage("migrate", "--noinput", env=env, timeout=600)
    assert migrated.returncode == 0, migrated.stderr
    port = free_port()
    log = tmp_path / "runserver.log"
    command = [
        sys.executable,
        "manage.py",
        "runserver_with_sweeps",
        f"127.0.0.1:{port}",
        "--noreload",
        "--sweep-interval=1",
    ]
    with started(command, env=env, log=log) as process:
        status, body = wait_for(f"http://127.0.0.1:{port}/healthz", process, log=log)
        assert status == 200, body
        text = wait_for_text(log, "Sweeps ran:", process)
    assert "Sweeps every 1 s: " + ", ".join(task.name for task in sweep_tasks()) in text
    assert "failed" not in text.lower()

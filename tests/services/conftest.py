"""A real Celery worker, started by the test run, against the configured Redis and database.

These tests run in .ci/run (pytest -m services) with CELERY_BROKER_URL pointing at Redis
and DATABASE_URL at PostgreSQL; the default run deselects them (pyproject addopts).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from mentorship.celery import app as celery_app
from tests.foundation.subprocesses import BIN, started, wait_for_text


@dataclass
class Worker:
    queue: str
    nodename: str
    env: dict[str, str]
    log: Path


def database_url() -> str:
    db = connection.settings_dict
    assert db["ENGINE"] == "django.db.backends.postgresql", (
        "The services tests share the test database with a worker process: run them with "
        "DATABASE_URL=postgres://... (as .ci/run does)."
    )
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{quote(db['USER'])}{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="session")
def broker_url() -> str:
    url = settings.CELERY_BROKER_URL
    assert url.startswith("redis://"), (
        "Set CELERY_BROKER_URL=redis://... to run the services tests."
    )
    return url


@pytest.fixture(autouse=True)
def _real_broker(broker_url: str) -> Iterator[None]:
    # tests/conftest.py makes tasks eager; here they go through Redis to the worker.
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True


@pytest.fixture(scope="session")
def worker(
    broker_url: str, django_db_setup: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Worker]:
    """`celery -A mentorship worker` in its own process, on its own queue (and the default)."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    nodename = f"{queue}@localhost"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker_url,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    command = [
        str(BIN / "celery"),
        "--app=mentorship",
        "worker",
        "--loglevel=INFO",
        "--pool=solo",
        f"--hostname={nodename}",
        f"--queues={queue},celery",
        "--without-gossip",
        "--without-mingle",
    ]
    with started(command, env=env, log=log) as process:
        wait_for_text(log, "ready.", process, seconds=90)
        yield Worker(queue=queue, nodename=nodename, env=env, log=log)

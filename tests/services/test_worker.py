"""Tasks through a real Redis broker to a real Celery worker, and only after commit."""

from __future__ import annotations

import shlex
import subprocess
import time
import uuid

import pytest
import redis
import yaml
from django.db import transaction
from django.test import Client

from common.sweeps import sweep_tasks
from mentorship.celery import app as celery_app
from mentorship.celery import ping
from tests.foundation.subprocesses import BIN, ROOT

from .conftest import Worker

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_a_worker_started_by_the_test_run_answers_a_task(worker: Worker) -> None:
    result = ping.apply_async(queue=worker.queue)
    assert result.get(timeout=60, disable_sync_subtasks=False) == "pong"
    assert result.state == "SUCCESS"
    # The worker stores the result before it logs the success: give the log a moment.
    deadline = time.monotonic() + 10
    logged = f"Task mentorship.ping[{result.id}] succeeded"
    while logged not in worker.log.read_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert logged in worker.log.read_text()


def test_every_app_sweep_runs_on_the_worker_against_the_database(worker: Worker) -> None:
    names = [task.name for task in sweep_tasks()]
    assert "programmes.sweep" in names
    for name in names:
        # Tasks keep no results (CELERY_TASK_IGNORE_RESULT); this one is asked to, to be waited on.
        result = celery_app.send_task(name, queue=worker.queue, ignore_result=False)
        assert result.get(timeout=120, disable_sync_subtasks=False) is not None, name
        assert result.state == "SUCCESS", name


def test_healthz_asks_a_worker_when_told_to(worker: Worker) -> None:
    response = Client().get("/healthz?worker=1")
    assert response.status_code == 200, response.content
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "broker": "ok",
        "worker": "ok",
    }


def test_the_compose_worker_health_check_finds_the_worker(worker: Worker) -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    check = compose["services"]["worker"]["healthcheck"]["test"][1]
    command = shlex.split(check.replace("celery@$$HOSTNAME", worker.nodename))
    command[0] = str(BIN / "celery")
    result = subprocess.run(
        command, cwd=ROOT, env=worker.env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pong" in result.stdout


def test_a_rolled_back_transaction_queues_nothing_and_a_commit_queues_once(
    broker_url: str,
) -> None:
    queue = f"idle-{uuid.uuid4().hex[:8]}"  # no worker reads it: what is queued stays there
    broker = redis.Redis.from_url(broker_url)
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            ping.apply_async_on_commit(queue=queue)
            raise RuntimeError("roll back")
        assert broker.llen(queue) == 0

        with transaction.atomic():
            ping.apply_async_on_commit(queue=queue)
            assert broker.llen(queue) == 0  # not before the commit
        assert broker.llen(queue) == 1
    finally:
        broker.delete(queue)

"""/healthz/live answers while the process does; /healthz (readiness) fails only without the
database, and reports the cache and the broker (and a worker when asked) beside it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.db.backends.utils import CursorWrapper
from django.db.utils import OperationalError
from django.test import Client

from mentorship.celery import app as celery_app
from mentorship.celery import ping
from tests.foundation.subprocesses import free_port


@pytest.fixture
def unreachable_broker(settings, monkeypatch) -> Iterator[None]:
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"  # the discard port: nothing answers
    # Celery prefers the environment variable over its configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", settings.CELERY_BROKER_URL)
    previous = celery_app.conf.broker_url
    celery_app.conf.broker_url = settings.CELERY_BROKER_URL
    yield
    celery_app.conf.broker_url = previous


@pytest.fixture
def database_gone(monkeypatch: pytest.MonkeyPatch) -> None:
    def execute(self, sql, params=None):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(CursorWrapper, "execute", execute)


@pytest.mark.django_db
def test_healthz_reports_the_database_and_the_cache_and_no_broker_in_the_embedded_default(
    settings,
) -> None:
    settings.CELERY_BROKER_URL = ""
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_fails_without_the_database(database_gone: None) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["database"] == "error: OperationalError"


@pytest.mark.django_db
def test_the_liveness_check_answers_without_the_database(database_gone: None) -> None:
    response = Client().get("/healthz/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_stays_ready_with_the_broker_down_and_reports_it_degraded(
    unreachable_broker: None,
) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["database"] == "ok"
    assert body["broker"].startswith("degraded: ")


@pytest.mark.django_db
def test_healthz_stays_ready_with_the_cache_down_and_reports_it_degraded(settings) -> None:
    settings.CELERY_BROKER_URL = ""
    settings.CACHES = {
        "default": {
            "BACKEND": "common.cache.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "degraded: no answer",
    }


@pytest.mark.django_db
def test_healthz_asking_for_a_worker_fails_when_the_broker_does_not_answer(
    unreachable_broker: None,
) -> None:
    response = Client().get("/healthz?worker=1")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == "ok"
    assert body["broker"].startswith("error: ")
    assert "worker" not in body  # no worker check without a broker


@pytest.mark.django_db
def test_healthz_answers_get_only() -> None:
    assert Client().post("/healthz").status_code == 405
    assert Client().post("/healthz/live").status_code == 405


def test_the_ping_task_answers_pong_in_process() -> None:
    result = ping.delay()  # eager without a broker: it has run when delay() returns
    assert result.successful()
    assert result.result == "pong"


@pytest.mark.django_db
def test_a_task_queued_on_commit_is_dropped_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks,
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        ping.delay_on_commit()
        raise RuntimeError("roll back")
    assert callbacks == []
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        ping.delay_on_commit()
    assert len(callbacks) == 1

"""Health checks for a load balancer and for the containers.

``/healthz/live`` (liveness) answers 200 as long as the process answers; it touches
neither the database nor Redis. ``/healthz`` (readiness) answers 200 while the database
answers and 503 when it does not. The cache and the broker are reported too, as
"degraded" when they do not answer: the site works without them (an empty cache, mail
sent by the next sweep), so they never take a web server out of service.

``/healthz?worker=1`` also sends a ping task and waits for a worker's answer; for
monitoring the whole chain, the broker and the worker are then required as well.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

WORKER_TIMEOUT_SECONDS = 5.0
CACHE_PROBE_SECONDS = 10


@require_GET
@never_cache
def healthz_live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    problems: dict[str, str | None] = {
        "database": _database_problem(),
        "cache": _cache_problem(),
    }
    required = {"database"}
    if settings.CELERY_BROKER_URL:
        problems["broker"] = _broker_problem()
        if request.GET.get("worker"):
            required |= {"broker", "worker"}
            if problems["broker"] is None:
                problems["worker"] = _worker_problem()
    failed = any(problems.get(name) for name in required)
    status = "error" if failed else "degraded" if any(problems.values()) else "ok"
    checks = {
        name: _shown(problem, required=name in required) for name, problem in problems.items()
    }
    return JsonResponse({"status": status, **checks}, status=503 if failed else 200)


def _shown(problem: str | None, *, required: bool) -> str:
    if problem is None:
        return "ok"
    return f"{'error' if required else 'degraded'}: {problem}"


def _database_problem() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return type(error).__name__
    return None


def _cache_problem() -> str | None:
    # The cache forgives an unreachable Redis (programmes.cache), so ask it to keep a value.
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, CACHE_PROBE_SECONDS)
    kept = cache.get(key) == value
    cache.delete(key)
    return None if kept else "no answer"


def _broker_problem() -> str | None:
    from mentorship.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:
        return type(error).__name__
    return None


def _worker_problem() -> str | None:
    from mentorship.celery import ping

    try:
        answer = ping.apply_async(expires=WORKER_TIMEOUT_SECONDS).get(
            timeout=WORKER_TIMEOUT_SECONDS, disable_sync_subtasks=False
        )
    except Exception as error:
        return type(error).__name__
    return None if answer == "pong" else "unexpected answer"

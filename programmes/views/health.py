"""/healthz: the database always, the broker when one is configured.

``/healthz?worker=1`` also sends a ping task and waits for a worker's answer; the
web container's health check leaves it out so that a busy queue never marks web
servers unhealthy.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

WORKER_TIMEOUT_SECONDS = 5.0


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    checks: dict[str, str] = {"database": _check_database()}
    if settings.CELERY_BROKER_URL:
        checks["broker"] = _check_broker()
        if request.GET.get("worker") and checks["broker"] == "ok":
            checks["worker"] = _check_worker()
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return f"error: {type(error).__name__}"
    return "ok"


def _check_broker() -> str:
    from mentorship.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:
        return f"error: {type(error).__name__}"
    return "ok"


def _check_worker() -> str:
    from mentorship.celery import ping

    try:
        answer = ping.apply_async(expires=WORKER_TIMEOUT_SECONDS).get(
            timeout=WORKER_TIMEOUT_SECONDS, disable_sync_subtasks=False
        )
    except Exception as error:
        return f"error: {type(error).__name__}"
    return "ok" if answer == "pong" else "error: unexpected answer"

"""Settings from the environment, checked in fresh processes with nothing inherited."""

from __future__ import annotations

import json

import pytest

from .subprocesses import DEVELOPMENT, PYTHON, ROOT, clean_env, manage, run

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 20 + "-production-secret-of-sufficient-length-0123456789",
    "ALLOWED_HOSTS": "mentor.example.se",
    "CSRF_TRUSTED_ORIGINS": "https://mentor.example.se",
    "SITE_URL": "https://mentor.example.se",
    "DATABASE_URL": "postgres://mentorship:secret@db:5432/mentorship",
    "REDIS_URL": "redis://redis:6379/0",
    "CELERY_BROKER_URL": "redis://redis:6379/1",
    "EMAIL_HOST": "smtp.example.se",
    "DEFAULT_FROM_EMAIL": "Mentorprogrammet <noreply@mentor.example.se>",
    "SERVICE_OWNER": "Enköpings kommun",
    "ACCESSIBILITY_CONTACT_EMAIL": "tillganglighet@mentor.example.se",
}

SHOW_SETTINGS = """
import json, django
django.setup()
from django.conf import settings
from mentorship.celery import app
db = settings.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"],
    "transaction_mode": db.get("OPTIONS", {}).get("transaction_mode"),
    "always_eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "celery_eager": app.conf.task_always_eager,
    "acks_late": app.conf.task_acks_late,
    "time_limit": app.conf.task_time_limit,
    "soft_time_limit": app.conf.task_soft_time_limit,
    "cache": settings.CACHES["default"]["BACKEND"],
    "email": settings.EMAIL_BACKEND,
    "debug": settings.DEBUG,
    "nudge_weeks": settings.PAIRS_NUDGE_AFTER_WEEKS,
    "reminder_hours": settings.PAIRS_REMINDER_HOURS_BEFORE,
    "session_renew": settings.SESSION_RENEW_SECONDS,
}))
"""


def show_settings(**env: str) -> dict:
    result = run(
        [PYTHON, "-c", SHOW_SETTINGS],
        env=clean_env(DJANGO_SETTINGS_MODULE="mentorship.settings", **{**DEVELOPMENT, **env}),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("command", [["check"], ["makemigrations", "--check", "--dry-run"]])
def test_with_nothing_set_settings_mean_production_and_stop_without_a_secret(
    command: list[str],
) -> None:
    result = manage(*command, env=clean_env())
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_a_full_production_environment_without_debug_is_production() -> None:
    env = {name: value for name, value in PRODUCTION.items() if name != "DEBUG"}
    assert show_settings(DEBUG="false", **env)["debug"] is False
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=clean_env(**env))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_file_make_install_writes_makes_a_development_checkout(tmp_path) -> None:
    env_file = tmp_path / ".env.local"
    made = run(
        ["make", "--no-print-directory", f"ENV_FILE={env_file}", str(env_file)], env=clean_env()
    )
    assert made.returncode == 0, made.stderr
    assert "DEBUG=true" in env_file.read_text()
    result = manage("check", env=clean_env(MENTORSHIP_ENV_FILE=str(env_file)))
    assert result.returncode == 0, result.stderr
    # The environment wins over the file.
    production = clean_env(MENTORSHIP_ENV_FILE=str(env_file), DEBUG="false")
    assert "SECRET_KEY must be set in production" in manage("check", env=production).stderr


def test_the_image_leaves_out_a_checkout_s_own_settings() -> None:
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".env", ".env.local"} <= set(ignored)
    assert {".env", ".env.local"} <= set((ROOT / ".gitignore").read_text().split())


def test_with_only_debug_true_the_embedded_default_uses_sqlite_and_runs_tasks_at_once() -> None:
    shown = show_settings()
    assert shown["debug"] is True
    assert shown["engine"] == "django.db.backends.sqlite3"
    assert shown["transaction_mode"] == "IMMEDIATE"
    assert shown["always_eager"] is True
    assert shown["celery_eager"] is True
    assert shown["cache"].endswith("LocMemCache")
    assert shown["email"].endswith("console.EmailBackend")


def test_the_pairs_schedule_has_its_defaults_and_reads_the_environment() -> None:
    shown = show_settings()
    assert (shown["nudge_weeks"], shown["reminder_hours"]) == (6, 24)
    assert shown["session_renew"] == 60
    changed = show_settings(PAIRS_NUDGE_AFTER_WEEKS="4", PAIRS_REMINDER_HOURS_BEFORE="48")
    assert (changed["nudge_weeks"], changed["reminder_hours"]) == (4, 48)


def test_tasks_are_acknowledged_late_and_time_limited() -> None:
    shown = show_settings()
    assert shown["acks_late"] is True
    assert 0 < shown["soft_time_limit"] < shown["time_limit"]


def test_a_configured_broker_and_database_replace_the_embedded_default() -> None:
    shown = show_settings(
        DATABASE_URL="postgres://mentorship@127.0.0.1:5432/mentorship",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/1",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert shown["engine"] == "django.db.backends.postgresql"
    assert shown["always_eager"] is False
    assert shown["celery_eager"] is False
    assert shown["cache"].endswith("RedisCache")


def test_production_settings_pass_the_deployment_checks() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=clean_env(**PRODUCTION))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_in_production_the_liveness_check_answers_over_plain_http_without_any_service() -> None:
    # The database and Redis named in PRODUCTION do not exist here: liveness asks neither,
    # and the container's check calls it over HTTP inside the container (no TLS redirect).
    script = (
        "import django; django.setup(); from django.test import Client; "
        "response = Client(HTTP_HOST='mentor.example.se').get('/healthz/live'); "
        "print(response.status_code, response.content.decode())"
    )
    env = clean_env(DJANGO_SETTINGS_MODULE="mentorship.settings", **PRODUCTION)
    result = run([PYTHON, "-c", script], env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == '200 {"status": "ok"}'


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY must be set in production"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS must name the site's host names"),
        ("DATABASE_URL", "DATABASE_URL must point at PostgreSQL"),
        ("REDIS_URL", "REDIS_URL must be set in production"),
        ("EMAIL_HOST", "EMAIL_HOST must be set in production"),
        ("SERVICE_OWNER", "SERVICE_OWNER must be set in production"),
        ("ACCESSIBILITY_CONTACT_EMAIL", "ACCESSIBILITY_CONTACT_EMAIL must be set in production"),
    ],
)
def test_production_without_a_required_setting_stops_with_a_clear_message(
    missing: str, message: str
) -> None:
    env = {name: value for name, value in PRODUCTION.items() if name != missing}
    result = manage("check", env=clean_env(**env))
    assert result.returncode != 0
    assert message in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_production_refuses_a_short_secret_key() -> None:
    result = manage("check", env=clean_env(**{**PRODUCTION, "SECRET_KEY": "too-short"}))
    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 characters" in result.stderr


def test_a_yes_or_no_setting_with_another_value_is_refused() -> None:
    result = manage("check", env=clean_env(DEBUG="maybe"))
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_the_site_starts_without_loading_the_pdf_engine() -> None:
    """WeasyPrint needs the Pango libraries; without them only PDF downloads may fail."""
    script = (
        "import sys, django; django.setup(); from django.urls import get_resolver; "
        "get_resolver().url_patterns; import mentorship.celery; "
        "print('weasyprint' in sys.modules)"
    )
    result = run(
        [PYTHON, "-c", script],
        env=clean_env(**DEVELOPMENT, DJANGO_SETTINGS_MODULE="mentorship.settings"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_each_test_process_has_redis_databases_of_its_own() -> None:
    # pytest-xdist's second process must not clear the first one's cache or take its tasks.
    from tests.settings import redis_database_of_worker

    assert redis_database_of_worker("redis://127.0.0.1:6379/14", "gw0").endswith(":6379/14")
    assert redis_database_of_worker("redis://127.0.0.1:6379/14", "gw1").endswith(":6379/12")
    assert redis_database_of_worker("redis://127.0.0.1:6379/15", "gw1").endswith(":6379/13")
    assert redis_database_of_worker("redis://127.0.0.1:6379", "gw1").endswith(":6379/14")
    assert redis_database_of_worker("memory://", "gw1") == "memory://"

"""Settings for the mentorship project, read from the environment.

Production is the default: with DEBUG unset or false, a run must name its secret,
hosts and services, or start-up stops with a message saying what is missing. With
DEBUG=true and nothing else set, the embedded default runs: SQLite, no broker, mail
to the console. A development checkout says DEBUG=true in .env.local, which
`make install` writes and this module reads (the environment wins over the file).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from mentorship.sso_settings import sso_from_environment

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ImproperlyConfigured(
                f"The environment variable {name} must be set in production (DEBUG=false "
                "or unset; a development checkout sets DEBUG=true in .env.local: make install)."
            )
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from error


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def read_env_file(path: Path) -> None:
    """Sets the variables of a file of NAME=value lines that the environment leaves unset."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        name, separator, value = line.strip().partition("=")
        if separator and not name.startswith("#"):
            os.environ.setdefault(name.strip(), value.strip())


# In the environment, so that the processes this one starts (a worker, a sweep) see it too.
_ENV_FILE = os.environ.get("MENTORSHIP_ENV_FILE", ".env.local")
if _ENV_FILE:
    read_env_file(BASE_DIR / _ENV_FILE)

DEBUG = env_bool("DEBUG", False)
PRODUCTION = not DEBUG
TESTING = env_bool("MENTORSHIP_TESTING", False)

# In production a missing secret stops start-up; in development a fixed key is fine.
SECRET_KEY = env_str(
    "SECRET_KEY", None if PRODUCTION else "dev-only-insecure-key-not-for-production"
)
if PRODUCTION and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's host names in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The project's own apps, lowest layer first: each may import only from those before it
# (the contract is in .importlinter, checked by `lint-imports`).
PROJECT_APPS = [
    "common",
    "notifications",
    "audit",
    "accounts",
    "programmes",
    "privacy",
    "events",
    "fees",
    "matching",
    "pairs",
    "reports",
    "demo",
]

INSTALLED_APPS = [
    "mentorship.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.usersessions",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "csp",
    *PROJECT_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "common.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "programmes.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "mentorship.urls"
WSGI_APPLICATION = "mentorship.wsgi.application"
ASGI_APPLICATION = "mentorship.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "programmes.context_processors.navigation",
            ],
        },
    },
]

# Database: DATABASE_URL in production and CI, SQLite as the embedded default.
# IMMEDIATE transactions take SQLite's write lock at BEGIN, so two writers
# queue on the busy timeout instead of failing halfway with "database is locked".
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60)
        )
    }
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if env_bool("DATABASE_SERVER_SIDE_BINDING", False):
        DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
elif PRODUCTION and not env_bool("ALLOW_SQLITE_IN_PRODUCTION", False):
    raise ImproperlyConfigured(
        "DATABASE_URL must point at PostgreSQL in production "
        "(or set ALLOW_SQLITE_IN_PRODUCTION=true for a single-server trial)."
    )
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when configured (rate limits must be shared between processes).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # An unreachable Redis is an empty cache, logged, not an error page.
            "BACKEND": "common.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
elif PRODUCTION and not env_bool("ALLOW_LOCAL_CACHE_IN_PRODUCTION", False):
    raise ImproperlyConfigured(
        "REDIS_URL must be set in production: sign-in rate limits need a shared cache."
    )
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "programmes:home"

# django-allauth: email is the login; a code by email for occasional users.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 180
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "request_login_code": "20/m/ip,3/m/key",
    "signup": "20/m/ip",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
}
ACCOUNT_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "Mentorprogrammet")
SOCIALACCOUNT_ONLY = False
# SSO (docs/sso.md): Entra ID over OpenID Connect (ENTRA_*) and/or SAML (SAML_*).
_SSO = sso_from_environment(os.environ)
INSTALLED_APPS += _SSO.apps
SOCIALACCOUNT_PROVIDERS: dict[str, dict] = _SSO.providers
SOCIALACCOUNT_LOGIN_ON_GET = False
# SSO providers (the provider ids of SOCIALACCOUNT_PROVIDERS' apps, e.g. "entra") whose
# sign-in enforces MFA at the identity provider; such a session counts as MFA here.
# A provider app may also say so itself with "mfa_enforced": True.
SSO_PROVIDERS_ENFORCING_MFA = env_list("SSO_PROVIDERS_ENFORCING_MFA", []) + _SSO.mfa_enforcing

# Sessions: 30 minutes idle, 10 hours at most. A signed-in request renews the idle
# limit when the last renewal is SESSION_RENEW_SECONDS old (accounts.middleware),
# so a busy page does not write its session row on every request.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = env_int("SESSION_RENEW_SECONDS", 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 10 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Security headers; the production values are what check --deploy asks for.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz(/live)?$"]
    SILENCED_SYSTEM_CHECKS = env_list("SILENCED_SYSTEM_CHECKS", [])
    if env_bool("SECURE_HSTS_PRELOAD", False) is False:
        # W021 asks for HSTS preload; joining the browsers' preload list is the
        # municipality's decision for its whole domain, so it is opt-in.
        SILENCED_SYSTEM_CHECKS.append("security.W021")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Internationalisation: Swedish first, English second.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
# Dates on the English pages are written the way a Swedish workplace reads them.
FORMAT_MODULE_PATH = ["mentorship.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
LANGUAGE_COOKIE_NAME = "mentorship_language"
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
# Typed as one of the values set_cookie takes (a plain str would not be).
LANGUAGE_COOKIE_SAMESITE: Literal["Lax", "Strict", "None"] = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploaded documents and produced reports: files under MEDIA_ROOT, or with STORAGE_S3_BUCKET
# objects in an S3-compatible bucket that web and workers on different machines share.
STORAGE_S3_BUCKET = env_str("STORAGE_S3_BUCKET", "")
# Larger files read from the bucket wait in a temporary file rather than in memory.
STORAGE_S3_MAX_MEMORY_SIZE = 5 * 1024 * 1024
S3_ADDRESSING_STYLES = ("auto", "path", "virtual")


def s3_storage_options(bucket: str) -> dict[str, object]:
    """django-storages' S3Storage options from STORAGE_S3_*; private objects, never renamed over."""
    access_key = env_str("STORAGE_S3_ACCESS_KEY_ID", "")
    secret_key = env_str("STORAGE_S3_SECRET_ACCESS_KEY", "")
    if bool(access_key) != bool(secret_key):
        raise ImproperlyConfigured(
            "Set both STORAGE_S3_ACCESS_KEY_ID and STORAGE_S3_SECRET_ACCESS_KEY, or neither "
            "(then boto3 finds credentials itself, e.g. from the machine's role)."
        )
    options: dict[str, object] = {
        "bucket_name": bucket,
        "region_name": env_str("STORAGE_S3_REGION", "us-east-1"),
        "location": env_str("STORAGE_S3_LOCATION", "").strip("/"),
        # Objects stay private (the bucket's own policy); files are handed out only by the
        # site's access-checked download views, never through a bucket URL.
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
        "max_memory_size": STORAGE_S3_MAX_MEMORY_SIZE,
    }
    if endpoint := env_str("STORAGE_S3_ENDPOINT_URL", ""):
        options["endpoint_url"] = endpoint
    # Many on-premises stores (MinIO, Ceph) answer only https://host/bucket/key: "path".
    if style := env_str("STORAGE_S3_ADDRESSING_STYLE", ""):
        if style not in S3_ADDRESSING_STYLES:
            raise ImproperlyConfigured(
                f"STORAGE_S3_ADDRESSING_STYLE must be one of {', '.join(S3_ADDRESSING_STYLES)}, "
                f"not {style!r}."
            )
        options["addressing_style"] = style
    if access_key:
        options["access_key"] = access_key
        options["secret_key"] = secret_key
    return options


STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": s3_storage_options(STORAGE_S3_BUCKET),
        }
        if STORAGE_S3_BUCKET
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploads: refuse large bodies before they reach a form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: SMTP when EMAIL_HOST is set, otherwise printed to the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
elif PRODUCTION and not env_bool("ALLOW_CONSOLE_EMAIL_IN_PRODUCTION", False):
    raise ImproperlyConfigured("EMAIL_HOST must be set in production so that mail reaches people.")
else:
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Mentorprogrammet <noreply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Administrators", address) for address in env_list("ADMIN_EMAILS", [])]

# Celery: Redis in production; with no broker, queued tasks run at once in-process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 15 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 14 * 60)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that wakes a worker while the broker is down gives up within about a second:
# the work is in the database (the outbox, a report's row) and a sweep does it later.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY = False
# Tasks are fire-and-forget: nothing waits for a result (but /healthz?worker=1's ping).
CELERY_TASK_IGNORE_RESULT = True
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1
CELERY_REDIS_SOCKET_TIMEOUT = 5
# A task a killed worker held comes back after its longest run, not an hour later.
CELERY_TASK_VISIBILITY_TIMEOUT = CELERY_TASK_TIME_LIMIT + 60
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_TASK_VISIBILITY_TIMEOUT,
    "socket_connect_timeout": 1,
    "socket_timeout": 1,
    "retry_on_timeout": False,
    "max_retries": 0,
}
# How often beat starts the sweeps that find due work in the database.
SWEEP_INTERVAL_SECONDS = env_int("SWEEP_INTERVAL_SECONDS", 5 * 60)
# A matching run of more adepts than this is computed by a task; its page follows the stage.
MATCHING_TASK_FROM_ADEPTS = env_int("MATCHING_TASK_FROM_ADEPTS", 2000)

# The pair's year (pairs/schedule.py; README, "The pair's year").
# A reminder to both this long before a planned meeting.
PAIRS_REMINDER_HOURS_BEFORE = env_int("PAIRS_REMINDER_HOURS_BEFORE", 24)
# A nudge to a pair with no meeting for this long and none planned, again after as long.
PAIRS_NUDGE_AFTER_WEEKS = env_int("PAIRS_NUDGE_AFTER_WEEKS", 6)
# Nudges since the last meeting before the coordinator sees "needs attention".
PAIRS_NUDGES_BEFORE_ATTENTION = env_int("PAIRS_NUDGES_BEFORE_ATTENTION", 2)
# A reminder to those who have not answered the evaluation this long after it was sent.
PAIRS_EVALUATION_REMINDER_AFTER_DAYS = env_int("PAIRS_EVALUATION_REMINDER_AFTER_DAYS", 7)
# Rows the pairs' sweep reads per batch.
PAIRS_SWEEP_BATCH_SIZE = env_int("PAIRS_SWEEP_BATCH_SIZE", 500)
# Retention (gallring) runs once a night at this time of CELERY_TIMEZONE: after the day's
# work and the 02:15 backup (docs/operations.md), and outside 02:00-03:00, which the
# change to and from summer time skips or repeats.
RETENTION_HOUR, RETENTION_MINUTE = 3, 30
# Everything beat starts, written out: every app's sweep (the `sweep` task of its
# tasks.py, mentorship/celery.py) on the sweep interval, and the nightly jobs on a crontab.
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    **{
        f"{app}.sweep": {"task": f"{app}.sweep", "schedule": float(SWEEP_INTERVAL_SECONDS)}
        for app in ("notifications", "programmes", "events", "matching", "pairs", "reports")
    },
    # See privacy/services/retention.py.
    "privacy.retention_run": {
        "task": "privacy.retention_run",
        "schedule": crontab(hour=RETENTION_HOUR, minute=RETENTION_MINUTE),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint tells every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The organisation responsible for the service and where people ask for content in another
# form, named in the accessibility statement (the law asks for both). Development shows the
# demo's: Håbo hosts the consortium of demo.consortium.
SERVICE_OWNER = env_str("SERVICE_OWNER", None if PRODUCTION else "Håbo kommun")
ACCESSIBILITY_CONTACT_EMAIL = env_str(
    "ACCESSIBILITY_CONTACT_EMAIL", None if PRODUCTION else "tillganglighet@habo.demo.example"
)
ACCESSIBILITY_CONTACT_PHONE = env_str("ACCESSIBILITY_CONTACT_PHONE", "")

"""Root URLs. Every project view sits under one of the apps' namespaces."""

from __future__ import annotations

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from common.views.health import healthz, healthz_live

# The admin signs in through allauth's sign-in, so its rate limits and MFA apply.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

# A database outage is a 503 page asking to come back, not a 500 (common/views/errors.py).
handler500 = "common.views.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("healthz/live", healthz_live, name="healthz_live"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("programmes.urls")),
    path("", include("accounts.urls")),
    path("", include("events.urls")),
    path("", include("fees.urls")),
    path("", include("privacy.urls")),
    path("pairs/", include("pairs.urls")),
    path("matching/", include("matching.urls")),
    path("reports/", include("reports.urls")),
]

"""Root URLs. Every project view sits under one of the apps' namespaces."""

from __future__ import annotations

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from programmes.views.health import healthz

# The admin signs in through allauth's sign-in, so its rate limits and MFA apply.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("programmes.urls")),
    path("pairs/", include("pairs.urls")),
    path("matching/", include("matching.urls")),
    path("reports/", include("reports.urls")),
]

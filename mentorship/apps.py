from __future__ import annotations

from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    # Every ModelAdmin, the account libraries' too, refuses lookups on closed text.
    default_site = "privacy.admin_site.AdminSite"

"""The outbox in the admin, read-only."""

from __future__ import annotations

from django.contrib import admin

from common.admin import ReadOnlyAdmin
from notifications.models import Delivery


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = [
        "kind",
        "recipient",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    list_filter = ["status", "kind"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"

"""The audit log in the admin: read-only; and the mixin that records opening a person's data."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from audit.models import AuditEvent
from audit.services import audit_record
from common.admin import ModelAdminMixin, ReadOnlyAdmin


class AuditedViewMixin(ModelAdminMixin):
    """Records in the audit log that an administrator opened a record of personal data."""

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        # The admin lets only signed-in staff this far; the check tells the type checker so.
        if (
            request.method == "GET"
            and response.status_code == 200
            and request.user.is_authenticated
        ):
            obj = self.get_object(request, object_id)
            if obj is not None:
                audit_record(
                    actor=request.user,
                    action="admin.view",
                    target=obj,
                    summary=f"{obj._meta.verbose_name} #{obj.pk} opened in the admin",
                )
        return response


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "target_type", "target_id", "summary"]
    list_filter = ["action"]
    search_fields = ["action", "actor__email", "actor__full_name", "target_id"]
    list_select_related = ["actor"]
    date_hierarchy = "at"

"""The admin site for administrators: the consortium's core data, read-only logs.

Reflection, note and answer text never appears here (those models belong to the
pairs app and are not registered with their text). Opening a person's or an
enrolment's page is recorded in the audit log.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import (
    AuditEvent,
    Cohort,
    Delivery,
    Enrolment,
    Membership,
    Municipality,
    PersonAnonymisation,
    Programme,
    RetentionAction,
    RetentionDecision,
    RetentionRun,
    User,
)
from .services.audit import audit_record


class AuditedViewMixin:
    """Records in the audit log that an administrator opened a record of personal data."""

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)  # type: ignore[misc]
        if request.method == "GET" and response.status_code == 200:
            obj = self.get_object(request, object_id)  # type: ignore[attr-defined]
            if obj is not None:
                audit_record(
                    actor=request.user,  # type: ignore[arg-type]
                    action="admin.view",
                    target=obj,
                    summary=f"{obj._meta.verbose_name} #{obj.pk} opened in the admin",
                )
        return response


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(AuditedViewMixin, DjangoUserAdmin):
    ordering = ["full_name", "email"]
    list_display = ["full_name", "email", "is_active", "is_staff", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["full_name", "email"]
    readonly_fields = ["last_login", "date_joined", "anonymise_link"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Person"),
            {"fields": ["full_name", "phone", "preferred_language", "gender", "birth_year"]},
        ),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
        (_("Privacy"), {"fields": ["anonymise_link"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]

    @admin.display(description=_("Anonymise on request"))
    def anonymise_link(self, obj: User) -> str:
        if obj.pk is None:
            return "–"
        url = reverse("programmes:person_anonymise", kwargs={"pk": obj.pk})
        return format_html('<a href="{}">{}</a>', url, _("Anonymise this person…"))


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    filter_horizontal = ["contacts"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "admission_rule", "fee_sek"]
    list_filter = ["kind", "admission_rule"]
    search_fields = ["name"]
    filter_horizontal = ["coordinators"]
    inlines = [MembershipInline]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "starts_on", "ends_on"]
    list_filter = ["programme"]
    search_fields = ["name", "programme__name"]
    date_hierarchy = "starts_on"


@admin.register(Enrolment)
class EnrolmentAdmin(AuditedViewMixin, admin.ModelAdmin):
    list_display = ["person", "cohort", "role", "status", "municipality"]
    list_filter = ["role", "status", "municipality"]
    search_fields = ["person__full_name", "person__email", "cohort__name"]
    list_select_related = ["person", "cohort", "municipality"]
    raw_id_fields = ["person"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "target_type", "target_id", "summary"]
    list_filter = ["action"]
    search_fields = ["action", "actor__email", "actor__full_name", "target_id"]
    list_select_related = ["actor"]
    date_hierarchy = "at"


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["kind", "key", "recipient", "claimed_at", "sent_at", "attempts"]
    list_filter = ["kind"]
    list_select_related = ["recipient"]


@admin.register(RetentionDecision)
class RetentionDecisionAdmin(admin.ModelAdmin):
    list_display = [
        "municipality",
        "decided_on",
        "reference",
        "reflections_months",
        "notes_months",
        "evaluation_answers_months",
        "applications_months",
        "contact_details_months",
    ]
    list_select_related = ["municipality"]
    readonly_fields = ["recorded_by", "recorded_at"]


class RetentionActionInline(admin.TabularInline):
    model = RetentionAction
    extra = 0
    can_delete = False
    readonly_fields = ["decision", "kind", "count"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "finished_at", "trigger"]
    inlines = [RetentionActionInline]


@admin.register(PersonAnonymisation)
class PersonAnonymisationAdmin(ReadOnlyAdmin):
    list_display = ["person", "performed_by", "performed_at"]
    list_select_related = ["person", "performed_by"]

"""The admin site for administrators: the consortium's core data and the people.

The person's admin page (accounts' User) is registered here rather than in accounts/,
because what it changes beyond the name is access: staff and superuser flags, groups and
permissions, granted through programmes/services/grants.py like every other role.

Reflection, note and answer text never appears here (those models belong to the
pairs app and are not registered with their text), and no filter or search reaches it
(privacy/admin_site.py). People are never deleted here. Opening a person's or an enrolment's
page is recorded in the audit log.
"""

from __future__ import annotations

from typing import Any

from allauth.usersessions.admin import UserSessionAdmin as AllauthUserSessionAdmin
from allauth.usersessions.models import UserSession
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit.admin import AuditedViewMixin
from common.admin import ReadOnlyAdmin
from programmes.admin_grants import (
    ContactsAdminMixin,
    CoordinatorsAdminMixin,
    PersonAccessAdminMixin,
)
from programmes.models import (
    ApprovalStage,
    Cohort,
    CohortMessage,
    ConsentRequest,
    Enrolment,
    ImportBatch,
    Membership,
    Municipality,
    Nomination,
    Programme,
    StageDecision,
    WorkArea,
)


@admin.register(User)
class UserAdmin(PersonAccessAdminMixin, AuditedViewMixin, DjangoUserAdmin):
    ordering = ["full_name", "email"]
    list_display = ["full_name", "email", "is_active", "is_staff", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["full_name", "email"]
    readonly_fields = ["last_login", "date_joined", "deactivate_link", "anonymise_link"]
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
        (_("Privacy"), {"fields": ["deactivate_link", "anonymise_link"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]

    # People are deactivated or anonymised, never deleted: no delete page, no bulk action.
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("Deactivate"))
    def deactivate_link(self, obj: User) -> str:
        if obj.pk is None or not obj.is_active:
            return "–"
        url = reverse("privacy:person_deactivate", kwargs={"pk": obj.pk})
        return format_html('<a href="{}">{}</a>', url, _("Deactivate and sign out everywhere…"))

    @admin.display(description=_("Anonymise on request"))
    def anonymise_link(self, obj: User) -> str:
        if obj.pk is None:
            return "–"
        url = reverse("privacy:person_anonymise", kwargs={"pk": obj.pk})
        return format_html('<a href="{}">{}</a>', url, _("Anonymise this person…"))


# allauth's own searches user__username, which this User model has not: any search was a 500.
admin.site.unregister(UserSession)


@admin.register(UserSession)
class UserSessionAdmin(AllauthUserSessionAdmin):
    search_fields = ["user__full_name", "user__email", "ip"]


@admin.register(Municipality)
class MunicipalityAdmin(ContactsAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    filter_horizontal = ["contacts"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(CoordinatorsAdminMixin, admin.ModelAdmin):
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


# Enrolment. Free text written by managers and nominators (consent comments, nomination
# motivations, stage comments) and imported rows are left out: the app shows them to
# those who decide, the admin does not.


class ProgrammeListAdmin(admin.ModelAdmin):
    """A programme's own ordered list (models.enrolment.ProgrammeList)."""

    list_display = ["name", "programme", "position"]
    list_filter = ["programme"]
    search_fields = ["name", "programme__name"]
    list_select_related = ["programme"]


admin.site.register(WorkArea, ProgrammeListAdmin)
admin.site.register(ApprovalStage, ProgrammeListAdmin)


@admin.register(ConsentRequest)
class ConsentRequestAdmin(AuditedViewMixin, admin.ModelAdmin):
    list_display = ["enrolment", "manager_name", "asked_at", "decided_at", "agreed"]
    list_filter = ["agreed", "enrolment__cohort__programme"]
    search_fields = ["manager_name", "manager_email", "enrolment__person__full_name"]
    list_select_related = ["enrolment__person", "enrolment__cohort"]
    raw_id_fields = ["enrolment"]
    # The nonce is part of the signed link: shown read-only here, never in the list.
    fields = [
        "enrolment",
        "manager_name",
        "manager_email",
        "nonce",
        "asked_at",
        "decided_at",
        "agreed",
    ]
    readonly_fields = ["nonce", "asked_at", "decided_at", "agreed"]


class StageDecisionInline(admin.TabularInline):
    model = StageDecision
    extra = 0
    can_delete = False
    fields = readonly_fields = ("stage", "approved", "decided_by", "decided_at")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Nomination)
class NominationAdmin(AuditedViewMixin, admin.ModelAdmin):
    list_display = ["enrolment", "nominated_by", "created_at"]
    list_filter = ["enrolment__cohort__programme"]
    search_fields = ["enrolment__person__full_name", "nominated_by__full_name"]
    list_select_related = ["enrolment__person", "enrolment__cohort", "nominated_by"]
    raw_id_fields = ["enrolment", "nominated_by"]
    fields = ["enrolment", "nominated_by", "created_at"]
    readonly_fields = ["created_at"]
    inlines = [StageDecisionInline]


@admin.register(StageDecision)
class StageDecisionAdmin(ReadOnlyAdmin):
    list_display = ["nomination", "stage", "approved", "decided_by", "decided_at"]
    list_filter = ["approved", "stage__programme"]
    search_fields = ["nomination__enrolment__person__full_name", "decided_by__full_name"]
    list_select_related = ["nomination__enrolment__person", "stage", "decided_by"]
    fields = ["nomination", "stage", "approved", "decided_by", "decided_at"]


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ["filename", "cohort", "role", "uploaded_by", "created_at"]
    list_filter = ["role"]
    search_fields = ["filename", "cohort__name", "uploaded_by__full_name"]
    list_select_related = ["cohort", "uploaded_by"]
    fields = ["filename", "cohort", "role", "uploaded_by", "created_at"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # An abandoned upload may be removed; it was never confirmed.
        return bool(request.user.is_superuser)


# Events, resources and messages.


@admin.register(CohortMessage)
class CohortMessageAdmin(ReadOnlyAdmin):
    list_display = [
        "subject",
        "cohort",
        "audience",
        "municipality",
        "recipient_count",
        "created_at",
    ]
    list_filter = ["audience", "cohort__programme"]
    search_fields = ["subject", "cohort__name", "sent_by__full_name"]
    list_select_related = ["cohort", "municipality"]
    date_hierarchy = "created_at"

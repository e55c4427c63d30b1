"""Retention decisions, the logged retention runs and anonymisations in the admin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from common.admin import ReadOnlyAdmin
from privacy.models import PersonAnonymisation, RetentionAction, RetentionDecision, RetentionRun


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

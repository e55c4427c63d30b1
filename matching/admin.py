from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import (
    CohortMatching,
    Dimension,
    Exclusion,
    MatchRun,
    PairLock,
    Question,
    Questionnaire,
    TravelTime,
)


class DimensionInline(admin.TabularInline):
    model = Dimension
    extra = 0


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["programme", "updated_at"]
    inlines = [DimensionInline, QuestionInline]


@admin.register(CohortMatching)
class CohortMatchingAdmin(admin.ModelAdmin):
    list_display = [
        "cohort",
        "min_years_ahead",
        "profiles_opened_at",
        "shortlist_open",
        "objective",
    ]


@admin.register(TravelTime)
class TravelTimeAdmin(admin.ModelAdmin):
    list_display = ["origin", "destination", "minutes"]


@admin.register(Exclusion)
class ExclusionAdmin(admin.ModelAdmin):
    list_display = ["cohort", "mentor", "adept", "reason", "source", "created_at"]
    list_filter = ["source", "reason"]
    list_select_related = ["cohort", "mentor__person", "adept__person"]
    # A participant's comment is for the coordinator in the app, not for the admin.
    exclude = ["comment"]
    raw_id_fields = ["mentor", "adept", "declared_by"]


@admin.register(PairLock)
class PairLockAdmin(admin.ModelAdmin):
    list_display = ["cohort", "mentor", "adept", "manual", "created_at"]
    list_select_related = ["cohort", "mentor__person", "adept__person"]


@admin.register(MatchRun)
class MatchRunAdmin(admin.ModelAdmin):
    # Runs are a record of what was proposed and why: read only.
    list_display = [
        "cohort",
        "number",
        "created_at",
        "objective",
        "stage",
        "total_score",
        "published_at",
    ]
    readonly_fields = [f.name for f in MatchRun._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

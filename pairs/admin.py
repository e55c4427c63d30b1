"""Admin for the pair's year. What the pair writes (notes, preparation, reflections,
evaluation answers) is never shown here: only the facts around it, and none of it can be
added, changed or deleted here (retention empties texts; README, "Privacy and security")."""

from __future__ import annotations

from django.contrib import admin

from programmes.admin import ReadOnlyAdmin

from .models import (
    Agreement,
    FitAnswer,
    Meeting,
    Pair,
    PairNudge,
    Question,
    Questionnaire,
    Reflection,
)


@admin.register(Pair)
class PairAdmin(admin.ModelAdmin):
    list_display = ["__str__", "cohort", "created_at", "dissolved_at"]
    list_filter = ["cohort__programme", "cohort"]
    raw_id_fields = ["mentor", "adept"]
    search_fields = ["mentor__person__full_name", "adept__person__full_name"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    # No notes, questions or link: those belong to the pair.
    list_display = ["pair", "starts_at", "minutes", "status"]
    list_filter = ["status"]
    fields = readonly_fields = (
        "pair",
        "starts_at",
        "minutes",
        "mode",
        "status",
        "held_minutes",
        "sequence",
    )


@admin.register(Reflection)
class ReflectionAdmin(ReadOnlyAdmin):
    # Registered without its text, which only the author ever reads.
    list_display = ["pk", "pair", "author", "shared", "created_at"]
    fields = readonly_fields = ("pair", "author", "shared", "created_at")


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["pair", "mentor_confirmed_at", "adept_confirmed_at"]
    fields = readonly_fields = ("pair", "mentor_confirmed_at", "adept_confirmed_at", "updated_at")


@admin.register(FitAnswer)
class FitAnswerAdmin(ReadOnlyAdmin):
    list_display = ["pair", "person", "works", "answered_at"]
    fields = readonly_fields = ("pair", "person", "works", "answered_at")


@admin.register(PairNudge)
class PairNudgeAdmin(ReadOnlyAdmin):
    list_display = ["pair", "number", "sent_at"]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["cohort", "kind", "title", "send_days_before_end", "open_from", "open_until"]
    inlines = [QuestionInline]

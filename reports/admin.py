from __future__ import annotations

from django.contrib import admin

from .models import Appointment, GeneratedReport, OutcomeTarget


@admin.register(GeneratedReport)
class GeneratedReportAdmin(admin.ModelAdmin):
    list_display = ["cohort", "municipality", "language", "requested_by", "created_at", "status"]
    list_filter = ["status", "language"]
    readonly_fields = ["requested_by", "created_at", "finished_at", "progress", "pages", "pdf"]


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ["enrolment", "post", "appointed_on", "is_manager_post", "is_internal"]
    list_select_related = ["enrolment__person", "enrolment__cohort"]
    raw_id_fields = ["enrolment"]


@admin.register(OutcomeTarget)
class OutcomeTargetAdmin(admin.ModelAdmin):
    list_display = ["programme", "manager_share_percent", "within_months"]

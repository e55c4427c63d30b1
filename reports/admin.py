from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Appointment, GeneratedReport, OutcomeTarget


@admin.register(GeneratedReport)
class GeneratedReportAdmin(admin.ModelAdmin):
    list_display = ["cohort", "municipality", "language", "requested_by", "created_at", "status"]
    list_filter = ["status", "language"]
    exclude = ["pdf"]
    readonly_fields = [
        "requested_by",
        "created_at",
        "finished_at",
        "progress",
        "pages",
        "stored_pdf",
    ]

    # The stored name only: a link would lead to the storage (with S3 a signed bucket URL),
    # around the access-checked and audited download view.
    @admin.display(description=_("PDF file"))
    def stored_pdf(self, report: GeneratedReport) -> str:
        return report.pdf.name


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ["enrolment", "post", "appointed_on", "is_manager_post", "is_internal"]
    list_select_related = ["enrolment__person", "enrolment__cohort"]
    raw_id_fields = ["enrolment"]


@admin.register(OutcomeTarget)
class OutcomeTargetAdmin(admin.ModelAdmin):
    list_display = ["programme", "manager_share_percent", "within_months"]

from __future__ import annotations

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("cohorts/<int:pk>/", views.cohort_overview, name="cohort_overview"),
    path("cohorts/<int:pk>/reports/", views.cohort_reports, name="cohort_reports"),
    path("cohorts/<int:pk>/csv/<slug:table>/", views.cohort_csv, name="cohort_csv"),
    path("municipalities/<int:pk>/", views.municipality_view, name="municipality_view"),
    path(
        "municipalities/<int:pk>/cohorts/<int:cohort_pk>/reports/",
        views.municipality_reports,
        name="municipality_reports",
    ),
    path(
        "municipalities/<int:pk>/cohorts/<int:cohort_pk>/csv/<slug:table>/",
        views.municipality_csv,
        name="municipality_csv",
    ),
    path("generated/<int:pk>/", views.report_status, name="report_status"),
    path("generated/<int:pk>/download/", views.report_download, name="report_download"),
    path("programmes/<int:pk>/target/", views.outcome_target, name="outcome_target"),
    path("enrolments/<int:pk>/appointments/", views.appointment_create, name="appointment_create"),
]

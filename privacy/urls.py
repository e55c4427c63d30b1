"""Routes of the trust pages: register extract, retention, anonymisation, audit log."""

from __future__ import annotations

from django.urls import path

from privacy import views as trust

app_name = "privacy"

urlpatterns = [
    path("me/data/", trust.my_data, name="my_data"),
    path("me/data.json", trust.my_data_json, name="my_data_json"),
    path("trust/retention/", trust.retention_overview, name="retention"),
    path(
        "trust/retention/<int:municipality_pk>/new/",
        trust.retention_decision_create,
        name="retention_decision_create",
    ),
    path("trust/people/<int:pk>/anonymise/", trust.person_anonymise, name="person_anonymise"),
    path("trust/people/<int:pk>/deactivate/", trust.person_deactivate, name="person_deactivate"),
    path("trust/audit/", trust.audit_log, name="audit_log"),
]

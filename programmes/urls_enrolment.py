"""Applications, consent, admission, nominations and the participant import."""

from __future__ import annotations

from django.urls import URLPattern, path

from .views import enrolment, enrolment_import, nomination

urlpatterns: list[URLPattern] = [
    path("cohorts/<int:pk>/apply/", enrolment.apply, name="apply"),
    path("me/applications/", enrolment.my_applications, name="my_applications"),
    path("applications/<int:pk>/withdraw/", enrolment.withdraw, name="application_withdraw"),
    path("consent/<str:token>/", enrolment.consent_answer, name="consent_answer"),
    path(
        "cohorts/<int:pk>/applications/",
        enrolment.cohort_applications,
        name="cohort_applications",
    ),
    path("applications/<int:pk>/decide/", enrolment.application_decide, name="application_decide"),
    path("programmes/<int:pk>/work-areas/", enrolment.work_areas, name="work_areas"),
    path(
        "programmes/<int:pk>/nomination-settings/",
        enrolment.nomination_settings,
        name="nomination_settings",
    ),
    path("cohorts/<int:pk>/nominate/", nomination.nominate, name="nominate"),
    path("me/nominations/", nomination.my_nominations, name="my_nominations"),
    path("nominations/<int:pk>/", nomination.nomination_detail, name="nomination_detail"),
    path("cohorts/<int:pk>/import/", enrolment_import.import_upload, name="import_upload"),
    path("imports/<int:pk>/", enrolment_import.import_preview, name="import_preview"),
]

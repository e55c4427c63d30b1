from __future__ import annotations

from django.urls import path

from programmes.views import (
    about,
    consortium,
    copying,
    core,
    enrolment,
    enrolment_import,
    messages,
    nomination,
    participants,
)

app_name = "programmes"

urlpatterns = [
    path("", core.home, name="home"),
    path("about/accessibility/", about.accessibility, name="accessibility"),
    path("people/invite/", core.person_invite, name="person_invite"),
    path("people/search/", core.people_search, name="people_search"),
    path("programmes/", core.programme_list, name="programme_list"),
    path("programmes/new/", core.programme_create, name="programme_create"),
    path("programmes/new/<slug:shape_key>/", core.programme_create, name="programme_create_from"),
    path("programmes/<int:pk>/", core.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/edit/", core.programme_edit, name="programme_edit"),
    path("programmes/<int:pk>/copy/", copying.programme_copy, name="programme_copy"),
    path("programmes/<int:programme_pk>/cohorts/new/", core.cohort_create, name="cohort_create"),
    path(
        "programmes/<int:programme_pk>/members/new/",
        core.membership_create,
        name="membership_create",
    ),
    path("memberships/<int:pk>/edit/", core.membership_edit, name="membership_edit"),
    path("cohorts/<int:pk>/", core.cohort_detail, name="cohort_detail"),
    path("cohorts/<int:pk>/edit/", core.cohort_edit, name="cohort_edit"),
    path("cohorts/<int:pk>/copy/", copying.cohort_copy, name="cohort_copy"),
    path("municipalities/", core.municipality_list, name="municipality_list"),
    path("municipalities/new/", core.municipality_create, name="municipality_create"),
    path("municipalities/<int:pk>/edit/", core.municipality_edit, name="municipality_edit"),
    # Applications, consent, admission, nominations and the participant import.
    path("cohorts/<int:pk>/apply/", enrolment.apply, name="apply"),
    path("me/applications/", enrolment.my_applications, name="my_applications"),
    path("applications/<int:pk>/withdraw/", enrolment.withdraw, name="application_withdraw"),
    path("consent/<str:token>/", enrolment.consent_answer, name="consent_answer"),
    path(
        "cohorts/<int:pk>/applications/",
        enrolment.cohort_applications,
        name="cohort_applications",
    ),
    path(
        "cohorts/<int:pk>/applications/bulk/",
        enrolment.cohort_applications_bulk,
        name="cohort_applications_bulk",
    ),
    path("applications/<int:pk>/decide/", enrolment.application_decide, name="application_decide"),
    path(
        "cohorts/<int:pk>/participants/",
        participants.cohort_participants,
        name="cohort_participants",
    ),
    path(
        "cohorts/<int:pk>/participants/bulk/",
        participants.cohort_participants_bulk,
        name="cohort_participants_bulk",
    ),
    path("programmes/<int:pk>/work-areas/", enrolment.work_areas, name="work_areas"),
    path(
        "programmes/<int:pk>/nomination-settings/",
        enrolment.nomination_settings,
        name="nomination_settings",
    ),
    path("cohorts/<int:pk>/nominate/", nomination.nominate, name="nominate"),
    path("me/nominations/", nomination.my_nominations, name="my_nominations"),
    path("nominations/<int:pk>/", nomination.nomination_detail, name="nomination_detail"),
    path("nominations/<int:pk>/accept/", nomination.nomination_accept, name="nomination_accept"),
    path("cohorts/<int:pk>/import/", enrolment_import.import_upload, name="import_upload"),
    path("imports/<int:pk>/", enrolment_import.import_preview, name="import_preview"),
    # A running cohort: its messages and bounced mail; the consortium's agreement periods.
    path("cohorts/<int:cohort_pk>/messages/", messages.message_list, name="message_list"),
    path("cohorts/<int:cohort_pk>/messages/new/", messages.message_create, name="message_create"),
    path(
        "cohorts/<int:cohort_pk>/bounces/<int:person_pk>/",
        messages.bounce_correct,
        name="bounce_correct",
    ),
    path(
        "programmes/<int:programme_pk>/consortium/",
        consortium.consortium_detail,
        name="consortium_detail",
    ),
    path(
        "programmes/<int:programme_pk>/agreement-periods/new/",
        consortium.agreement_period_create,
        name="agreement_period_create",
    ),
    path(
        "agreement-periods/<int:pk>/edit/",
        consortium.agreement_period_edit,
        name="agreement_period_edit",
    ),
]

from __future__ import annotations

from django.urls import path

from .views import conflicts, profile, runs

app_name = "matching"

urlpatterns = [
    path("cohorts/<int:pk>/", runs.cohort_matching, name="cohort"),
    path("cohorts/<int:pk>/settings/", runs.settings_edit, name="settings"),
    path("cohorts/<int:pk>/run/", runs.run_create, name="run_create"),
    path("cohorts/<int:pk>/exclusions/new/", runs.exclusion_create, name="exclusion_create"),
    path("cohorts/<int:pk>/profiles/", profile.profile_status, name="profile_status"),
    path("cohorts/<int:pk>/profiles/open/", profile.profiles_open, name="profiles_open"),
    path("cohorts/<int:pk>/profiles/remind/", profile.profiles_remind, name="profiles_remind"),
    path("exclusions/<int:pk>/delete/", runs.exclusion_delete, name="exclusion_delete"),
    path("locks/<int:pk>/delete/", runs.lock_delete, name="lock_delete"),
    path("pairs/<int:pk>/dissolve/", runs.pair_dissolve_for_rematch, name="pair_dissolve"),
    path("runs/<int:pk>/", runs.run_detail, name="run"),
    path("runs/<int:pk>/compare/", runs.run_compare, name="run_compare"),
    path("runs/<int:pk>/publish/", runs.run_publish, name="run_publish"),
    path(
        "runs/<int:pk>/proposals/<int:proposal_pk>/lock/",
        runs.proposal_lock,
        name="proposal_lock",
    ),
    path(
        "runs/<int:pk>/proposals/<int:proposal_pk>/forbid/",
        runs.proposal_forbid,
        name="proposal_forbid",
    ),
    path("runs/<int:pk>/adepts/<int:adept_pk>/", runs.candidates, name="candidates"),
    path(
        "runs/<int:pk>/adepts/<int:adept_pk>/mentors/<int:mentor_pk>/",
        runs.pair_set,
        name="pair_set",
    ),
    path("programmes/<int:pk>/questionnaire/", profile.questionnaire, name="questionnaire"),
    path(
        "programmes/<int:pk>/questionnaire/dimensions/new/",
        profile.dimension_edit,
        name="dimension_create",
    ),
    path(
        "programmes/<int:pk>/questionnaire/dimensions/<int:dimension_pk>/",
        profile.dimension_edit,
        name="dimension_edit",
    ),
    path(
        "programmes/<int:pk>/questionnaire/questions/new/",
        profile.question_edit,
        name="question_create",
    ),
    path(
        "programmes/<int:pk>/questionnaire/questions/<int:question_pk>/",
        profile.question_edit,
        name="question_edit",
    ),
    path("questions/<int:pk>/delete/", profile.question_delete, name="question_delete"),
    path("programmes/<int:pk>/travel-times/", profile.travel_times, name="travel_times"),
    path("profile/<int:pk>/", profile.profile_form, name="profile"),
    path("profile/<int:pk>/shortlist/", profile.shortlist, name="shortlist"),
    path("profile/<int:pk>/conflicts/", conflicts.conflicts, name="conflicts"),
    path("conflicts/<int:pk>/withdraw/", conflicts.conflict_withdraw, name="conflict_withdraw"),
    path(
        "profile/<int:pk>/questions/<int:question_pk>/",
        profile.profile_answer,
        name="profile_answer",
    ),
]

from __future__ import annotations

from django.urls import path

from . import urls_accounts, urls_enrolment, urls_running, urls_trust
from .views import about, account, core

app_name = "programmes"

urlpatterns = [
    path("", core.home, name="home"),
    path("about/accessibility/", about.accessibility, name="accessibility"),
    path("me/", account.profile, name="profile"),
    path("programmes/", core.programme_list, name="programme_list"),
    path("programmes/new/", core.programme_create, name="programme_create"),
    path("programmes/<int:pk>/", core.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/edit/", core.programme_edit, name="programme_edit"),
    path("programmes/<int:programme_pk>/cohorts/new/", core.cohort_create, name="cohort_create"),
    path(
        "programmes/<int:programme_pk>/members/new/",
        core.membership_create,
        name="membership_create",
    ),
    path("memberships/<int:pk>/edit/", core.membership_edit, name="membership_edit"),
    path("cohorts/<int:pk>/", core.cohort_detail, name="cohort_detail"),
    path("cohorts/<int:pk>/edit/", core.cohort_edit, name="cohort_edit"),
    path("municipalities/", core.municipality_list, name="municipality_list"),
    path("municipalities/new/", core.municipality_create, name="municipality_create"),
    path("municipalities/<int:pk>/edit/", core.municipality_edit, name="municipality_edit"),
]

# Each subject keeps its own routes.
urlpatterns += urls_enrolment.urlpatterns + urls_running.urlpatterns + urls_trust.urlpatterns
urlpatterns += urls_accounts.urlpatterns

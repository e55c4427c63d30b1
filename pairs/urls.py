from __future__ import annotations

from django.urls import path

from .views import calendar, coordinator, evaluation, meetings, pair

app_name = "pairs"

urlpatterns = [
    path("", pair.pair_list, name="pair_list"),
    path("<int:pk>/", pair.pair_detail, name="pair_detail"),
    path("<int:pk>/agreement/", pair.agreement_edit, name="agreement_edit"),
    path("<int:pk>/agreement/confirm/", pair.agreement_confirm, name="agreement_confirm"),
    path("<int:pk>/fit/", pair.fit_answer, name="fit_answer"),
    path("<int:pk>/goals/new/", pair.goal_create, name="goal_create"),
    path("<int:pk>/homework/new/", pair.homework_create, name="homework_create"),
    path("<int:pk>/reflections/new/", pair.reflection_create, name="reflection_create"),
    path("<int:pk>/meetings/new/", meetings.meeting_plan, name="meeting_plan"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/log/", meetings.meeting_log, name="meeting_log"),
    path("meetings/<int:pk>/prepare/", meetings.meeting_prepare, name="meeting_prepare"),
    path("meetings/<int:pk>/meeting.ics", meetings.meeting_ics_download, name="meeting_ics"),
    path("goals/<int:pk>/rate/", pair.goal_rate, name="goal_rate"),
    path("homework/<int:pk>/tick/", pair.homework_tick, name="homework_tick"),
    path("reflections/<int:pk>/share/", pair.reflection_share, name="reflection_share"),
    path("calendar/", calendar.calendar_settings, name="calendar"),
    path("calendar/renew/", calendar.calendar_renew, name="calendar_renew"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    path("cohorts/<int:pk>/health/", coordinator.cohort_health, name="cohort_health"),
    path("cohorts/<int:pk>/evaluation/", coordinator.questionnaire_edit, name="questionnaire_edit"),
    path(
        "cohorts/<int:pk>/evaluation/results/",
        coordinator.evaluation_results,
        name="evaluation_results",
    ),
    path("questions/<int:pk>/remove/", coordinator.question_remove, name="question_remove"),
    path("evaluation/<int:pk>/", evaluation.evaluation_answer, name="evaluation_answer"),
]

from __future__ import annotations

from django.urls import path

from .views import calendar, coordinator, evaluation, groups, history, meetings, pair, surveys

app_name = "pairs"

urlpatterns = [
    path("", pair.pair_list, name="pair_list"),
    path("<int:pk>/", pair.pair_detail, name="pair_detail"),
    path("<int:pk>/meetings/", history.pair_meetings, name="pair_meetings"),
    path("<int:pk>/goals/", history.pair_goals, name="pair_goals"),
    path("<int:pk>/reflections/", history.pair_reflections, name="pair_reflections"),
    path("<int:pk>/agreement/", pair.agreement_edit, name="agreement_edit"),
    path("<int:pk>/agreement/confirm/", pair.agreement_confirm, name="agreement_confirm"),
    path("<int:pk>/fit/", pair.fit_answer, name="fit_answer"),
    path("<int:pk>/goals/new/", pair.goal_create, name="goal_create"),
    path("<int:pk>/homework/new/", pair.homework_create, name="homework_create"),
    path("<int:pk>/reflections/new/", pair.reflection_create, name="reflection_create"),
    path("<int:pk>/meetings/new/", meetings.meeting_plan, name="meeting_plan"),
    path("<int:pk>/meetings/record/", meetings.meeting_record, name="meeting_record"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/log/", meetings.meeting_log, name="meeting_log"),
    path("meetings/<int:pk>/prepare/", meetings.meeting_prepare, name="meeting_prepare"),
    path("meetings/<int:pk>/meeting.ics", meetings.meeting_ics_download, name="meeting_ics"),
    path("goals/<int:pk>/rate/", pair.goal_rate, name="goal_rate"),
    path("homework/<int:pk>/tick/", pair.homework_tick, name="homework_tick"),
    path("reflections/<int:pk>/share/", pair.reflection_share, name="reflection_share"),
    path("groups/<int:pk>/", groups.group_detail, name="group_detail"),
    path("groups/<int:pk>/name/", groups.group_rename, name="group_rename"),
    path("groups/<int:pk>/meetings/new/", groups.group_meeting_plan, name="group_meeting_plan"),
    path(
        "groups/<int:pk>/meetings/record/",
        groups.group_meeting_record,
        name="group_meeting_record",
    ),
    path(
        "groups/<int:pk>/reflections/new/",
        groups.group_reflection_create,
        name="group_reflection_create",
    ),
    path("group-meetings/<int:pk>/edit/", groups.group_meeting_edit, name="group_meeting_edit"),
    path("group-meetings/<int:pk>/log/", groups.group_meeting_log, name="group_meeting_log"),
    path(
        "group-meetings/<int:pk>/meeting.ics",
        groups.group_meeting_ics_download,
        name="group_meeting_ics",
    ),
    path(
        "group-reflections/<int:pk>/share/",
        groups.group_reflection_share,
        name="group_reflection_share",
    ),
    path("calendar/", calendar.calendar_settings, name="calendar"),
    path("calendar/renew/", calendar.calendar_renew, name="calendar_renew"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    path("cohorts/<int:pk>/health/", coordinator.cohort_health, name="cohort_health"),
    path(
        "cohorts/<int:pk>/health/bulk/", coordinator.cohort_health_bulk, name="cohort_health_bulk"
    ),
    path("cohorts/<int:pk>/evaluation/", surveys.questionnaire_edit, name="questionnaire_edit"),
    path(
        "cohorts/<int:pk>/evaluation/results/",
        surveys.evaluation_results,
        name="evaluation_results",
    ),
    path("cohorts/<int:pk>/surveys/", surveys.survey_list, name="survey_list"),
    path("cohorts/<int:pk>/surveys/pulse/", surveys.pulse_create, name="pulse_create"),
    path("surveys/<int:pk>/", surveys.survey_edit, name="survey_edit"),
    path("surveys/<int:pk>/preview/<str:role>/", surveys.survey_preview, name="survey_preview"),
    path("surveys/<int:pk>/test-send/", surveys.survey_test_send, name="survey_test_send"),
    path("surveys/<int:pk>/send-now/", surveys.survey_send_now, name="survey_send_now"),
    path("surveys/<int:pk>/results/", surveys.survey_results, name="survey_results"),
    path("surveys/<int:pk>/results.csv", surveys.survey_results_csv, name="survey_results_csv"),
    path("questions/<int:pk>/remove/", surveys.question_remove, name="question_remove"),
    path("questions/<int:pk>/move/", surveys.question_move, name="question_move"),
    path("evaluation/<int:pk>/", evaluation.evaluation_answer, name="evaluation_answer"),
]

"""Routes of events, registrations, attendance and the programme's documents."""

from __future__ import annotations

from django.urls import URLPattern, path

from events.views import attendance, events, open_events, resources, sessions

app_name = "events"

urlpatterns: list[URLPattern] = [
    path("events/", events.event_list, name="event_list"),
    path("programmes/<int:programme_pk>/events/new/", events.event_create, name="event_create"),
    path("events/<int:pk>/", events.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", events.event_edit, name="event_edit"),
    path("events/<int:pk>/register/", events.event_register, name="event_register"),
    path("events/<int:pk>/cancel/", events.event_cancel, name="event_cancel"),
    path("events/<int:pk>/call-off/", events.event_call_off, name="event_call_off"),
    path("events/<int:pk>/open/", open_events.open_event, name="open_event"),
    path("events/<int:pk>/attendance/", attendance.event_attendance, name="event_attendance"),
    path(
        "events/<int:pk>/attendance/bulk/",
        attendance.event_attendance_bulk,
        name="event_attendance_bulk",
    ),
    path(
        "events/<int:pk>/attendance/import/",
        attendance.event_attendance_import,
        name="event_attendance_import",
    ),
    path("events/<int:pk>/check-in/", attendance.event_check_in, name="event_check_in"),
    path(
        "events/<int:pk>/check-in/<int:registration_pk>/",
        attendance.event_check_in_mark,
        name="event_check_in_mark",
    ),
    path("events/<int:pk>/participants.csv", events.event_export, name="event_export"),
    path("events/<int:pk>/event.ics", events.event_ics, name="event_ics"),
    path("cohorts/<int:cohort_pk>/sessions/", sessions.session_list, name="session_list"),
    path("cohorts/<int:cohort_pk>/sessions/new/", sessions.session_create, name="session_create"),
    path("sessions/", sessions.my_sessions, name="my_sessions"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", sessions.session_edit, name="session_edit"),
    path("sessions/<int:pk>/delete/", sessions.session_delete, name="session_delete"),
    path(
        "sessions/<int:pk>/materials/new/",
        sessions.session_material_add,
        name="session_material_add",
    ),
    path("sessions/<int:pk>/reflection/", sessions.session_reflection, name="session_reflection"),
    path("resources/", resources.resource_list, name="resource_list"),
    path(
        "programmes/<int:programme_pk>/resources/new/",
        resources.resource_create,
        name="resource_create",
    ),
    path("resources/<int:pk>/download/", resources.resource_download, name="resource_download"),
    path("resources/<int:pk>/delete/", resources.resource_delete, name="resource_delete"),
]

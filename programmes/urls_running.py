from __future__ import annotations

from django.urls import URLPattern, path

from .views import consortium, events, fees, messages, resources

urlpatterns: list[URLPattern] = [
    path("events/", events.event_list, name="event_list"),
    path("programmes/<int:programme_pk>/events/new/", events.event_create, name="event_create"),
    path("events/<int:pk>/", events.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", events.event_edit, name="event_edit"),
    path("events/<int:pk>/register/", events.event_register, name="event_register"),
    path("events/<int:pk>/cancel/", events.event_cancel, name="event_cancel"),
    path("events/<int:pk>/attendance/", events.event_attendance, name="event_attendance"),
    path("events/<int:pk>/participants.csv", events.event_export, name="event_export"),
    path("events/<int:pk>/event.ics", events.event_ics, name="event_ics"),
    path("resources/", resources.resource_list, name="resource_list"),
    path(
        "programmes/<int:programme_pk>/resources/new/",
        resources.resource_create,
        name="resource_create",
    ),
    path("resources/<int:pk>/download/", resources.resource_download, name="resource_download"),
    path("resources/<int:pk>/delete/", resources.resource_delete, name="resource_delete"),
    path("fees/", fees.invoice_basis_list, name="invoice_basis_list"),
    path(
        "cohorts/<int:cohort_pk>/fees/prepare/",
        fees.invoice_bases_prepare,
        name="invoice_bases_prepare",
    ),
    path("fees/<int:pk>/", fees.invoice_basis_detail, name="invoice_basis_detail"),
    path("fees/<int:pk>/lines/new/", fees.fee_line_create, name="fee_line_create"),
    path("fee-lines/<int:pk>/edit/", fees.fee_line_edit, name="fee_line_edit"),
    path("fees/<int:pk>/sent/", fees.invoice_basis_send, name="invoice_basis_send"),
    path("fees/<int:pk>/paid/", fees.invoice_basis_pay, name="invoice_basis_pay"),
    path("fees/<int:pk>/basis.csv", fees.invoice_basis_csv, name="invoice_basis_csv"),
    path("fees/<int:pk>/basis.pdf", fees.invoice_basis_pdf, name="invoice_basis_pdf"),
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

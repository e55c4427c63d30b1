"""Routes of the invoice bases and their lines."""

from __future__ import annotations

from django.urls import URLPattern, path

from fees import views as fees

app_name = "fees"

urlpatterns: list[URLPattern] = [
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
    path(
        "municipalities/<int:pk>/buyer-details/",
        fees.buyer_details_edit,
        name="buyer_details_edit",
    ),
]

"""Fees and invoice bases: the coordinator's lists and changes, the contact's read-only view,
and each municipality's buyer's details."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from audit.services import audit_record
from common.csvexport import Cell, csv_response
from common.formflow import submit
from common.lists import paginate
from common.pdf import pdf_response
from fees import access as fees_access
from fees import services
from fees.forms import BuyerDetailsForm, FeeLineChangeForm, FeeLineForm
from fees.models import BuyerDetails
from fees.selectors import (
    BasisSummary,
    buyer_details_of,
    invoice_bases_with_totals,
    invoice_basis_summary,
)
from programmes import access

# The lines an invoice basis's page shows at once; a large municipality has hundreds.
LINES_PER_PAGE = 100


@login_required
def invoice_basis_list(request: HttpRequest) -> HttpResponse:
    bases = invoice_bases_with_totals(fees_access.invoice_bases_for_user(request.user))
    cohorts = (
        access.cohorts_for_coordinator(request.user)
        .select_related("programme")
        .order_by("programme__name", "-starts_on")
    )
    may_manage = access.may_manage_municipalities(request.user)
    buyers = buyer_details_of(access.municipalities_for_user(request.user)) if may_manage else []
    return render(
        request,
        "fees/invoice_basis_list.html",
        {"bases": bases, "cohorts": cohorts, "buyers": buyers},
    )


@login_required
@require_POST
def invoice_bases_prepare(request: HttpRequest, cohort_pk: int) -> HttpResponse:
    cohort = access.cohort_for_coordinator(request.user, cohort_pk)
    created = services.invoice_bases_prepare(cohort=cohort)
    messages.success(
        request,
        ngettext(
            "%(count)s fee line was added for %(cohort)s.",
            "%(count)s fee lines were added for %(cohort)s.",
            created,
        )
        % {"count": created, "cohort": cohort},
    )
    return redirect("fees:invoice_basis_list")


@login_required
def invoice_basis_detail(request: HttpRequest, pk: int) -> HttpResponse:
    basis = fees_access.invoice_basis_for_user(request.user, pk)
    may_change = fees_access.may_change_invoice_basis(request.user, basis)
    summary = invoice_basis_summary(basis)
    # A page of the lines, the sums of all of them; the CSV and the PDF hold every line.
    lines = paginate(request.GET, summary.lines, LINES_PER_PAGE)
    return render(
        request,
        "fees/invoice_basis_detail.html",
        {
            "summary": summary,
            "lines": lines.page,
            "query": lines.query,
            "basis": basis,
            "may_change": may_change,
            "may_change_lines": may_change and not basis.is_locked,
            "may_change_buyer": access.may_manage_municipalities(request.user),
        },
    )


@login_required
def fee_line_create(request: HttpRequest, pk: int) -> HttpResponse:
    basis = fees_access.invoice_basis_for_coordinator(request.user, pk)
    form = FeeLineForm(request.POST or None, initial={"amount": basis.cohort.programme.fee_sek})
    if request.method == "POST" and form.is_valid():
        line = submit(
            form, services.fee_line_add, basis=basis, actor=request.user, **form.cleaned_data
        )
        if line:
            messages.success(request, _("The line was added."))
            return redirect("fees:invoice_basis_detail", pk=basis.pk)
    return render(request, "fees/fee_line_form.html", {"form": form, "basis": basis})


@login_required
def fee_line_edit(request: HttpRequest, pk: int) -> HttpResponse:
    line = fees_access.fee_line_for_coordinator(request.user, pk)
    form = FeeLineChangeForm(
        request.POST or None, initial={"reduction": line.reduction, "note": line.note}
    )
    if request.method == "POST" and form.is_valid():
        if submit(
            form, services.fee_line_update, line=line, actor=request.user, **form.cleaned_data
        ):
            messages.success(request, _("The line was saved."))
            return redirect("fees:invoice_basis_detail", pk=line.basis_id)
    return render(
        request,
        "fees/fee_line_form.html",
        {"form": form, "basis": line.basis, "line": line},
    )


def _status_change(
    request: HttpRequest, pk: int, service: Callable[..., object], done: str
) -> HttpResponse:
    basis = fees_access.invoice_basis_for_coordinator(request.user, pk)
    try:
        service(basis=basis, actor=request.user)
        messages.success(request, done)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("fees:invoice_basis_detail", pk=basis.pk)


@login_required
@require_POST
def invoice_basis_send(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_change(
        request,
        pk,
        services.invoice_basis_mark_sent,
        _("Marked as sent to invoicing. The basis is now locked."),
    )


@login_required
@require_POST
def invoice_basis_pay(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_change(request, pk, services.invoice_basis_mark_paid, _("Marked as paid."))


def _export_rows(summary: BasisSummary) -> list[tuple[Cell, ...]]:
    """A row per line, each with the basis's buyer's details so that a finance system
    importing the rows one by one has them."""
    basis = summary.basis
    buyer = (basis.buyer_reference, basis.cost_centre, basis.order_number)
    rows: list[tuple[Cell, ...]] = []
    for line in summary.all_lines:
        rows.append(
            (
                line.description,
                line.enrolment.person.full_name if line.enrolment else "",
                line.amount,
                line.reduction,
                line.total,
                line.note,
                _("Correction") if line.is_correction else "",
                *buyer,
            )
        )
    rows.append((_("Total"), "", None, None, summary.total, "", "", *buyer))
    return rows


@login_required
def invoice_basis_csv(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    basis = fees_access.invoice_basis_for_user(request.user, pk)
    summary = invoice_basis_summary(basis)
    audit_record(actor=request.user, action="invoice_basis.export", target=basis, summary="csv")
    header = [
        _("Description"),
        _("Participant"),
        _("Amount (SEK)"),
        _("Reduction (SEK)"),
        _("To pay (SEK)"),
        _("Note"),
        _("Kind"),
        _("Buyer's reference"),
        _("Cost centre"),
        _("Purchase order number"),
    ]
    filename = f"invoice-basis-{basis.cohort_id}-{basis.municipality.code}.csv"
    return csv_response(filename, header, _export_rows(summary))


@login_required
def invoice_basis_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    basis = fees_access.invoice_basis_for_user(request.user, pk)
    audit_record(actor=request.user, action="invoice_basis.export", target=basis, summary="pdf")
    return pdf_response(
        "fees/invoice_basis_pdf.html",
        {"summary": invoice_basis_summary(basis), "basis": basis},
        filename=f"invoice-basis-{basis.cohort_id}-{basis.municipality.code}.pdf",
        request=request,
    )


@login_required
def buyer_details_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Those who may edit a municipality set what its invoices must carry."""
    if not access.may_manage_municipalities(request.user):
        raise PermissionDenied
    municipality = access.get_or_404(access.municipalities_for_user(request.user), pk)
    details = BuyerDetails.objects.filter(municipality=municipality).first()
    form = BuyerDetailsForm(request.POST or None, instance=details)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            services.buyer_details_update,
            municipality=municipality,
            **form.cleaned_data,
        )
        if saved:
            messages.success(
                request,
                _("The invoicing details of %(name)s were saved.") % {"name": municipality.name},
            )
            return redirect("fees:invoice_basis_list")
    return render(
        request, "fees/buyer_details_form.html", {"form": form, "municipality": municipality}
    )

"""The coordinator's overview, the municipality view, reports, CSV exports and appointments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from accounts.http import AuthenticatedHttpRequest
from audit.services import audit_record
from common.csvexport import csv_response
from common.formflow import submit
from common.http import HtmxHttpRequest
from common.stored_files import stored_file_open
from programmes.access import cohorts_for_coordinator, programme_for_coordinator
from programmes.models import Cohort, Municipality

from . import access, services
from .figures import collect_figures
from .forms import AppointmentForm, OutcomeTargetForm, ReportRequestForm
from .models import OutcomeTarget
from .overview import cohort_overview as build_cohort_overview
from .overview import municipality_view as build_municipality_view


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Where a coordinator finds the cohorts' overviews and a contact the municipality's view."""
    cohorts = (
        cohorts_for_coordinator(request.user)
        .select_related("programme")
        .order_by("programme__name", "-starts_on")
    )
    municipalities = access.municipalities_for_reader(request.user).order_by("name")
    if not cohorts and not municipalities:
        raise Http404
    return render(
        request,
        "reports/index.html",
        {"cohorts": cohorts, "municipalities": municipalities},
    )


@login_required
def cohort_overview(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = access.cohort_for_reports(request.user, pk)
    return render(
        request,
        "reports/cohort_overview.html",
        {"cohort": cohort, "overview": build_cohort_overview(cohort, request.GET)},
    )


@login_required
def municipality_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    municipality = access.municipality_for_reader(request.user, pk)
    programmes = access.programmes_for_reader(request.user, municipality)
    view = build_municipality_view(municipality, programmes, request.GET)
    audit_record(
        actor=request.user,
        action="municipality.view",
        target=municipality,
        summary=f"{len(view.participants)} participants",
    )
    return render(request, "reports/municipality_view.html", {"view": view})


def _report_page(
    request: HttpRequest, cohort: Cohort, municipality: Municipality | None
) -> HttpResponse:
    form = ReportRequestForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        report = submit(
            form,
            services.report_request,
            actor=request.user,
            cohort=cohort,
            municipality=municipality,
            language=form.cleaned_data["language"],
        )
        if report:
            messages.success(request, _("The report is being produced."))
            return redirect("reports:report_status", pk=report.pk)
    reports = (
        access.reports_for_user(request.user)
        .filter(cohort=cohort, municipality=municipality)
        .select_related("requested_by")
    )
    tables = collect_figures(cohort=cohort, municipality=municipality).tables()
    return render(
        request,
        "reports/report_list.html",
        {
            "cohort": cohort,
            "municipality": municipality,
            "form": form,
            "reports": reports,
            "tables": tables,
            "large": not services.report_is_small(cohort=cohort),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cohort_reports(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_page(request, access.cohort_for_reports(request.user, pk), None)


@login_required
@require_http_methods(["GET", "POST"])
def municipality_reports(
    request: AuthenticatedHttpRequest, pk: int, cohort_pk: int
) -> HttpResponse:
    municipality = access.municipality_for_reader(request.user, pk)
    cohort = access.cohort_for_municipality_report(request.user, municipality, cohort_pk)
    return _report_page(request, cohort, municipality)


def _csv(
    request: AuthenticatedHttpRequest, cohort: Cohort, municipality: Municipality | None, table: str
) -> HttpResponse:
    found = collect_figures(cohort=cohort, municipality=municipality).table(table)
    if found is None:
        raise Http404
    parts = [cohort.programme.name, cohort.name, municipality.name if municipality else "", table]
    audit_record(
        actor=request.user,
        action="report.export",
        target=municipality or cohort,
        summary=f"{cohort} {table}",
    )
    return csv_response(
        slugify("-".join(p for p in parts if p)) + ".csv", found.columns, found.rows
    )


@login_required
def cohort_csv(request: AuthenticatedHttpRequest, pk: int, table: str) -> HttpResponse:
    return _csv(request, access.cohort_for_reports(request.user, pk), None, table)


@login_required
def municipality_csv(
    request: AuthenticatedHttpRequest, pk: int, cohort_pk: int, table: str
) -> HttpResponse:
    municipality = access.municipality_for_reader(request.user, pk)
    cohort = access.cohort_for_municipality_report(request.user, municipality, cohort_pk)
    return _csv(request, cohort, municipality, table)


@login_required
@vary_on_headers("HX-Request")
def report_status(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    report = access.report_for_user(request.user, pk)
    # htmx polls for the row alone; a plain visit gets the whole page.
    if request.htmx:
        return render(request, "reports/_report_row.html", {"report": report})
    return render(request, "reports/report_detail.html", {"report": report})


@login_required
def report_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    report = access.report_for_user(request.user, pk)
    if not report.is_done:
        raise Http404
    handle = stored_file_open(report.pdf)
    if handle is None:
        # The row outlived its file (a restore without media): offer to produce it again.
        return render(request, "reports/report_missing.html", {"report": report}, status=404)
    audit_record(
        actor=request.user,
        action="report.download",
        target=report,
        summary=f"{report.cohort} {report.municipality or ''}".strip(),
    )
    return FileResponse(
        handle,
        as_attachment=True,
        filename=services.report_filename(report),
        content_type="application/pdf",
    )


@login_required
@require_http_methods(["GET", "POST"])
def appointment_create(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = access.enrolment_for_appointment(request.user, pk)
    form = AppointmentForm(request.POST or None, initial={"appointed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        appointment = submit(
            form,
            services.appointment_record,
            actor=request.user,
            enrolment=enrolment,
            **form.cleaned_data,
        )
        if appointment:
            messages.success(request, _("The appointment was recorded."))
            return redirect("reports:appointment_create", pk=enrolment.pk)
    return render(
        request,
        "reports/appointment_form.html",
        {
            "enrolment": enrolment,
            "form": form,
            "appointments": enrolment.appointments.select_related("recorded_by"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def outcome_target(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_coordinator(request.user, pk)
    current = OutcomeTarget.objects.filter(programme=programme).first()
    form = OutcomeTargetForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        target = submit(
            form,
            services.outcome_target_set,
            actor=request.user,
            programme=programme,
            **form.cleaned_data,
        )
        if target:
            messages.success(request, _("The outcome target was saved."))
            return redirect("reports:outcome_target", pk=programme.pk)
    return render(request, "reports/outcome_target.html", {"programme": programme, "form": form})

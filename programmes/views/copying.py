"""Copy a cohort to the next year, or a programme to a new one (the coordinator's pages)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.formflow import submit
from programmes import access
from programmes.forms.copying import CohortCopyForm, ProgrammeCopyForm
from programmes.services import copying as services
from programmes.services.copying import CopyResult


def _say_what_was_copied(request: HttpRequest, result: CopyResult, what: str) -> None:
    messages.success(
        request,
        _("%(what)s Copied: %(copied)s.") % {"what": what, "copied": "; ".join(result.copied)},
    )


@login_required
def cohort_copy(request: HttpRequest, pk: int) -> HttpResponse:
    source = access.cohort_for_coordinator(request.user, pk)
    form = CohortCopyForm(
        request.POST or None,
        initial=CohortCopyForm.initial_from(services.cohort_dates_next_year(source)),
    )
    if request.method == "POST" and form.is_valid():
        result = submit(
            form, services.cohort_copy, source=source, actor=request.user, dates=form.dates()
        )
        if result and result.cohort:
            _say_what_was_copied(
                request,
                result,
                _("The cohort %(name)s was created from %(source)s.")
                % {"name": result.cohort.name, "source": source.name},
            )
            return redirect("programmes:cohort_detail", pk=result.cohort.pk)
    return render(
        request,
        "programmes/cohort_copy.html",
        {"form": form, "cohort": source, "programme": source.programme},
    )


@login_required
def programme_copy(request: HttpRequest, pk: int) -> HttpResponse:
    source = access.programme_for_coordinator(request.user, pk)
    if not access.may_create_programme(request.user):
        raise PermissionDenied
    latest = source.cohorts.order_by("-starts_on", "-pk").first()
    data = request.POST or None
    form = ProgrammeCopyForm(data, programme=source, latest=latest)
    cohort_form = (
        CohortCopyForm(
            data,
            prefix="cohort",
            initial=CohortCopyForm.initial_from(services.cohort_dates_next_year(latest)),
        )
        if latest is not None
        else None
    )
    if request.method == "POST" and form.is_valid():
        with_cohort = bool(form.cleaned_data.get("with_cohort"))
        if cohort_form is None or not with_cohort or cohort_form.is_valid():
            result = submit(
                form,
                services.programme_copy,
                source=source,
                actor=request.user,
                name=form.cleaned_data["name"],
                with_members=form.cleaned_data["with_members"],
                cohort_dates=cohort_form.dates() if cohort_form and with_cohort else None,
            )
            if result:
                _say_what_was_copied(
                    request,
                    result,
                    _("The programme %(name)s was created from %(source)s.")
                    % {"name": result.programme.name, "source": source.name},
                )
                return redirect("programmes:programme_detail", pk=result.programme.pk)
    return render(
        request,
        "programmes/programme_copy.html",
        {"form": form, "cohort_form": cohort_form, "programme": source, "latest": latest},
    )

"""The consortium over time: memberships, agreement periods and the cohorts in each."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.formflow import submit
from programmes import access
from programmes.forms.running import AgreementPeriodForm
from programmes.selectors.consortium import cohorts_by_agreement_period
from programmes.services import consortium as services


@login_required
def consortium_detail(request: HttpRequest, programme_pk: int) -> HttpResponse:
    programme = access.programme_for_user(request.user, programme_pk)
    may_edit = access.programmes_for_coordinator(request.user).filter(pk=programme.pk).exists()
    memberships = programme.memberships.select_related("municipality").order_by(
        "joined_on", "municipality__name"
    )
    return render(
        request,
        "programmes/consortium/consortium_detail.html",
        {
            "programme": programme,
            "memberships": memberships,
            "periods": cohorts_by_agreement_period(programme),
            "may_edit": may_edit,
            # A participant sees every cohort of the programme but may open only their own.
            "openable_cohorts": set(
                access.cohorts_for_user(request.user)
                .filter(programme=programme)
                .values_list("pk", flat=True)
            ),
        },
    )


@login_required
def agreement_period_create(request: HttpRequest, programme_pk: int) -> HttpResponse:
    programme = access.programme_for_coordinator(request.user, programme_pk)
    form = AgreementPeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if submit(form, services.agreement_period_create, programme=programme, **form.cleaned_data):
            messages.success(request, _("The agreement period was added."))
            return redirect("programmes:consortium_detail", programme_pk=programme.pk)
    return render(
        request,
        "programmes/consortium/agreement_period_form.html",
        {"form": form, "programme": programme},
    )


@login_required
def agreement_period_edit(request: HttpRequest, pk: int) -> HttpResponse:
    period = access.agreement_period_for_coordinator(request.user, pk)
    form = AgreementPeriodForm(request.POST or None, instance=period)
    if request.method == "POST" and form.is_valid():
        if submit(form, services.agreement_period_update, period=period, **form.cleaned_data):
            messages.success(request, _("The agreement period was saved."))
            return redirect("programmes:consortium_detail", programme_pk=period.programme_id)
    return render(
        request,
        "programmes/consortium/agreement_period_form.html",
        {"form": form, "programme": period.programme, "period": period},
    )

"""A manager nominates an employee; the coordinator records each approval stage's decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.http import AuthenticatedHttpRequest
from common.formflow import submit
from programmes import access
from programmes.forms.enrolment import NominationAcceptForm, NominationForm, StageDecisionForm
from programmes.models import AdmissionRule, EnrolmentStatus
from programmes.selectors import enrolment as selectors
from programmes.services import nomination as services


@login_required
def nominate(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = access.cohort_taking_applications(request.user, pk)
    programme = cohort.programme
    takes_nominations = programme.admission_rule == AdmissionRule.NOMINATION
    is_open = takes_nominations and cohort.is_open_for_applications()
    form = NominationForm(request.POST or None, programme=programme) if is_open else None
    if form is not None and request.method == "POST" and form.is_valid():
        nomination = submit(
            form,
            services.enrolment_nominate,
            manager=request.user,
            cohort=cohort,
            **form.cleaned_data,
        )
        if nomination:
            # The menu leads to the manager's nominations from this page on.
            access.request_roles_forget(request)
            messages.success(
                request,
                _("%(name)s is nominated. You will hear from us when each stage has decided.")
                % {"name": nomination.enrolment.person.full_name},
            )
            return redirect("programmes:nomination_detail", pk=nomination.pk)
    return render(
        request,
        "programmes/enrolment/nominate.html",
        {
            "cohort": cohort,
            "programme": programme,
            "form": form,
            "is_open": is_open,
            "takes_nominations": takes_nominations,
        },
    )


@login_required
def my_nominations(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "programmes/enrolment/my_nominations.html",
        {"nominations": selectors.nominations_made_by(request.user)},
    )


@login_required
def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = access.nomination_for_user(request.user, pk)
    may_decide = access.may_decide_nomination(request.user, nomination)
    stage = services.next_stage(nomination=nomination)
    form = None
    if may_decide and stage is not None and nomination.enrolment.status == EnrolmentStatus.APPLIED:
        form = StageDecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            if submit(
                form,
                services.nomination_stage_decide,
                nomination=nomination,
                stage=stage,
                actor=request.user,
                **form.cleaned_data,
            ):
                messages.success(
                    request, _("The decision of %(stage)s is recorded.") % {"stage": stage.name}
                )
                return redirect("programmes:nomination_detail", pk=nomination.pk)
    return render(
        request,
        "programmes/enrolment/nomination_detail.html",
        {
            "nomination": nomination,
            "enrolment": nomination.enrolment,
            "decisions": nomination.decisions.select_related("stage", "decided_by"),
            "stage": stage,
            "form": form,
            # The internal comments are for those who decide.
            "may_decide": may_decide,
            # The motivation is the manager's assessment, for the deciding stages only.
            "shows_motivation": may_decide or nomination.nominated_by_id == request.user.pk,
        },
    )


@login_required
def nomination_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The nominee's own page: say yes, and optionally answer the questions for statistics."""
    nomination = access.own_nomination(request.user, pk)
    form = NominationAcceptForm(request.POST or None, initial={"gender": request.user.gender})
    if request.method == "POST" and form.is_valid():
        if submit(
            form,
            services.nomination_accept,
            nomination=nomination,
            person=request.user,
            **form.cleaned_data,
        ):
            messages.success(request, _("Thank you! You have accepted the nomination."))
            return redirect("programmes:my_applications")
    return render(
        request,
        "programmes/enrolment/nomination_accept.html",
        {"nomination": nomination, "enrolment": nomination.enrolment, "form": form},
    )

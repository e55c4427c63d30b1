"""Applying, withdrawing, the manager's consent and the coordinator's review of applications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from accounts.models import User
from common.formflow import submit
from common.lists import bulk_respond, list_response
from programmes import access, lists
from programmes.forms.enrolment import (
    ApplicationForm,
    ConsentForm,
    DecisionForm,
    NominationSettingsForm,
    WorkAreasForm,
)
from programmes.models import (
    AdmissionRule,
    Cohort,
    Enrolment,
    ParticipantKind,
    Role,
)
from programmes.profiles import kind_of
from programmes.selectors import enrolment as selectors
from programmes.services import enrolment as services
from programmes.services import enrolment_setup


def _role_to_apply_as(request: HttpRequest, cohort: Cohort) -> str | None:
    """The role whose form to show; None lets the applicant choose on one form, which only
    works when both roles are people of the same kind. A programme of sessions has no
    mentors: everyone applies as a participant."""
    programme = cohort.programme
    if not cohort.has_mentors:
        return Role.ADEPT
    if programme.adept_kind == programme.mentor_kind:
        return None
    role = request.POST.get("role") or request.GET.get("role")
    return role if role in Role.values else ""


@login_required
def apply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = access.cohort_taking_applications(request.user, pk)
    programme = cohort.programme
    is_open = cohort.is_open_for_applications()
    form = None
    role = _role_to_apply_as(request, cohort)
    takes_applications = is_open and programme.admission_rule != AdmissionRule.NOMINATION
    if takes_applications and role != "":
        form = ApplicationForm(
            request.POST or None,
            programme=programme,
            role=role,
            person=request.user,
            cohort_format=cohort.format,
        )
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            enrolment = submit(
                form, services.enrolment_apply, person=request.user, cohort=cohort, **data
            )
            if enrolment:
                messages.success(request, _applied_message(enrolment))
                return redirect("programmes:my_applications")
    return render(
        request,
        "programmes/enrolment/apply.html",
        {
            "cohort": cohort,
            "programme": programme,
            "form": form,
            "is_open": is_open,
            "choose_role": takes_applications and role == "",
            "roles": [
                (value, label, ParticipantKind(kind_of(programme, value)).label)
                for value, label in Role.choices
            ],
        },
    )


def _applied_message(enrolment: Enrolment) -> str:
    if hasattr(enrolment, "consent"):
        return _(
            "Thank you! Your application is received. We have asked %(manager)s "
            "to agree; you will hear from us by email."
        ) % {"manager": enrolment.consent.manager_name}
    return _("Thank you! Your application is received; you will hear from us by email.")


def _cohorts_to_review(user: User) -> QuerySet[Cohort]:
    """Coordinators review their cohorts; contacts follow their municipality's applicants."""
    if access.is_coordinator(user) or access.is_administrator(user):
        cohorts = access.cohorts_for_coordinator(user)
    elif access.is_contact(user):
        cohorts = access.cohorts_for_user(user).filter(
            programme__memberships__municipality__contacts=user
        )
    else:
        return Cohort.objects.none()
    return (
        Cohort.objects.filter(pk__in=cohorts.values("pk"))
        .select_related("programme")
        .order_by("programme__name", "-starts_on")
    )


@login_required
def my_applications(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "programmes/enrolment/my_applications.html",
        {
            "applications": selectors.applications_of(request.user),
            "active_statuses": services.ACTIVE_STATUSES,
            "review_cohorts": _cohorts_to_review(request.user),
            "may_set_up": access.is_coordinator(request.user),
            "open_cohorts": Cohort.objects.open_for_applications()
            .select_related("programme")
            .order_by("applications_close_on", "name"),
        },
    )


@login_required
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    enrolment = access.own_enrolment(request.user, pk)
    if request.method == "POST":
        try:
            services.enrolment_withdraw(enrolment=enrolment, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your application is withdrawn."))
        return redirect("programmes:my_applications")
    return render(
        request,
        "programmes/enrolment/withdraw.html",
        {"enrolment": enrolment, "fee_deadline": services.fee_deadline(enrolment.cohort)},
    )


def consent_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The nearest manager's page, reached by the emailed link; no account needed."""
    try:
        consent = services.consent_from_token(token=token)
    except services.ConsentLinkError as error:
        return render(
            request,
            "programmes/enrolment/consent_unusable.html",
            {"message": error.message},
            status=410 if request.method == "POST" else 200,
        )
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and request.POST.get("answer") in ("yes", "no"):
        agreed = request.POST["answer"] == "yes"
        try:
            services.consent_answer(
                token=token, agreed=agreed, comment=form.cleaned_data["comment"]
            )
        except services.ConsentLinkError as error:
            return render(
                request,
                "programmes/enrolment/consent_unusable.html",
                {"message": error.message},
                status=410,
            )
        return render(
            request,
            "programmes/enrolment/consent_done.html",
            {"consent": consent, "agreed": agreed},
        )
    return render(request, "programmes/enrolment/consent.html", {"consent": consent, "form": form})


# The longest waits are named on the page; the list's consent filter finds them all.
PENDING_CONSENTS_SHOWN = 10


@login_required
def cohort_applications(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Coordinators see and decide every application; contacts see their municipality's."""
    cohort = access.cohort_for_user(request.user, pk)
    may_decide = access.cohorts_for_coordinator(request.user).filter(pk=pk).exists()
    if not may_decide and not access.is_contact(request.user):
        raise Http404
    # The cohort's applications: all for those who decide, a contact's municipality's else.
    visible = Enrolment.objects.filter(cohort=cohort)
    if not may_decide:
        visible = visible.filter(municipality__contacts=request.user)
    definition = lists.applications_list(cohort=cohort, visible=visible, may_decide=may_decide)
    waiting = (
        visible.consent_waiting()
        .select_related("person", "consent")
        .order_by("consent__asked_at", "pk")
    )
    return list_response(
        request,
        template="programmes/enrolment/cohort_applications.html",
        context={
            "cohort": cohort,
            "programme": cohort.programme,
            **definition.context(request.GET),
            "pending_consents": waiting[:PENDING_CONSENTS_SHOWN],
            "pending_count": waiting.count(),
            "may_decide": may_decide,
            "decision_form": DecisionForm(),
            "places": {
                Role.MENTOR: services.places_left(cohort=cohort, role=Role.MENTOR),
                Role.ADEPT: services.places_left(cohort=cohort, role=Role.ADEPT),
            },
        },
    )


@login_required
@require_POST
def cohort_applications_bulk(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A bulk decision, message or export from the applications list; coordinators only."""
    cohort = access.cohort_for_coordinator(request.user, pk)
    visible = Enrolment.objects.filter(cohort=cohort)
    definition = lists.applications_list(cohort=cohort, visible=visible, may_decide=True)
    return bulk_respond(request, definition, context={"cohort": cohort})


@login_required
@require_POST
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = access.enrolment_for_coordinator(request.user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        if form.cleaned_data["decision"] == "admit":
            done = submit(form, services.enrolment_admit, enrolment=enrolment, actor=request.user)
            text = _("%(name)s is admitted.")
        else:
            done = submit(
                form,
                services.enrolment_decline,
                enrolment=enrolment,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
            text = _("%(name)s is declined.")
        if done:
            messages.success(request, text % {"name": enrolment.person.full_name})
    if form.errors:
        messages.error(request, " ".join(str(m) for ms in form.errors.values() for m in ms))
    return redirect("programmes:cohort_applications", pk=enrolment.cohort_id)


@login_required
def work_areas(request: HttpRequest, pk: int) -> HttpResponse:
    programme = access.programme_for_coordinator(request.user, pk)
    initial = "\n".join(programme.work_areas.values_list("name", flat=True))
    form = WorkAreasForm(request.POST or None, initial={"names": initial})
    if request.method == "POST" and form.is_valid():
        if submit(
            form,
            enrolment_setup.work_areas_set,
            programme=programme,
            names=form.cleaned_data["names"],
            actor=request.user,
        ):
            messages.success(request, _("The work areas were saved."))
            return redirect("programmes:programme_detail", pk=programme.pk)
    return render(
        request, "programmes/enrolment/work_areas.html", {"programme": programme, "form": form}
    )


@login_required
def nomination_settings(request: HttpRequest, pk: int) -> HttpResponse:
    programme = access.programme_for_coordinator(request.user, pk)
    initial = {
        "guidance": programme.nomination_guidance,
        "stages": "\n".join(programme.approval_stages.values_list("name", flat=True)),
    }
    form = NominationSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if submit(
            form,
            enrolment_setup.nomination_settings_update,
            programme=programme,
            guidance=form.cleaned_data["guidance"],
            stage_names=form.cleaned_data["stages"],
            actor=request.user,
        ):
            messages.success(request, _("The nomination settings were saved."))
            return redirect("programmes:programme_detail", pk=programme.pk)
    return render(
        request,
        "programmes/enrolment/nomination_settings.html",
        {"programme": programme, "form": form},
    )

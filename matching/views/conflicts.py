"""A participant declares, and may withdraw, a conflict of interest with someone in the cohort."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from common.formflow import submit

from .. import access
from ..forms import ConflictForm
from ..models import Exclusion, ExclusionSource
from ..services import conflicts as services


@login_required
def conflicts(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    enrolment = access.own_profile_enrolment(request.user, pk)
    published = services.cohort_pairs_published(enrolment.cohort_id)
    form = ConflictForm(request.POST or None, enrolment=enrolment)
    if request.method == "POST" and not published and form.is_valid():
        if submit(
            form,
            services.conflict_declare,
            declarant=enrolment,
            other=form.cleaned_data["other"],
            reason=form.cleaned_data["reason"],
            comment=form.cleaned_data["comment"],
            actor=request.user,
        ):
            messages.success(request, _("The conflict was recorded. You two will not be paired."))
            return redirect("matching:conflicts", pk=enrolment.pk)
    own = (
        Exclusion.objects.filter(
            cohort_id=enrolment.cohort_id,
            source=ExclusionSource.PARTICIPANT,
            declared_by=request.user,
        )
        .select_related("mentor__person", "adept__person")
        .order_by("created_at")
    )
    declared = [
        {
            "exclusion": exclusion,
            "other": exclusion.adept if exclusion.mentor_id == enrolment.pk else exclusion.mentor,
        }
        for exclusion in own
        if enrolment.pk in (exclusion.mentor_id, exclusion.adept_id)
    ]
    return render(
        request,
        "matching/conflicts.html",
        {"enrolment": enrolment, "form": form, "declared": declared, "published": published},
    )


@login_required
@require_POST
def conflict_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    exclusion = access.own_declared_conflict(request.user, pk)
    enrolment = (
        exclusion.mentor if exclusion.mentor.person_id == request.user.pk else exclusion.adept
    )
    try:
        services.conflict_withdraw(exclusion=exclusion, actor=request.user)
        messages.success(request, _("The declaration was withdrawn."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("matching:conflicts", pk=enrolment.pk)

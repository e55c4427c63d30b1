"""A participant answers a survey of their cohort, once, while it is open."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.http import AuthenticatedHttpRequest
from common.formflow import submit

from .. import access
from ..forms import evaluation_form
from ..models import Response
from ..services import evaluation as services


@login_required
def evaluation_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    questionnaire = access.questionnaire_for_participant(request.user, pk)
    enrolment = services.evaluation_enrolment(questionnaire, request.user)
    answered = Response.objects.filter(questionnaire=questionnaire, person=request.user).exists()
    is_open = questionnaire.is_open(timezone.localdate())
    questions = services.questions_for_role(questionnaire, enrolment.role) if enrolment else []
    form = evaluation_form(questions)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answers = {question.pk: form.cleaned_data.get(f"q{question.pk}") for question in questions}
        if submit(
            form,
            services.evaluation_answer,
            questionnaire=questionnaire,
            person=request.user,
            answers=answers,
        ):
            messages.success(request, _("Thank you! Your answers were saved anonymously."))
            return redirect("pairs:evaluation_answer", pk=questionnaire.pk)
    return render(
        request,
        "pairs/evaluation_answer.html",
        {
            "questionnaire": questionnaire,
            "form": form,
            "answered": answered,
            "is_open": is_open,
        },
    )

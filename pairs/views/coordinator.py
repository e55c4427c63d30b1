"""The coordinator's views of a cohort's pairs: health and the end-of-year evaluation.

Coordinators see figures, never the pair's notes, reflections or who answered what.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from common.formflow import submit
from common.lists import bulk_respond, list_response
from programmes.access import cohort_run_by, cohorts_run_by, get_or_404

from .. import lists, schedule, selectors
from ..forms import QuestionForm, QuestionnaireForm
from ..models import Question, Questionnaire
from ..services import evaluation as services


@login_required
def cohort_health(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = cohort_run_by(request.user, pk)
    if cohort.is_group_mentoring:
        return render(
            request,
            "pairs/group_health.html",
            {
                "cohort": cohort,
                "rows": selectors.group_health(cohort),
                "planned": cohort.programme.planned_meetings,
            },
        )
    context = lists.pairs_list(cohort=cohort).context(request.GET)
    return list_response(
        request,
        template="pairs/cohort_health.html",
        context={
            "cohort": cohort,
            **context,
            # Only the page's pairs become rows; the figures come with them.
            "health": selectors.pair_health_rows(context["listing"].rows),
            "planned": cohort.programme.planned_meetings,
            "attention_count": selectors.pairs_needing_attention(
                selectors.cohort_health_pairs(cohort)
            ).count(),
            "nudges_before_attention": schedule.nudges_before_attention(),
        },
    )


@login_required
@require_POST
def cohort_health_bulk(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = cohort_run_by(request.user, pk)
    if cohort.is_group_mentoring:
        raise Http404
    return bulk_respond(request, lists.pairs_list(cohort=cohort), context={"cohort": cohort})


@login_required
def questionnaire_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = cohort_run_by(request.user, pk)
    questionnaire = Questionnaire.objects.filter(cohort=cohort).first()
    # The form gets its own copy: a refused value must not show up in the page's dates.
    editing = Questionnaire.objects.filter(cohort=cohort).first()
    form = QuestionnaireForm(request.POST or None, instance=editing, prefix="q")
    question_form = QuestionForm(None, prefix="new")
    if request.method == "POST" and "add_question" in request.POST and questionnaire:
        question_form = QuestionForm(request.POST, prefix="new")
        form = QuestionnaireForm(instance=questionnaire, prefix="q")
        if (
            question_form.is_valid()
            and submit(
                question_form,
                services.question_add,
                questionnaire=questionnaire,
                **question_form.cleaned_data,
            )
            is not None
        ):
            messages.success(request, _("The question was added."))
            return redirect("pairs:questionnaire_edit", pk=cohort.pk)
    elif request.method == "POST" and form.is_valid():
        if submit(form, services.questionnaire_save, cohort=cohort, **form.cleaned_data):
            messages.success(request, _("The evaluation was saved."))
            return redirect("pairs:questionnaire_edit", pk=cohort.pk)
    questions = list(questionnaire.questions.all()) if questionnaire else []
    return render(
        request,
        "pairs/questionnaire_edit.html",
        {
            "cohort": cohort,
            "questionnaire": questionnaire,
            "form": form,
            "question_form": question_form,
            "questions": questions,
        },
    )


@login_required
@require_POST
def question_remove(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_or_404(
        Question.objects.filter(
            questionnaire__cohort__in=cohorts_run_by(request.user)
        ).select_related("questionnaire"),
        pk,
    )
    cohort_pk = question.questionnaire.cohort_id
    try:
        services.question_remove(question=question)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The question was removed."))
    return redirect("pairs:questionnaire_edit", pk=cohort_pk)


@login_required
def evaluation_results(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = cohort_run_by(request.user, pk)
    questionnaire = Questionnaire.objects.filter(cohort=cohort).first()
    return render(
        request,
        "pairs/evaluation_results.html",
        {
            "cohort": cohort,
            "questionnaire": questionnaire,
            "rates": selectors.response_rates(questionnaire) if questionnaire else [],
            "results": selectors.question_results(questionnaire) if questionnaire else [],
        },
    )

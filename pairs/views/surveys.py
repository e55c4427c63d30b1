"""The coordinator's survey builder: the end-of-year evaluation and pulse surveys of a cohort.

Coordinators see response rates and answers in aggregate, never who answered what.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from common.csvexport import csv_response
from common.formflow import submit
from programmes.access import cohort_run_by
from programmes.models import Cohort, Role

from .. import access, surveys
from ..forms import PulseSurveyForm, QuestionForm, QuestionnaireForm, evaluation_form
from ..models import Questionnaire, SurveyKind
from ..services import evaluation as services


def _refusal(request: AuthenticatedHttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@login_required
def survey_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = cohort_run_by(request.user, pk)
    cohort_surveys = list(
        Questionnaire.objects.filter(cohort=cohort)
        .select_related("cohort")
        .annotate(answered=Count("responses"))
    )
    return render(
        request,
        "pairs/survey_list.html",
        {
            "cohort": cohort,
            "surveys": cohort_surveys,
            "has_evaluation": any(survey.is_evaluation for survey in cohort_surveys),
        },
    )


@login_required
@require_POST
def pulse_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = cohort_run_by(request.user, pk)
    survey = services.pulse_create(cohort=cohort, actor=request.user)
    messages.success(request, _("A pulse survey was created with three questions to start from."))
    return redirect("pairs:survey_edit", pk=survey.pk)


def _builder(
    request: AuthenticatedHttpRequest, cohort: Cohort, survey: Questionnaire | None
) -> HttpResponse:
    """The survey's settings and questions; the evaluation is created on its first save."""
    is_pulse = survey is not None and survey.kind == SurveyKind.PULSE
    settings_form_class = PulseSurveyForm if is_pulse else QuestionnaireForm
    # The form gets its own copy: a refused value must not show up in the page's dates.
    editing = Questionnaire.objects.filter(pk=survey.pk).first() if survey else None
    posted = request.POST if request.method == "POST" else None
    adding = posted is not None and "add_question" in posted and survey is not None
    form = settings_form_class(None if adding else posted, instance=editing, prefix="q")
    question_form = QuestionForm(posted if adding else None, prefix="new")
    if adding and survey is not None:
        if (
            question_form.is_valid()
            and submit(
                question_form,
                services.question_add,
                questionnaire=survey,
                **question_form.cleaned_data,
            )
            is not None
        ):
            messages.success(request, _("The question was added."))
            return redirect(request.path)
    elif posted is not None and form.is_valid():
        if is_pulse and survey is not None:
            saved = submit(form, services.survey_save, survey=survey, **form.cleaned_data)
        else:
            saved = submit(form, services.questionnaire_save, cohort=cohort, **form.cleaned_data)
        if saved:
            messages.success(request, _("The survey was saved."))
            return redirect(request.path)
    return render(
        request,
        "pairs/survey_edit.html",
        {
            "cohort": cohort,
            "survey": survey,
            "form": form,
            "question_form": question_form,
            "questions": list(survey.questions.all()) if survey else [],
            "answered": survey.responses.exists() if survey else False,
            "roles": Role.choices,
        },
    )


def _cohort_evaluation(
    request: AuthenticatedHttpRequest, pk: int
) -> tuple[Cohort, Questionnaire | None]:
    """A cohort the user runs, with its end-of-year evaluation if it has been written."""
    cohort = cohort_run_by(request.user, pk)
    return cohort, Questionnaire.objects.filter(cohort=cohort, kind=SurveyKind.EVALUATION).first()


@login_required
def questionnaire_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The cohort's end-of-year evaluation."""
    return _builder(request, *_cohort_evaluation(request, pk))


@login_required
def survey_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = access.survey_run_by(request.user, pk)
    return _builder(request, survey.cohort, survey)


def _back_to_builder(survey: Questionnaire) -> HttpResponse:
    return redirect("pairs:survey_edit", pk=survey.pk)


@login_required
@require_POST
def question_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    question = access.survey_question_run_by(request.user, pk)
    try:
        services.question_remove(question=question)
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("The question was removed."))
    return _back_to_builder(question.questionnaire)


@login_required
@require_POST
def question_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    question = access.survey_question_run_by(request.user, pk)
    try:
        services.question_move(question=question, up=request.POST.get("direction") == "up")
    except ValidationError as error:
        _refusal(request, error)
    return _back_to_builder(question.questionnaire)


@login_required
def survey_preview(request: AuthenticatedHttpRequest, pk: int, role: str) -> HttpResponse:
    """The survey as a participant of ``role`` sees it; nothing can be sent from here."""
    survey = access.survey_run_by(request.user, pk)
    if role not in Role.values:
        raise Http404
    questions = services.questions_for_role(survey, role)
    return render(
        request,
        "pairs/evaluation_answer.html",
        {
            "questionnaire": survey,
            "form": evaluation_form(questions)(),
            "preview_role": Role(role).label,
            "is_open": True,
            "answered": False,
        },
    )


@login_required
@require_POST
def survey_test_send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = access.survey_run_by(request.user, pk)
    services.survey_test_send(survey=survey, person=request.user)
    messages.success(
        request, _("A test invitation is on its way to %(email)s.") % {"email": request.user.email}
    )
    return _back_to_builder(survey)


@login_required
@require_POST
def survey_send_now(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = access.survey_run_by(request.user, pk)
    try:
        queued = services.survey_send_now(survey=survey, actor=request.user)
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "The survey is open; %(count)s invitation is being sent.",
                "The survey is open; %(count)s invitations are being sent.",
                queued,
            )
            % {"count": queued},
        )
    return _back_to_builder(survey)


def _results_page(
    request: AuthenticatedHttpRequest, cohort: Cohort, survey: Questionnaire | None
) -> HttpResponse:
    return render(
        request,
        "pairs/evaluation_results.html",
        {
            "cohort": cohort,
            "questionnaire": survey,
            "rates": surveys.response_rates(survey) if survey else [],
            "results": surveys.question_results(survey) if survey else [],
        },
    )


@login_required
def evaluation_results(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _results_page(request, *_cohort_evaluation(request, pk))


@login_required
def survey_results(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = access.survey_run_by(request.user, pk)
    return _results_page(request, survey.cohort, survey)


@login_required
def survey_results_csv(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = access.survey_run_by(request.user, pk)
    results = surveys.question_results(survey)
    name = slugify(f"{survey.cohort.name}-{survey.name}") or "survey"
    return csv_response(
        f"{name}.csv", surveys.results_csv_header(), surveys.results_csv_rows(results)
    )

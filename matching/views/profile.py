"""Leader profiles: the coordinator's questionnaire and travel times, the participant's answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from common.formflow import submit
from common.lists import paginate
from programmes import access as programme_access
from programmes.models import Enrolment, Municipality, Role

from .. import access, selectors
from ..forms import DimensionForm, ProfileForm, QuestionForm, ShortlistForm, TravelTimeForm
from ..models import ProfileAnswer, Question, ShortlistRank, TravelTime
from ..services import profile as services
from ..services import rules

PROFILES_PER_PAGE = 100


@login_required
def questionnaire(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_access.programme_for_coordinator(request.user, pk)
    questionnaire = services.questionnaire_ensure(programme=programme)
    return render(
        request,
        "matching/questionnaire.html",
        {
            "programme": programme,
            "questionnaire": questionnaire,
            "dimensions": questionnaire.dimensions.all(),
            "questions": questionnaire.questions.select_related("dimension"),
            "editable": services.questionnaire_is_editable(questionnaire),
        },
    )


@login_required
def dimension_edit(request: HttpRequest, pk: int, dimension_pk: int | None = None) -> HttpResponse:
    programme = programme_access.programme_for_coordinator(request.user, pk)
    questionnaire = services.questionnaire_ensure(programme=programme)
    dimension = None
    if dimension_pk is not None:
        dimension = access.dimension_for_coordinator(request.user, dimension_pk)
        if dimension.questionnaire_id != questionnaire.pk:
            raise Http404
    form = DimensionForm(request.POST or None, instance=dimension)
    if request.method == "POST" and form.is_valid():
        if submit(
            form,
            services.dimension_save,
            questionnaire=questionnaire,
            dimension=dimension,
            name=form.cleaned_data["name"],
            mode=form.cleaned_data["mode"],
            position=form.cleaned_data["position"],
        ):
            messages.success(request, _("The dimension was saved."))
            return redirect("matching:questionnaire", pk=programme.pk)
    return render(
        request,
        "matching/dimension_form.html",
        {"programme": programme, "form": form, "dimension": dimension},
    )


@login_required
def question_edit(request: HttpRequest, pk: int, question_pk: int | None = None) -> HttpResponse:
    programme = programme_access.programme_for_coordinator(request.user, pk)
    questionnaire = services.questionnaire_ensure(programme=programme)
    question = None
    if question_pk is not None:
        question = access.question_for_coordinator(request.user, question_pk)
        if question.questionnaire_id != questionnaire.pk:
            raise Http404
    form = QuestionForm(request.POST or None, instance=question, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        if submit(
            form,
            services.question_save,
            questionnaire=questionnaire,
            question=question,
            **form.cleaned_data,
        ):
            messages.success(request, _("The question was saved."))
            return redirect("matching:questionnaire", pk=programme.pk)
    return render(
        request,
        "matching/question_form.html",
        {"programme": programme, "form": form, "question": question},
    )


@login_required
@require_POST
def question_delete(request: HttpRequest, pk: int) -> HttpResponse:
    question = access.question_for_coordinator(request.user, pk)
    programme_pk = question.questionnaire.programme_id
    try:
        services.question_delete(question=question)
        messages.success(request, _("The question was removed."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("matching:questionnaire", pk=programme_pk)


@login_required
def travel_times(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_access.programme_for_coordinator(request.user, pk)
    municipalities = list(
        Municipality.objects.filter(memberships__programme=programme).distinct().order_by("name")
    )
    current = {
        (t.origin_id, t.destination_id): t.minutes
        for t in TravelTime.objects.filter(
            origin__in=municipalities, destination__in=municipalities
        )
    }
    form = TravelTimeForm(request.POST or None, municipalities=municipalities, current=current)
    if request.method == "POST" and form.is_valid():
        for name, low, high in form.pairs:
            rules.travel_time_set(origin=low, destination=high, minutes=form.cleaned_data[name])
        messages.success(request, _("The travel times were saved."))
        return redirect("matching:travel_times", pk=programme.pk)
    return render(request, "matching/travel_times.html", {"programme": programme, "form": form})


@login_required
def profile_status(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = programme_access.cohort_for_coordinator(request.user, pk)
    progress = selectors.profile_progress(cohort)
    # A page of the participants: the whole cohort grows with it; the counts are of all.
    shown = paginate(request.GET, progress, PROFILES_PER_PAGE)
    return render(
        request,
        "matching/profile_status.html",
        {
            "cohort": cohort,
            "config": selectors.cohort_matching(cohort),
            "progress": shown.page,
            "page": shown.page,
            "query": shown.query,
            "unfinished": [p for p in progress if not p.finished],
        },
    )


@login_required
@require_POST
def profiles_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = programme_access.cohort_for_coordinator(request.user, pk)
    try:
        services.cohort_profiles_open(cohort=cohort, actor=request.user)
        if cohort.programme.mails_profile_invitation:
            messages.success(
                request,
                _(
                    "The leader profiles are open. Each participant who has not filled in "
                    "theirs gets an invitation by mail."
                ),
            )
        else:
            messages.success(request, _("The leader profiles are open for the participants."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("matching:profile_status", pk=cohort.pk)


@login_required
@require_POST
def profiles_remind(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = programme_access.cohort_for_coordinator(request.user, pk)
    sent = services.profile_reminders_send(cohort=cohort, actor=request.user)
    messages.success(
        request,
        ngettext("%(count)d reminder was sent.", "%(count)d reminders were sent.", sent)
        % {"count": sent},
    )
    return redirect("matching:profile_status", pk=cohort.pk)


def _profile_form(
    request: HttpRequest, enrolment: Enrolment, questions: list[Question]
) -> ProfileForm:
    answers = {a.question_id: a for a in ProfileAnswer.objects.filter(enrolment=enrolment)}
    return ProfileForm(
        request.POST if request.method == "POST" else None,
        enrolment=enrolment,
        questions=questions,
        answers=answers,
    )


@login_required
def profile_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The participant's own leader profile; each answer is saved as they go."""
    enrolment = access.own_profile_enrolment(request.user, pk)
    config = selectors.cohort_matching(enrolment.cohort)
    questionnaire = selectors.questionnaire_for(enrolment.cohort)
    is_open = config.profiles_opened_at is not None
    form = _profile_form(
        request, enrolment, selectors.questions_for(questionnaire) if is_open else []
    )
    # Without JavaScript the whole form is posted at once, and saved all or not at all.
    if request.method == "POST" and is_open:
        if form.is_valid():
            answers = form.answers_given()
            submit(form, services.profile_answers_save, enrolment=enrolment, answers=answers)
        if not form.errors:
            messages.success(request, _("Your leader profile was saved."))
            return redirect("matching:profile", pk=enrolment.pk)
        messages.error(request, _("Nothing was saved. Correct the answers marked below."))
    progress = next(
        (p for p in selectors.profile_progress(enrolment.cohort) if p.enrolment.pk == enrolment.pk),
        None,
    )
    return render(
        request,
        "matching/profile_form.html",
        {
            "enrolment": enrolment,
            "questionnaire": questionnaire,
            "is_open": is_open,
            "form": form,
            "progress": progress,
        },
    )


@login_required
@require_POST
def profile_answer(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    """htmx: saves one answer and returns the question's status line."""
    enrolment = access.own_profile_enrolment(request.user, pk)
    questions = {
        q.pk: q for q in selectors.questions_for(selectors.questionnaire_for(enrolment.cohort))
    }
    question = questions.get(question_pk)
    if question is None or not question.is_for(enrolment.role):
        raise Http404
    # htmx posts the whole page's form; this form reads only the one question's field.
    form = ProfileForm(request.POST, enrolment=enrolment, questions=[question])
    if form.is_valid():
        (given,) = form.answers_given()
        submit(form, services.profile_answer_save, enrolment=enrolment, answer=given)
    error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    return render(
        request,
        "matching/includes/_answer_status.html",
        {"error": error, "question": question},
        status=400 if error else 200,
    )


@login_required
def shortlist(request: HttpRequest, pk: int) -> HttpResponse:
    """The adept ranks up to three mentors, when the coordinator has opened the shortlist."""
    enrolment = access.own_profile_enrolment(request.user, pk)
    if enrolment.role != Role.ADEPT:
        raise Http404
    config = selectors.cohort_matching(enrolment.cohort)
    mentors = list(selectors.shortlist_mentors(enrolment)) if config.shortlist_open else []
    current = list(
        ShortlistRank.objects.filter(adept=enrolment)
        .order_by("rank")
        .values_list("mentor_id", flat=True)
    )
    form = ShortlistForm(request.POST or None, mentors=mentors, current=current)
    if request.method == "POST" and config.shortlist_open and form.is_valid():
        by_pk = {m.pk: m for m in mentors}
        chosen = [by_pk[i] for i in form.chosen_ids() if i in by_pk]
        submit(form, services.shortlist_set, adept=enrolment, mentors=chosen)
        if not form.errors:
            messages.success(request, _("Your ranking was saved."))
            return redirect("matching:shortlist", pk=enrolment.pk)
    return render(
        request,
        "matching/shortlist.html",
        {"enrolment": enrolment, "form": form, "is_open": config.shortlist_open},
    )

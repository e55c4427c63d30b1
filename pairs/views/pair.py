"""The pair page and what the two members do on it: agreement, fit, goals, homework, reflections."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from common.formflow import submit

from .. import access, selectors
from ..forms import (
    AgreementForm,
    FitForm,
    GoalForm,
    HomeworkForm,
    RatingForm,
    ReflectionForm,
)
from ..fragments import pair_fragments
from ..models import FitAnswer, Pair
from ..services import agreement as agreement_services
from ..services import progress
from ..surveys import open_surveys_for


def _back(pair_pk: int, anchor: str = "") -> HttpResponse:
    response = redirect("pairs:pair_detail", pk=pair_pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@login_required
def pair_list(request: HttpRequest) -> HttpResponse:
    pairs = list(
        access.pairs_for_user(request.user)
        .select_related("cohort__programme", "mentor__person", "adept__person")
        .order_by("dissolved_at", "-cohort__starts_on")
    )
    groups = list(
        access.groups_for_user(request.user)
        .select_related("cohort__programme", "mentor__person")
        .order_by("dissolved_at", "-cohort__starts_on")
    )
    if len(groups) == 1 and all(p.group_id == groups[0].pk for p in pairs):
        # Group mentoring: the group's page is the home of the year (it links each pair).
        return redirect("pairs:group_detail", pk=groups[0].pk)
    if len(pairs) == 1 and not groups:
        return redirect("pairs:pair_detail", pk=pairs[0].pk)
    return render(
        request,
        "pairs/pair_list.html",
        {"pairs": pairs, "groups": groups},
    )


@login_required
def pair_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = access.pair_for_user(request.user, pk)
    fragments = pair_fragments(request, pair, request.user)
    planned = pair.cohort.programme.planned_meetings
    me_is_adept = pair.adept.person_id == request.user.pk
    return render(
        request,
        "pairs/pair_detail.html",
        {
            "pair": pair,
            "partner": pair.partner_of(request.user.pk),
            "me_is_adept": me_is_adept,
            "answered_fit": pair.user_answered_fit,
            "ask_fit": fragments.held_count > 0 and not pair.user_answered_fit,
            "steps": selectors.year_path(pair.cohort, fragments.held_count, planned),
            "sections": fragments.sections,
            "open_surveys": open_surveys_for(
                request.user, enrolment=pair.adept if me_is_adept else pair.mentor
            )
            if pair.survey_may_be_open
            else [],
        },
    )


@login_required
def agreement_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = access.pair_for_user(request.user, pk)
    instance = pair.agreement if selectors._has_agreement(pair) else None
    form = AgreementForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        if submit(
            form,
            agreement_services.agreement_save,
            pair=pair,
            actor=request.user,
            **form.cleaned_data,
        ):
            messages.success(request, _("The agreement was saved. Both of you now confirm it."))
            return _back(pair.pk, "agreement")
    return render(
        request,
        "pairs/form.html",
        {"form": form, "pair": pair, "title": _("Our agreement")},
    )


@login_required
@require_POST
def agreement_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = access.pair_for_user(request.user, pk)
    try:
        agreement_services.agreement_confirm(pair=pair, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You have confirmed the agreement."))
    return _back(pair.pk, "agreement")


def _fit_intro(pair: Pair, earlier: FitAnswer | None) -> str:
    if earlier is not None:
        return _(
            "You answered on %(day)s. If something has changed, answer again: the coordinator "
            "sees your latest answer and can suggest a new match."
        ) % {"day": date_format(timezone.localtime(earlier.answered_at), "j F Y")}
    if not pair.meetings.held().exists():
        return _("You are asked this after your first meeting, once it is logged as held.")
    return _(
        "You have had your first meeting. Your answer goes to the coordinator, "
        "who can suggest a new match if the pair does not work."
    )


@login_required
def fit_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = access.pair_for_user(request.user, pk)
    earlier = FitAnswer.objects.filter(pair=pair, person=request.user).first()
    initial = (
        {"works": "yes" if earlier.works else "no", "comment": earlier.comment} if earlier else None
    )
    form = FitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if submit(
            form,
            agreement_services.fit_answer_give,
            pair=pair,
            actor=request.user,
            **form.cleaned_data,
        ):
            messages.success(request, _("Thank you for your answer."))
            return _back(pair.pk)
    return render(
        request,
        "pairs/form.html",
        {
            "form": form,
            "pair": pair,
            "title": _("Does this pair work?"),
            "intro": _fit_intro(pair, earlier),
        },
    )


@login_required
def goal_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = access.pair_for_user(request.user, pk)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if submit(form, progress.goal_create, pair=pair, actor=request.user, **form.cleaned_data):
            messages.success(request, _("The goal was added."))
            return _back(pair.pk, "goals")
    return render(request, "pairs/form.html", {"form": form, "pair": pair, "title": _("New goal")})


@login_required
def goal_rate(request: HttpRequest, pk: int) -> HttpResponse:
    goal = access.goal_for_user(request.user, pk)
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if submit(form, progress.goal_rate, goal=goal, actor=request.user, **form.cleaned_data):
            messages.success(request, _("Your rating was saved."))
            return _back(goal.pair_id, "goals")
    return render(
        request,
        "pairs/form.html",
        {"form": form, "pair": goal.pair, "title": _("Rate: %(goal)s") % {"goal": goal.title}},
    )


@login_required
def homework_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = access.pair_for_user(request.user, pk)
    form = HomeworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if submit(
            form, progress.homework_create, pair=pair, actor=request.user, **form.cleaned_data
        ):
            messages.success(request, _("The homework was added."))
            return _back(pair.pk, "homework")
    return render(
        request, "pairs/form.html", {"form": form, "pair": pair, "title": _("New homework")}
    )


@login_required
@require_POST
def homework_tick(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    homework = access.homework_for_user(request.user, pk)
    done = request.POST.get("done", "1") == "1"
    try:
        progress.homework_tick(homework=homework, actor=request.user, done=done)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Well done!") if done else _("Marked as not done."))
    return _back(homework.pair_id, "homework")


@login_required
def reflection_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = access.pair_for_user(request.user, pk)
    form = ReflectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if submit(
            form, progress.reflection_create, pair=pair, actor=request.user, **form.cleaned_data
        ):
            messages.success(request, _("Your reflection was saved."))
            return _back(pair.pk, "reflections")
    return render(
        request,
        "pairs/form.html",
        {
            "form": form,
            "pair": pair,
            "title": _("New reflection"),
            "intro": _(
                "A reflection is private: only you can read it, unless you choose to share it "
                "with your partner. Coordinators and administrators never see it."
            ),
        },
    )


@login_required
@require_POST
def reflection_share(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reflection = access.reflection_for_author(request.user, pk)
    shared = request.POST.get("shared") == "1"
    progress.reflection_share(reflection=reflection, actor=request.user, shared=shared)
    messages.success(
        request,
        _("Your partner can now read the reflection.")
        if shared
        else _("The reflection is private again."),
    )
    return _back(reflection.pair_id, "reflections")

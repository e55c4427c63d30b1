"""Planning, preparing and logging meetings, and each meeting's calendar file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.http import AuthenticatedHttpRequest
from common.formflow import submit
from common.ics import ics_response

from .. import access
from ..calendar import meeting_ics
from ..forms import MeetingForm, MeetingLogForm, MeetingRecordForm, PreparationForm
from ..models import MeetingStatus
from ..services import meetings as services


def _back(pair_pk: int) -> HttpResponse:
    response = redirect("pairs:pair_detail", pk=pair_pk)
    response["Location"] += "#meetings"
    return response


@login_required
def meeting_plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = access.pair_for_user(request.user, pk)
    form = MeetingForm(
        request.POST or None, initial={"minutes": pair.cohort.programme.meeting_minutes}
    )
    if request.method == "POST" and form.is_valid():
        meeting = submit(
            form, services.meeting_plan, pair=pair, actor=request.user, **form.service_kwargs()
        )
        if meeting:
            messages.success(
                request,
                _("The meeting is planned. %(name)s gets an invitation by email.")
                % {"name": pair.partner_of(request.user.pk).person.full_name},
            )
            return _back(pair.pk)
    return render(
        request,
        "pairs/meeting_form.html",
        {"form": form, "pair": pair, "title": _("Plan a meeting")},
    )


@login_required
def meeting_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A meeting already held, recorded in one step (nobody is mailed: it has happened)."""
    pair = access.pair_for_user(request.user, pk)
    form = MeetingRecordForm(
        request.POST or None,
        initial={"minutes": pair.cohort.programme.meeting_minutes, "day": None},
    )
    if request.method == "POST" and form.is_valid():
        if submit(
            form, services.meeting_record, pair=pair, actor=request.user, **form.service_kwargs()
        ):
            messages.success(request, _("The meeting is recorded as held."))
            return _back(pair.pk)
    return render(
        request,
        "pairs/form.html",
        {
            "form": form,
            "pair": pair,
            "title": _("Record a meeting already held"),
            "intro": _("For a meeting you held without planning it here first."),
        },
    )


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.meeting_for_user(request.user, pk)
    if meeting.status != MeetingStatus.PLANNED:
        messages.info(request, _("Only a planned meeting can be changed."))
        return _back(meeting.pair_id)
    form = MeetingForm.for_meeting(meeting, request.POST or None)
    if request.method == "POST" and form.is_valid():
        if submit(
            form,
            services.meeting_reschedule,
            meeting=meeting,
            actor=request.user,
            **form.service_kwargs(),
        ):
            messages.success(request, _("The meeting was changed and your partner was told."))
            return _back(meeting.pair_id)
    return render(
        request,
        "pairs/meeting_form.html",
        {"form": form, "pair": meeting.pair, "title": _("Change the meeting")},
    )


@login_required
def meeting_log(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.meeting_for_user(request.user, pk)
    form = MeetingLogForm(
        request.POST or None,
        initial={"held_minutes": meeting.held_minutes or meeting.minutes, "notes": meeting.notes},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if submit(
            form,
            services.meeting_log,
            meeting=meeting,
            actor=request.user,
            held=data["outcome"] == "held",
            held_minutes=data["held_minutes"],
            notes=data["notes"],
        ):
            messages.success(request, _("The meeting was logged."))
            return _back(meeting.pair_id)
    return render(
        request,
        "pairs/form.html",
        {"form": form, "pair": meeting.pair, "title": _("Log the meeting"), "meeting": meeting},
    )


@login_required
def meeting_prepare(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access.meeting_for_user(request.user, pk)
    mine = meeting.preparations.filter(person=request.user).first()
    form = PreparationForm(request.POST or None, initial={"text": mine.text if mine else ""})
    if request.method == "POST" and form.is_valid():
        if submit(
            form, services.meeting_prepare, meeting=meeting, actor=request.user, **form.cleaned_data
        ):
            messages.success(request, _("Your preparation was saved. Your partner can read it."))
            return _back(meeting.pair_id)
    return render(
        request,
        "pairs/form.html",
        {
            "form": form,
            "pair": meeting.pair,
            "title": _("Prepare for the meeting"),
            "meeting": meeting,
            "questions": meeting.questions,
        },
    )


@login_required
def meeting_ics_download(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.meeting_for_user(request.user, pk)
    return ics_response(meeting_ics(meeting), filename=f"meeting-{meeting.pk}.ics")

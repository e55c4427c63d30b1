"""The group page of group mentoring and what its members do there."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from common.formflow import submit
from common.ics import ics_response

from .. import access, selectors
from ..calendar import group_meeting_ics
from ..charts import charts_attach
from ..forms import (
    GroupMeetingForm,
    GroupNameForm,
    GroupReflectionForm,
    MeetingLogForm,
    MeetingRecordForm,
)
from ..models import MeetingStatus
from ..services import groups as services


def _back(group_pk: int, anchor: str = "") -> HttpResponse:
    response = redirect("pairs:group_detail", pk=group_pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def group_notes_help() -> str:
    """Who reads a group meeting's notes, said beside the field."""
    return _("Everyone in the group reads these. Nobody else does.")


def _context(group_pk: int, **context: object) -> dict[str, object]:
    return {"back_url": reverse("pairs:group_detail", kwargs={"pk": group_pk}), **context}


@login_required
def group_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = access.group_for_user(request.user, pk)
    page = selectors.group_page(group, request.user)
    for member in page.members:
        charts_attach(member.goals)
    return render(
        request,
        "pairs/group_detail.html",
        {"page": page, "group": group, "name_form": GroupNameForm(initial={"name": group.name})},
    )


@login_required
@require_POST
def group_rename(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = access.group_for_user(request.user, pk)
    form = GroupNameForm(request.POST)
    renamed = (
        submit(form, services.group_rename, group=group, actor=request.user, **form.cleaned_data)
        if form.is_valid()
        else None
    )
    if renamed:
        messages.success(request, _("The group's name was saved."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return _back(group.pk)


@login_required
def group_meeting_plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = access.group_for_user(request.user, pk)
    form = GroupMeetingForm(
        request.POST or None, initial={"minutes": group.cohort.programme.meeting_minutes}
    )
    if request.method == "POST" and form.is_valid():
        if submit(
            form,
            services.group_meeting_plan,
            group=group,
            actor=request.user,
            **form.service_kwargs(),
        ):
            messages.success(
                request, _("The meeting is planned. The group gets an invitation by email.")
            )
            return _back(group.pk, "meetings")
    return render(
        request,
        "pairs/meeting_form.html",
        _context(
            group.pk,
            form=form,
            title=_("Plan a group meeting"),
            notice=_("Everyone in the group gets an email with a calendar invitation."),
        ),
    )


@login_required
def group_meeting_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A group meeting already held, recorded in one step by the mentor (nobody is mailed)."""
    group = access.group_for_user(request.user, pk)
    form = MeetingRecordForm(
        request.POST or None,
        initial={"minutes": group.cohort.programme.meeting_minutes, "day": None},
    )
    form.fields["notes"].help_text = group_notes_help()
    if request.method == "POST" and form.is_valid():
        if submit(
            form,
            services.group_meeting_record,
            group=group,
            actor=request.user,
            **form.service_kwargs(),
        ):
            messages.success(request, _("The meeting is recorded as held."))
            return _back(group.pk, "meetings")
    return render(
        request,
        "pairs/form.html",
        _context(
            group.pk,
            form=form,
            title=_("Record a meeting already held"),
            intro=_("For a meeting the group held without planning it here first."),
        ),
    )


@login_required
def group_meeting_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access.group_meeting_for_user(request.user, pk)
    if meeting.status != MeetingStatus.PLANNED:
        messages.info(request, _("Only a planned meeting can be changed."))
        return _back(meeting.group_id, "meetings")
    form = GroupMeetingForm.for_meeting(meeting, request.POST or None)
    if request.method == "POST" and form.is_valid():
        if submit(
            form,
            services.group_meeting_reschedule,
            meeting=meeting,
            actor=request.user,
            **form.service_kwargs(),
        ):
            messages.success(request, _("The meeting was changed and the group was told."))
            return _back(meeting.group_id, "meetings")
    return render(
        request,
        "pairs/meeting_form.html",
        _context(
            meeting.group_id,
            form=form,
            title=_("Change the group meeting"),
            notice=_("Everyone in the group gets an email with the updated calendar entry."),
        ),
    )


@login_required
def group_meeting_log(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access.group_meeting_for_user(request.user, pk)
    form = MeetingLogForm(
        request.POST or None,
        initial={"held_minutes": meeting.held_minutes or meeting.minutes, "notes": meeting.notes},
    )
    form.fields["notes"].help_text = group_notes_help()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if submit(
            form,
            services.group_meeting_log,
            meeting=meeting,
            actor=request.user,
            held=data["outcome"] == "held",
            held_minutes=data["held_minutes"],
            notes=data["notes"],
        ):
            messages.success(request, _("The meeting was logged."))
            return _back(meeting.group_id, "meetings")
    return render(
        request,
        "pairs/form.html",
        _context(meeting.group_id, form=form, title=_("Log the group meeting"), meeting=meeting),
    )


@login_required
def group_meeting_ics_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access.group_meeting_for_user(request.user, pk)
    return ics_response(group_meeting_ics(meeting), filename=f"group-meeting-{meeting.pk}.ics")


@login_required
def group_reflection_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    group = access.group_for_user(request.user, pk)
    form = GroupReflectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if submit(
            form,
            services.group_reflection_create,
            group=group,
            actor=request.user,
            **form.cleaned_data,
        ):
            messages.success(request, _("Your reflection was saved."))
            return _back(group.pk, "reflections")
    return render(
        request,
        "pairs/form.html",
        _context(
            group.pk,
            form=form,
            title=_("New reflection"),
            intro=_(
                "A reflection is private: only you can read it, unless you choose to share it "
                "with the group. Coordinators and administrators never see it."
            ),
        ),
    )


@login_required
@require_POST
def group_reflection_share(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reflection = access.group_reflection_for_author(request.user, pk)
    shared = request.POST.get("shared") == "1"
    services.group_reflection_share(reflection=reflection, actor=request.user, shared=shared)
    messages.success(
        request,
        _("The group can now read the reflection.")
        if shared
        else _("The reflection is private again."),
    )
    return _back(reflection.group_id, "reflections")

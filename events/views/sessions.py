"""A cohort's programme of sessions: the coordinator's series and forms, the participant's
sessions and their own reflection."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.http import AuthenticatedHttpRequest
from common.formflow import submit
from events import access as events_access
from events.forms import SessionForm, SessionMaterialForm, SessionReflectionForm
from events.models import SessionReflection
from events.selectors import next_session_initial, own_sessions, session_number, session_rows
from events.services import sessions as services
from programmes import access
from programmes.models import CohortFormat


@login_required
def session_list(request: HttpRequest, cohort_pk: int) -> HttpResponse:
    cohort = access.cohort_for_coordinator(request.user, cohort_pk)
    rows = session_rows(cohort)
    return render(
        request,
        "events/sessions/session_list.html",
        {
            "cohort": cohort,
            "rows": rows,
            "without_mentors": cohort.format == CohortFormat.SESSIONS,
        },
    )


@login_required
def session_create(request: AuthenticatedHttpRequest, cohort_pk: int) -> HttpResponse:
    cohort = access.cohort_for_coordinator(request.user, cohort_pk)
    form = SessionForm(request.POST or None, initial=next_session_initial(cohort), cohort=cohort)
    if request.method == "POST" and form.is_valid():
        session = submit(
            form, services.session_plan, cohort=cohort, actor=request.user, **form.cleaned_data
        )
        if session:
            messages.success(
                request, _("The session %(title)s was planned.") % {"title": session.title}
            )
            if request.POST.get("then") == "next":
                return redirect("events:session_create", cohort_pk=cohort.pk)
            return redirect("events:session_list", cohort_pk=cohort.pk)
    return render(request, "events/sessions/session_form.html", {"form": form, "cohort": cohort})


@login_required
def session_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = events_access.session_for_coordinator(request.user, pk)
    assert session.cohort is not None
    form = SessionForm(request.POST or None, instance=session, cohort=session.cohort)
    if request.method == "POST" and form.is_valid():
        if submit(
            form, services.session_update, event=session, actor=request.user, **form.cleaned_data
        ):
            messages.success(request, _("The session was saved."))
            return redirect("events:session_detail", pk=session.pk)
    return render(
        request,
        "events/sessions/session_form.html",
        {"form": form, "cohort": session.cohort, "session": session},
    )


@login_required
def session_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = events_access.session_for_coordinator(request.user, pk)
    cohort = session.cohort
    assert cohort is not None
    held = services.session_is_held(session)
    if request.method == "POST":
        try:
            services.session_delete(event=session, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("events:session_detail", pk=session.pk)
        messages.success(request, _("The session was removed."))
        return redirect("events:session_list", cohort_pk=cohort.pk)
    return render(
        request, "events/sessions/session_delete.html", {"session": session, "held": held}
    )


@login_required
def session_material_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = events_access.session_for_coordinator(request.user, pk)
    form = SessionMaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        material = submit(
            form,
            services.session_material_add,
            event=session,
            actor=request.user,
            **form.cleaned_data,
        )
        if material:
            messages.success(request, _("%(title)s was added.") % {"title": material.title})
            return redirect("events:session_detail", pk=session.pk)
    return render(
        request, "events/sessions/session_material_form.html", {"form": form, "session": session}
    )


@login_required
def session_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The coordinator sees the counts; a participant sees their attendance and reflection."""
    session = events_access.session_for_user(request.user, pk)
    may_manage = events_access.sessions_for_coordinator(request.user).filter(pk=pk).exists()
    number, total = session_number(session)
    row = None
    own = None
    if may_manage:
        assert session.cohort is not None
        row = next(r for r in session_rows(session.cohort) if r.session.pk == session.pk)
    if not may_manage and events_access.is_session_participant(request.user, session):
        assert session.cohort is not None
        own = next(o for o in own_sessions(request.user, session.cohort) if o.session.pk == pk)
    return render(
        request,
        "events/sessions/session_detail.html",
        {
            "session": session,
            "number": number,
            "total": total,
            "may_manage": may_manage,
            "row": row,
            "own": own,
            "materials": session.materials.order_by("title"),
        },
    )


@login_required
def session_reflection(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The participant's own reflection: only the author ever reads it."""
    session = events_access.session_for_participant(request.user, pk)
    reflection = SessionReflection.objects.filter(event=session, author=request.user).first()
    questions = services.reflection_questions_of(session)
    form = SessionReflectionForm(request.POST or None, questions=questions, reflection=reflection)
    if request.method == "POST" and form.is_valid():
        if submit(
            form,
            services.session_reflection_save,
            event=session,
            author=request.user,
            answers=form.answers(),
        ):
            messages.success(request, _("Your reflection was saved. Only you can read it."))
            return redirect("events:session_detail", pk=session.pk)
    return render(
        request,
        "events/sessions/session_reflection.html",
        {"session": session, "form": form, "reflection": reflection},
    )


@login_required
def my_sessions(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every cohort's series the person takes part in."""
    series = [
        (cohort, own_sessions(request.user, cohort))
        for cohort in events_access.cohorts_with_own_sessions(request.user)
        .select_related("programme")
        .order_by("-starts_on", "name")
    ]
    return render(request, "events/sessions/my_sessions.html", {"series": series})

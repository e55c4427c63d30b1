"""Attendance for hundreds: a searchable list with select-all, check-in at the door, a list."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.http import AuthenticatedHttpRequest
from common.lists import bulk_respond, list_response
from events import access as events_access
from events.forms import AttendanceImportForm
from events.lists import registrations_list
from events.models import Event
from events.selectors import attendance_registrations, events_with_counts
from events.services import attendance as services
from events.services.session_participants import session_participants_sync

# The check-in list shows this many matches; typing more of the name narrows it.
CHECK_IN_ROWS = 40


def _with_query(url: str, query: str) -> str:
    return f"{url}?{urlencode({'q': query})}" if query else url


@login_required
@require_safe
def event_attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The event's registrations as a list: find people, then act on them in bulk."""
    event = events_access.event_taking_attendance(request.user, pk)
    if event.is_session:
        # Every admitted participant of the cohort is on the list, as the cohort is now.
        session_participants_sync(event=event)
    return list_response(
        request,
        template="events/event_attendance.html",
        context={
            "event": event,
            "counted": events_with_counts(Event.objects.filter(pk=event.pk)).get(),
            **registrations_list(event=event).context(request.GET),
        },
    )


@login_required
@require_POST
def event_attendance_bulk(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = events_access.event_taking_attendance(request.user, pk)
    return bulk_respond(request, registrations_list(event=event), context={"event": event})


def _check_in_context(event: Event, query: str) -> dict[str, object]:
    matches = attendance_registrations(event, query)
    counted = events_with_counts(Event.objects.filter(pk=event.pk)).get()
    return {
        "event": event,
        "query": query,
        "rows": list(matches[:CHECK_IN_ROWS]),
        "match_count": matches.count(),
        "present": counted.attended_count,
        "registered": counted.registered_count,
        "limit": CHECK_IN_ROWS,
    }


@login_required
def event_check_in(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The door: search as you type, one tap marks a person present."""
    event = events_access.event_taking_attendance(request.user, pk)
    context = _check_in_context(event, request.GET.get("q", ""))
    if request.htmx:
        return render(request, "events/_check_in_results.html", context)
    return render(request, "events/check_in.html", context)


@login_required
@require_POST
def event_check_in_mark(
    request: AuthenticatedHttpRequest, pk: int, registration_pk: int
) -> HttpResponse:
    event = events_access.event_taking_attendance(request.user, pk)
    present = request.POST.get("attended", "1") == "1"
    try:
        registration = services.event_check_in(
            event=event, registration_id=registration_pk, attended=present
        )
    except ValidationError:
        raise Http404 from None
    if request.htmx:
        counted = events_with_counts(Event.objects.filter(pk=event.pk)).get()
        return render(
            request,
            "events/_check_in_row.html",
            {
                "event": event,
                "row": registration,
                "just_changed": True,
                "present": counted.attended_count,
                "registered": counted.registered_count,
            },
        )
    if present:
        messages.success(
            request, _("%(name)s is present.") % {"name": registration.person.full_name}
        )
    else:
        messages.success(
            request,
            _("%(name)s is no longer marked present.") % {"name": registration.person.full_name},
        )
    return redirect(
        _with_query(reverse("events:event_check_in", args=[event.pk]), request.POST.get("q", ""))
    )


@login_required
def event_attendance_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a list, see what it would do, confirm: everyone on it is marked, or nobody."""
    event = events_access.event_taking_attendance(request.user, pk)
    if request.method == "POST" and request.POST.get("action") == "confirm":
        emails = request.POST.get("emails", "").split()
        try:
            count = services.event_attendance_import(event=event, emails=emails)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("events:event_attendance_import", pk=event.pk)
        messages.success(
            request, _("Attendance imported: %(count)s marked present.") % {"count": count}
        )
        return redirect("events:event_detail", pk=event.pk)
    form = AttendanceImportForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        emails = form.cleaned_data["upload"]
        unknown = services.attendance_import_unknown(event=event, emails=emails)
        preview = {
            "emails": emails,
            "unknown": unknown,
            "known": len(emails) - len(unknown),
        }
    return render(
        request,
        "events/event_attendance_import.html",
        {"event": event, "form": form, "preview": preview},
    )

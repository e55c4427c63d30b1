"""Events: the list, one event with registration and cancellation, the coordinator's pages."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from audit.services import audit_record
from common.csvexport import Cell, csv_response
from common.formflow import submit
from common.ics import ics_calendar, ics_response
from events import access as events_access
from events.figures import event_statistics
from events.forms import EventCallOffForm, EventForm
from events.models import Event, RegistrationStatus
from events.selectors import (
    event_registrations,
    events_with_counts,
    ics_for_event,
    waiting_position,
)
from events.services import cancellation
from events.services import events as services
from events.services import open_events as open_services
from programmes import access

# The registrations the event's page shows; the attendance list has them all, a page at a time.
REGISTRATIONS_SHOWN = 25


@login_required
def event_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    events = events_with_counts(events_access.events_for_user(request.user), viewer=request.user)
    now = timezone.now()
    return render(
        request,
        "events/event_list.html",
        {
            "upcoming": events.filter(starts_at__gte=now).order_by("starts_at"),
            "past": events.filter(starts_at__lt=now).order_by("-starts_at"),
            "coordinated": access.programmes_for_coordinator(request.user).order_by("name"),
            "has_sessions": events_access.cohorts_with_own_sessions(request.user).exists(),
        },
    )


@login_required
def event_create(request: HttpRequest, programme_pk: int) -> HttpResponse:
    programme = access.programme_for_coordinator(request.user, programme_pk)
    form = EventForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        event = submit(
            form,
            services.event_create,
            programme=programme,
            invitees=form.cleaned_data["invitee_emails"],
            **form.service_fields(),
        )
        if event:
            messages.success(
                request, _("The event %(title)s was created.") % {"title": event.title}
            )
            return redirect("events:event_detail", pk=event.pk)
    return render(request, "events/event_form.html", {"form": form, "programme": programme})


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = events_access.event_for_coordinator(request.user, pk)
    if event.is_session:
        return redirect("events:session_edit", pk=event.pk)
    if event.is_cancelled:
        messages.error(request, _("The event is cancelled."))
        return redirect("events:event_detail", pk=event.pk)
    form = EventForm(request.POST or None, instance=event, programme=event.programme)
    if request.method == "POST" and form.is_valid():
        if submit(
            form,
            services.event_update,
            event=event,
            invitees=form.cleaned_data["invitee_emails"],
            **form.service_fields(),
        ):
            messages.success(request, _("The event was saved."))
            return redirect("events:event_detail", pk=event.pk)
    return render(
        request,
        "events/event_form.html",
        {"form": form, "programme": event.programme, "event": event},
    )


@login_required
def event_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = events_access.event_for_user(request.user, pk)
    if event.is_session:
        # A session has its own page: no registration, its materials and reflections.
        return redirect("events:session_detail", pk=event.pk)
    event = events_with_counts(Event.objects.filter(pk=event.pk), viewer=request.user).get()
    may_manage = events_access.may_manage_event(request.user, event)
    open_url = (
        request.build_absolute_uri(reverse("events:open_event", kwargs={"pk": event.pk}))
        if event.is_open
        else ""
    )
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "may_manage": may_manage,
            # The first registrations; all of them are on the attendance list, a page at a time.
            "registrations": event_registrations(event)[:REGISTRATIONS_SHOWN]
            if may_manage
            else None,
            "registration_total": event_registrations(event).count() if may_manage else 0,
            "statistics": event_statistics(event) if may_manage and event.is_open else None,
            "open_url": open_url,
            # An open event needs the person's municipality; without it, the registration page.
            "needs_open_form": event.is_open
            and not open_services.may_register_with_one_click(request.user, event),
            "waiting_position": waiting_position(event, request.user),
            "is_full": event.registered_count >= event.capacity,
        },
    )


def _registration_action(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    event = events_access.event_for_user(request.user, pk)
    try:
        if action == "cancel":
            services.event_cancel(event=event, person=request.user)
            messages.success(request, _("Your registration was cancelled."))
        else:
            register = (
                open_services.open_event_register_known
                if event.is_open
                else services.event_register
            )
            registration = register(
                event=event, person=request.user, join_waiting_list=action == "wait"
            )
            if registration.status == RegistrationStatus.WAITING:
                messages.success(
                    request,
                    _("The event is full. You are number %(position)s on the waiting list.")
                    % {"position": waiting_position(event, request.user)},
                )
            else:
                messages.success(request, _("You are registered. Welcome!"))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("events:event_detail", pk=event.pk)


@login_required
@require_POST
def event_register(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    wait = request.POST.get("waiting_list") == "1"
    return _registration_action(request, pk, "wait" if wait else "register")


@login_required
@require_POST
def event_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _registration_action(request, pk, "cancel")


@login_required
def event_call_off(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The coordinator cancels the whole event, with a note to the people it concerns."""
    event = events_access.event_for_coordinator(request.user, pk)
    if event.is_session:
        return redirect("events:session_delete", pk=event.pk)
    refusal = cancellation.call_off_refusal(event)
    if refusal:
        messages.error(request, refusal)
        return redirect("events:event_detail", pk=event.pk)
    form = EventCallOffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        told = submit(
            form, cancellation.event_call_off, event=event, actor=request.user, **form.cleaned_data
        )
        if told is not None:
            messages.success(
                request,
                ngettext(
                    "The event is cancelled. %(count)s person is told by email.",
                    "The event is cancelled. %(count)s people are told by email.",
                    told,
                )
                % {"count": told},
            )
            return redirect("events:event_detail", pk=event.pk)
    return render(
        request,
        "events/event_call_off.html",
        {
            "event": event,
            "form": form,
            "told": len(cancellation.people_to_tell(event)),
            "registered": services.registered_count(event),
        },
    )


def _statistics_rows(event: Event) -> list[Sequence[Cell]]:
    """The event page's statistics, below the list after an empty row, groups under five hidden."""
    rows: list[Sequence[Cell]] = []
    for table in event_statistics(event):
        rows.append([])
        rows.append([str(table.title), str(_("Registered")), str(_("Attended"))])
        rows.extend([label, registered, attended] for label, registered, attended in table.rows)
    return rows


@login_required
def event_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = events_access.event_for_coordinator(request.user, pk)
    audit_record(actor=request.user, action="event.export", target=event, summary=event.title)
    statuses = dict(RegistrationStatus.choices)
    rows: list[Sequence[Cell]] = [
        (
            r.person.full_name,
            r.person.email,
            str(statuses[r.status]),
            _("Yes") if r.attended else _("No"),
            r.registered_at,
        )
        for r in event_registrations(event)
    ]
    if event.is_open:
        rows += _statistics_rows(event)
    header = [_("Name"), _("Email"), _("Status"), _("Attended"), _("Registered")]
    return csv_response(f"event-{event.pk}-participants.csv", header, rows)


@login_required
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = events_access.event_for_user(request.user, pk)
    entry = ics_for_event(event, base_url=request.build_absolute_uri("/"))
    return ics_response(ics_calendar([entry], name=event.title), filename=f"event-{event.pk}.ics")

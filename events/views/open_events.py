"""The public registration page of an open event: sign in with an emailed code, then register."""

from __future__ import annotations

from urllib.parse import urlencode

from allauth.account.internal.flows.login_by_code import LoginCodeVerificationProcess
from allauth.core.ratelimit import consume
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.models import User
from common.formflow import submit
from events import access as events_access
from events.forms import OpenEventEmailForm, OpenEventRegistrationForm
from events.models import Event, RegistrationStatus
from events.selectors import events_with_counts, waiting_position
from events.services import open_events as services
from events.services.events import ACTIVE

# The same limits as allauth's own "send me a code" form (ACCOUNT_RATE_LIMITS).
CODE_RATE_LIMIT_ACTION = "request_login_code"


def _email_step(request: HttpRequest, event: Event) -> HttpResponse | OpenEventEmailForm:
    """The address form; on a valid post, the code is sent and the person sent to enter it."""
    form = OpenEventEmailForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return form
    email = form.cleaned_data["email"].strip().lower()
    if not consume(request, action=CODE_RATE_LIMIT_ACTION, key=email):
        form.add_error(None, _("Too many attempts. Wait a few minutes and try again."))
        return form
    person = submit(
        form,
        services.open_event_account_for,
        event=event,
        email=email,
        language=translation.get_language() or "",
    )
    if person is None:
        return form
    LoginCodeVerificationProcess.initiate(request=request, user=person, email=person.email)
    query = urlencode({"next": reverse("events:open_event", kwargs={"pk": event.pk})})
    return redirect(f"{reverse('account_confirm_login_code')}?{query}")


def _initial(person: User, event: Event) -> dict[str, object]:
    initial: dict[str, object] = {"full_name": person.full_name, "gender": person.gender}
    municipality = services.municipality_of(person, event)
    if municipality is not None:
        initial["municipality"] = municipality.pk
    return initial


@never_cache
def open_event(request: HttpRequest, pk: int) -> HttpResponse:
    event = events_access.open_event_for_anyone(pk)
    event = events_with_counts(
        Event.objects.filter(pk=event.pk),
        viewer=request.user if request.user.is_authenticated else None,
    ).get()
    context: dict[str, object] = {
        "event": event,
        "is_full": event.registered_count >= event.capacity,
    }
    if not request.user.is_authenticated:
        step = _email_step(request, event) if event.takes_registrations else None
        if isinstance(step, HttpResponse):
            return step
        context["email_form"] = step
        return render(request, "events/open_event.html", context)

    registration = event.registrations.filter(person=request.user, status__in=ACTIVE).first()
    form = None
    if registration is None and event.takes_registrations:
        form = OpenEventRegistrationForm(
            request.POST or None, event=event, initial=_initial(request.user, event)
        )
        if request.method == "POST" and form.is_valid():
            done = submit(
                form,
                services.open_event_register,
                event=event,
                person=request.user,
                join_waiting_list=request.POST.get("waiting_list") == "1",
                **form.cleaned_data,
            )
            if done is not None:
                if done.status == RegistrationStatus.WAITING:
                    messages.success(
                        request,
                        _("The event is full. You are number %(position)s on the waiting list.")
                        % {"position": waiting_position(event, request.user)},
                    )
                else:
                    messages.success(request, _("You are registered. Welcome!"))
                return redirect("events:open_event", pk=event.pk)
    context.update(
        {
            "form": form,
            "registration": registration,
            "waiting_position": waiting_position(event, request.user),
            "wrong_address": not event.accepts_email(request.user.email),
        }
    )
    return render(request, "events/open_event.html", context)

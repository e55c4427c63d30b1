"""Messages from the coordinator to a cohort, and correcting an address that mail bounced from."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from accounts.models import User
from common.formflow import submit
from programmes import access
from programmes.forms.running import AddressCorrectionForm, MessageForm
from programmes.selectors.bounces import bounces_in_cohort
from programmes.selectors.consortium import municipalities_in_cohort
from programmes.services import messages as services
from programmes.services.bounces import person_address_correct


@login_required
def message_list(request: HttpRequest, cohort_pk: int) -> HttpResponse:
    cohort = access.cohort_for_coordinator(request.user, cohort_pk)
    sent = (
        access.cohort_messages_for_coordinator(request.user)
        .filter(cohort=cohort)
        .select_related("sent_by", "municipality")
    )
    return render(
        request, "programmes/messages/message_list.html", {"cohort": cohort, "sent": sent}
    )


@login_required
def message_create(request: HttpRequest, cohort_pk: int) -> HttpResponse:
    cohort = access.cohort_for_coordinator(request.user, cohort_pk)
    form = MessageForm(
        request.POST or None,
        municipalities=municipalities_in_cohort(cohort),
        events=services.event_choices(cohort),
    )
    if request.method == "POST" and form.is_valid():
        message = submit(
            form, services.message_send, cohort=cohort, sent_by=request.user, **form.cleaned_data
        )
        if message and message.scheduled_for:
            flash.success(
                request,
                _("The message will be sent on %(when)s.")
                % {"when": date_format(localtime(message.scheduled_for), "j F Y H:i")},
            )
        elif message:
            flash.success(
                request,
                ngettext(
                    "The message is on its way to %(count)s person.",
                    "The message is on its way to %(count)s people.",
                    message.recipient_count,
                )
                % {"count": message.recipient_count},
            )
        if message:
            return redirect("programmes:message_list", cohort_pk=cohort.pk)
    return render(
        request,
        "programmes/messages/message_form.html",
        {"cohort": cohort, "form": form, "merge_fields": services.MESSAGE_WITH_EVENT.fields},
    )


@login_required
@require_POST
def message_cancel(request: AuthenticatedHttpRequest, cohort_pk: int, pk: int) -> HttpResponse:
    cohort = access.cohort_for_coordinator(request.user, cohort_pk)
    message = get_object_or_404(
        access.cohort_messages_for_coordinator(request.user).filter(cohort=cohort), pk=pk
    )
    try:
        services.message_cancel(message=message, actor=request.user)
    except ValidationError as error:
        flash.error(request, " ".join(error.messages))
    else:
        flash.success(request, _("The message is cancelled; nobody gets it."))
    return redirect("programmes:message_list", cohort_pk=cohort.pk)


@login_required
def bounce_correct(request: HttpRequest, cohort_pk: int, person_pk: int) -> HttpResponse:
    cohort = access.cohort_for_coordinator(request.user, cohort_pk)
    person = get_object_or_404(User, pk=person_pk, enrolments__cohort=cohort)
    bounces = [b for b in bounces_in_cohort(cohort) if b.person.pk == person.pk]
    form = AddressCorrectionForm(request.POST or None, initial={"email": person.email})
    if request.method == "POST" and form.is_valid():
        retried = submit(
            form,
            person_address_correct,
            actor=request.user,
            cohort=cohort,
            person=person,
            email=form.cleaned_data["email"],
        )
        if retried is not None:
            flash.success(
                request,
                ngettext(
                    "The address of %(name)s is saved; %(count)s email is sent to it again.",
                    "The address of %(name)s is saved; %(count)s emails are sent to it again.",
                    retried,
                )
                % {"name": person.full_name, "count": retried},
            )
            return redirect("programmes:cohort_detail", pk=cohort.pk)
    return render(
        request,
        "programmes/messages/bounce_correct.html",
        {"cohort": cohort, "person": person, "bounces": bounces, "form": form},
    )

"""Messages from the coordinator to a cohort, and correcting an address that mail bounced from."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext

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
    form = MessageForm(request.POST or None, municipalities=municipalities_in_cohort(cohort))
    if request.method == "POST" and form.is_valid():
        message = submit(
            form, services.message_send, cohort=cohort, sent_by=request.user, **form.cleaned_data
        )
        if message:
            flash.success(
                request,
                ngettext(
                    "The message is on its way to %(count)s person.",
                    "The message is on its way to %(count)s people.",
                    message.recipient_count,
                )
                % {"count": message.recipient_count},
            )
            return redirect("programmes:message_list", cohort_pk=cohort.pk)
    return render(
        request, "programmes/messages/message_form.html", {"cohort": cohort, "form": form}
    )


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

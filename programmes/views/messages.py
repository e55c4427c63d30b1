"""Messages from the coordinator to a cohort: write one, and the list of those sent."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import access, access_running
from ..formflow import submit
from ..forms.running import MessageForm
from ..selectors.consortium import municipalities_in_cohort
from ..services import messages as services


@login_required
def message_list(request: HttpRequest, cohort_pk: int) -> HttpResponse:
    cohort = access.cohort_for_coordinator(request.user, cohort_pk)
    sent = (
        access_running.cohort_messages_for_coordinator(request.user)
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
                _("The message is on its way to %(count)s people.")
                % {"count": message.recipient_count},
            )
            return redirect("programmes:message_list", cohort_pk=cohort.pk)
    return render(
        request, "programmes/messages/message_form.html", {"cohort": cohort, "form": form}
    )

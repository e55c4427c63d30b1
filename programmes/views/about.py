"""Public pages about the service: the accessibility statement and problem reports."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.formflow import submit
from programmes.forms.feedback import AccessibilityReportForm
from programmes.services.feedback import accessibility_report_create

# When the service was published and last assessed (the statement's date follows the latest
# assessment); update with each assessment.
SERVICE_PUBLISHED_ON = datetime.date(2026, 11, 25)
STATEMENT_REVIEWED_ON = datetime.date(2026, 12, 5)


def accessibility(request: HttpRequest) -> HttpResponse:
    form = AccessibilityReportForm(
        request.POST or None, initial={"page": request.GET.get("page", "")[:500]}
    )
    if request.method == "POST" and form.is_valid():
        if submit(form, accessibility_report_create, **form.cleaned_data):
            messages.success(
                request, _("Thank you. Your report has been sent to the administrators.")
            )
            return redirect("programmes:accessibility")
    return render(
        request,
        "programmes/about/accessibility.html",
        {
            "form": form,
            "reviewed_on": STATEMENT_REVIEWED_ON,
            "published_on": SERVICE_PUBLISHED_ON,
            "owner": settings.SERVICE_OWNER,
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "contact_phone": settings.ACCESSIBILITY_CONTACT_PHONE,
        },
    )

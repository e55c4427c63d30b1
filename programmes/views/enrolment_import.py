"""The coordinator uploads a participant file, reads the preview and confirms it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.http import AuthenticatedHttpRequest
from common.formflow import submit
from programmes import access
from programmes.forms.enrolment import ImportUploadForm
from programmes.imports import IMPORT_MAX_BYTES
from programmes.services import enrolment_import as services


@login_required
def import_upload(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = access.cohort_for_coordinator(request.user, pk)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            form.add_error("file", _("The file is too large; the limit is 2 MB."))
        else:
            result = submit(
                form,
                services.participants_import_prepare,
                cohort=cohort,
                role=form.cleaned_data["role"],
                uploaded_by=request.user,
                filename=upload.name,
                content=upload.read(),
            )
            if result:
                batch, _problems = result
                return redirect("programmes:import_preview", pk=batch.pk)
    return render(
        request, "programmes/enrolment/import_upload.html", {"cohort": cohort, "form": form}
    )


@login_required
def import_preview(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    batch = access.import_batch_for_coordinator(request.user, pk)
    cohort = batch.cohort
    if request.method == "POST":
        try:
            enrolments = services.participants_import_confirm(batch=batch, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d person was imported and invited by email.",
                    "%(count)d people were imported and invited by email.",
                    len(enrolments),
                )
                % {"count": len(enrolments)},
            )
            return redirect("programmes:cohort_applications", pk=cohort.pk)
    rows, file_problems = services.import_batch_check(batch=batch)
    return render(
        request,
        "programmes/enrolment/import_preview.html",
        {
            "batch": batch,
            "cohort": cohort,
            "rows": rows,
            "file_problems": file_problems,
            "problem_count": sum(len(row.problems) for row in rows) + len(file_problems),
        },
    )

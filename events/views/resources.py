"""Resources: the participant's list, the coordinator's upload, downloads behind access checks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.http import AuthenticatedHttpRequest
from common.formflow import submit
from common.stored_files import stored_file_open
from events import access as events_access
from events.forms import ResourceForm
from events.services import resources as services
from programmes import access


@login_required
def resource_list(request: HttpRequest) -> HttpResponse:
    resources = (
        events_access.resources_for_user(request.user)
        .select_related("programme", "cohort")
        .order_by("programme__name", "-created_at")
    )
    coordinated = access.programmes_for_coordinator(request.user).order_by("name")
    managed = set(
        events_access.resources_for_coordinator(request.user).values_list("pk", flat=True)
    )
    return render(
        request,
        "events/resources/resource_list.html",
        {"resources": resources, "coordinated": coordinated, "managed": managed},
    )


@login_required
def resource_create(request: HttpRequest, programme_pk: int) -> HttpResponse:
    programme = access.programme_for_coordinator(request.user, programme_pk)
    form = ResourceForm(request.POST or None, request.FILES or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        resource = submit(
            form,
            services.resource_add,
            programme=programme,
            uploaded_by=request.user,
            **form.cleaned_data,
        )
        if resource:
            messages.success(request, _("%(title)s was added.") % {"title": resource.title})
            return redirect("events:resource_list")
    return render(
        request, "events/resources/resource_form.html", {"form": form, "programme": programme}
    )


@login_required
def resource_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    resource = events_access.resource_for_user(request.user, pk)
    if resource.is_link:
        return redirect(resource.url)
    handle = stored_file_open(resource.file)
    if handle is None:
        manages = (
            events_access.resources_for_coordinator(request.user).filter(pk=resource.pk).exists()
        )
        return render(
            request,
            "events/resources/resource_missing.html",
            {"resource": resource, "manages": manages},
            status=404,
        )
    # Always a download with the type found at upload, never rendered in the site's origin.
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=resource.original_name or resource.file.name.rsplit("/", 1)[-1],
        content_type=resource.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def resource_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    resource = events_access.resource_for_coordinator(request.user, pk)
    if request.method != "POST":
        return render(request, "events/resources/resource_delete.html", {"resource": resource})
    title = resource.title
    session_pk = resource.event_id
    services.resource_delete(resource=resource, actor=request.user)
    messages.success(request, _("%(title)s was removed.") % {"title": title})
    if session_pk is not None:
        return redirect("events:session_detail", pk=session_pk)
    return redirect("events:resource_list")

"""Trust pages: the register extract, retention decisions, anonymisation and the audit log."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import services as account_services
from accounts.http import AuthenticatedHttpRequest
from accounts.models import User
from audit.actions import action_label, target_type_label
from audit.selectors import audit_events_search
from common.formflow import submit
from common.lists import paginate
from privacy import registry as privacy
from privacy.forms import AnonymiseForm, AuditSearchForm, DeactivateForm, RetentionDecisionForm
from privacy.models import RecordKind, RetentionDecision, RetentionRun
from privacy.services import people as privacy_services
from privacy.services import retention as retention_services
from programmes import access

AUDIT_PAGE_SIZE = 50
RECENT_RUNS = 10


@login_required
def my_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    extract = privacy_services.register_extract_create(person=request.user, format="html")
    sections = [
        {
            "title": section["title"],
            "purpose": section["purpose"],
            "labels": [f["label"] for f in section["fields"]],
            "rows": [
                [_readable(row[f["name"]]) for f in section["fields"]] for row in section["rows"]
            ],
        }
        for section in extract["sections"]
    ]
    return render(
        request,
        "privacy/my_data.html",
        {
            "held": [s for s in sections if s["rows"]],
            "empty": [s for s in sections if not s["rows"]],
            "generated_at": extract["generated_at"],
        },
    )


def _readable(value: object) -> object:
    """A value of the extract as a person reads it: Ja/Nej and local dates, not JSON."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        if len(value) == 10:
            return date_format(moment.date(), "j F Y")
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return date_format(moment, "j F Y H:i")
    return value


@login_required
def my_data_json(request: AuthenticatedHttpRequest) -> HttpResponse:
    extract = privacy_services.register_extract_create(person=request.user, format="json")
    response = HttpResponse(
        json.dumps(extract, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"register-extract-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def retention_overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    readable = access.municipalities_for_contact(request.user)
    if not access.is_administrator(request.user):
        readable = readable.filter(contacts=request.user)
    municipalities = list(readable.order_by("name"))
    if not municipalities and not access.is_administrator(request.user):
        raise PermissionDenied
    decisions = {
        decision.municipality_id: decision
        for decision in RetentionDecision.objects.in_force()
        if decision.municipality_id in {m.pk for m in municipalities}
    }
    rows = [(municipality, decisions.get(municipality.pk)) for municipality in municipalities]
    runs = RetentionRun.objects.prefetch_related("actions__decision__municipality")[:RECENT_RUNS]
    return render(
        request,
        "privacy/retention.html",
        {
            "rows": rows,
            "runs": runs if access.is_administrator(request.user) else [],
            # Grouped by kind of record, in the order the decision form lists the kinds.
            "handlers": sorted(
                [*privacy.retention_handlers(), *privacy.dated_retention_handlers()],
                key=lambda h: list(RecordKind).index(h.kind),
            ),
        },
    )


@login_required
def retention_decision_create(request: HttpRequest, municipality_pk: int) -> HttpResponse:
    municipality = access.municipality_for_contact(request.user, municipality_pk)
    form = RetentionDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = submit(
            form,
            retention_services.retention_decision_record,
            municipality=municipality,
            recorded_by=request.user,
            **form.cleaned_data,
        )
        if decision:
            messages.success(request, _("The retention decision was recorded."))
            return redirect("privacy:retention")
    return render(
        request,
        "privacy/retention_decision_form.html",
        {"form": form, "municipality": municipality},
    )


def _act_on_person(
    request: AuthenticatedHttpRequest,
    pk: int,
    *,
    form_class: type[AnonymiseForm] | type[DeactivateForm],
    act: Callable[[User, User, str], object],
    template: str,
    done: Callable[[User], tuple[str, HttpResponse]],
) -> HttpResponse:
    """An administrator's action on a person, with a reason: to anyone else there is no
    such page (404); a refused action changes nothing and says why."""
    if not access.is_administrator(request.user):
        raise Http404
    person = access.get_or_404(User.objects.all(), pk)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        if submit(form, lambda: act(person, request.user, reason)):
            message, response = done(person)
            messages.success(request, message)
            return response
    return render(request, template, {"form": form, "person": person})


@login_required
def person_anonymise(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _act_on_person(
        request,
        pk,
        form_class=AnonymiseForm,
        act=lambda person, actor, reason: privacy_services.person_anonymise(
            person=person, performed_by=actor, reason=reason
        ),
        template="privacy/person_anonymise.html",
        done=lambda person: (
            _("The person was anonymised."),
            redirect("privacy:audit_log"),
        ),
    )


@login_required
def person_deactivate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _act_on_person(
        request,
        pk,
        form_class=DeactivateForm,
        act=lambda person, actor, reason: account_services.person_deactivate(
            person=person, actor=actor, reason=reason
        ),
        template="privacy/person_deactivate.html",
        done=lambda person: (
            _("%(name)s can no longer sign in.") % {"name": person.full_name},
            redirect("admin:accounts_user_change", person.pk),
        ),
    )


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not access.is_administrator(request.user):
        raise PermissionDenied
    form = AuditSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    shown = paginate(request.GET, audit_events_search(filters), AUDIT_PAGE_SIZE)
    for event in shown.page:
        # Display attributes for the template, which AuditEvent does not declare.
        event.action_label = action_label(event.action)  # type: ignore[attr-defined]
        event.target_label = target_type_label(event.target_type)  # type: ignore[attr-defined]
    return render(
        request,
        "privacy/audit_log.html",
        {"form": form, "page": shown.page, "query": shown.query},
    )

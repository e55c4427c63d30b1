"""A cohort's admitted participants as a list that finds and acts, for its coordinators."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from common.lists import bulk_respond, list_response
from programmes import access, lists


@login_required
def cohort_participants(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = access.cohort_for_coordinator(request.user, pk)
    definition = lists.participants_list(cohort=cohort)
    return list_response(
        request,
        template="programmes/cohort_participants.html",
        context={
            "cohort": cohort,
            "programme": cohort.programme,
            **definition.context(request.GET),
        },
    )


@login_required
@require_POST
def cohort_participants_bulk(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = access.cohort_for_coordinator(request.user, pk)
    return bulk_respond(request, lists.participants_list(cohort=cohort), context={"cohort": cohort})

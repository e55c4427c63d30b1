"""The coordinator's view of a cohort's pairs: their health (surveys: surveys.py).

Coordinators see figures, never the pair's notes or reflections.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from common.lists import bulk_respond, list_response
from programmes.access import cohort_run_by

from .. import lists, schedule, selectors


@login_required
def cohort_health(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = cohort_run_by(request.user, pk)
    if cohort.is_group_mentoring:
        return render(
            request,
            "pairs/group_health.html",
            {
                "cohort": cohort,
                "rows": selectors.group_health(cohort),
                "planned": cohort.programme.planned_meetings,
            },
        )
    context = lists.pairs_list(cohort=cohort).context(request.GET)
    return list_response(
        request,
        template="pairs/cohort_health.html",
        context={
            "cohort": cohort,
            **context,
            # Only the page's pairs become rows; the figures come with them.
            "health": selectors.pair_health_rows(context["listing"].rows),
            "planned": cohort.programme.planned_meetings,
            "attention_count": selectors.pairs_needing_attention(
                selectors.cohort_health_pairs(cohort)
            ).count(),
            "nudges_before_attention": schedule.nudges_before_attention(),
        },
    )


@login_required
@require_POST
def cohort_health_bulk(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cohort = cohort_run_by(request.user, pk)
    if cohort.is_group_mentoring:
        raise Http404
    return bulk_respond(request, lists.pairs_list(cohort=cohort), context={"cohort": cohort})

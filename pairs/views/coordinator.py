"""The coordinator's view of a cohort's pairs: their health (surveys: surveys.py).

Coordinators see figures, never the pair's notes or reflections.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from programmes.access import cohort_run_by

from .. import schedule, selectors


@login_required
def cohort_health(request: HttpRequest, pk: int) -> HttpResponse:
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
    rows = selectors.cohort_health(cohort)
    return render(
        request,
        "pairs/cohort_health.html",
        {
            "cohort": cohort,
            "rows": rows,
            "planned": cohort.programme.planned_meetings,
            "attention_count": sum(1 for row in rows if row.needs_attention),
            "nudges_before_attention": schedule.nudges_before_attention(),
        },
    )

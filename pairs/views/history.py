"""All of a pair's meetings, goals and reflections, paged: the pair page shows the latest."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.http import AuthenticatedHttpRequest
from common.lists import paginate

from .. import access
from ..charts import charts_attach
from ..models import GoalRating, Pair, Preparation
from ..selectors import ALL_PER_PAGE


def _paged(
    request: AuthenticatedHttpRequest, pair: Pair, rows: QuerySet[Any], kind: str, title: str
) -> HttpResponse:
    shown = paginate(request.GET, rows, ALL_PER_PAGE)
    items = list(shown.page.object_list)
    if kind == "goals":
        charts_attach(items)
    return render(
        request,
        "pairs/pair_all.html",
        {
            "pair": pair,
            "page": shown.page,
            "query": shown.query,
            "items": items,
            "kind": kind,
            "title": title,
            "me_is_adept": pair.adept.person_id == request.user.pk,
        },
    )


@login_required
def pair_meetings(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = access.pair_for_user(request.user, pk)
    meetings = pair.meetings.order_by("-starts_at", "-pk").prefetch_related(
        Prefetch("preparations", queryset=Preparation.objects.select_related("person"))
    )
    return _paged(request, pair, meetings, "meetings", _("All our meetings"))


@login_required
def pair_goals(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = access.pair_for_user(request.user, pk)
    goals = pair.goals.order_by("-created_at", "-pk").prefetch_related(
        Prefetch("ratings", queryset=GoalRating.objects.order_by("rated_on", "created_at"))
    )
    return _paged(request, pair, goals, "goals", _("All our goals"))


@login_required
def pair_reflections(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pair = access.pair_for_user(request.user, pk)
    # Only what this reader may read: their own, and what their partner shared.
    reflections = pair.reflections.readable_by(request.user.pk).select_related("author", "meeting")
    return _paged(request, pair, reflections, "reflections", _("All our reflections"))

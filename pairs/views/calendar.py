"""The person's private calendar feed: the address, its renewal, and the feed itself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from common.ics import ics_response

from ..calendar import feed_events, feed_ics
from ..models import CalendarFeed
from ..selectors import feed_group_meetings, feed_meetings
from ..services.calendar_feed import calendar_feed_get, calendar_feed_renew


@login_required
def calendar_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    feed = calendar_feed_get(person=request.user)
    url = request.build_absolute_uri(reverse("pairs:calendar_feed", kwargs={"token": feed.token}))
    # webcal:// asks the device's calendar app to subscribe (Outlook, Apple Calendar).
    webcal_url = "webcal://" + url.split("://", 1)[1]
    return render(
        request,
        "pairs/calendar.html",
        {"feed_url": url, "webcal_url": webcal_url, "feed": feed},
    )


@login_required
@require_POST
def calendar_renew(request: AuthenticatedHttpRequest) -> HttpResponse:
    calendar_feed_renew(person=request.user)
    messages.success(
        request, _("Your calendar has a new address. The old address no longer works.")
    )
    return redirect("pairs:calendar")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No sign-in: calendar apps fetch this. The secret token is the key; a wrong one is a 404."""
    feed = CalendarFeed.objects.select_related("person").filter(token=token).first()
    if feed is None or not feed.person.is_active:
        raise Http404
    body = feed_ics(
        meetings=feed_meetings(feed.person),
        group_meetings=feed_group_meetings(feed.person),
        events=feed_events(feed.person),
    )
    return ics_response(body, filename=None)

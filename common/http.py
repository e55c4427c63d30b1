"""The request as the project's middleware leaves it, for the type checker."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """Every request: django-htmx's middleware (in MIDDLEWARE for all) sets ``htmx``."""

    htmx: HtmxDetails

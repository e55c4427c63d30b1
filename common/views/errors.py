"""The error page for an uncaught exception: 503 while the database is away, else 500."""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token

# How long a browser or a proxy is asked to wait before trying again.
DATABASE_RETRY_AFTER_SECONDS = 30


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """Django calls this inside its ``except`` block, so ``sys.exc_info()`` is the error.

    The database cannot answer, so the page is rendered as 500.html is: without the
    request's context processors, which read the person's roles from the database.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        return response
    return defaults.server_error(request)

"""The rule that no answer is kept in a cache."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

Handler = Callable[[HttpRequest], HttpResponse]


class NoStoreMiddleware:
    """Sends every answer with ``Cache-Control: no-store, private``.

    Signed-in pages, exports, PDFs, calendar files and feeds, the register extract and
    the pages opened with a secret link all carry personal data. The few public pages
    (about, sign-in) gain little from a cache, and a rule with no exceptions cannot miss
    a page. Static files never reach this middleware: WhiteNoise, before it, serves them
    with their own cache lifetime.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True)
        return response

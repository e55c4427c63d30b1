"""No answer of the site is kept in a browser's or a proxy's cache; only static files are.

Pages, exports, PDFs, calendar files and feeds, the register extract and the pages opened
with a secret link all carry personal data, so every response is sent with
``Cache-Control: no-store, private`` (programmes.middleware.NoStoreMiddleware).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils.cache import patch_cache_control

from common.middleware import NoStoreMiddleware
from tests.access.table import ROWS, Row
from tests.world import ROLES, World


def _cache_problem(response) -> str | None:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    if {"no-store", "private"} <= directives:
        return None
    return f"{response.status_code} with Cache-Control {response.get('Cache-Control')!r}"


def _sends_to_sign_in(role: str, response) -> bool:
    login = reverse("account_login")
    return role == "anonymous" and response.status_code == 302 and response.url.startswith(login)


@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row.method} {row.name}")
def test_every_answer_of_the_access_table_is_kept_out_of_caches(
    row: Row, world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse(row.name, kwargs=row.kwargs(world))
    failures = []
    for role in ROLES:
        data = row.data(world) if row.data else {}
        response = getattr(client_for(role), row.method)(url, data)
        if _sends_to_sign_in(role, response):
            continue
        problem = _cache_problem(response)
        if problem:
            failures.append(f"{role}: {problem}")
    assert failures == [], f"{row.method.upper()} {url}\n" + "\n".join(failures)


def test_the_error_pages_are_kept_out_of_caches_too(client_for: Callable[[str], Client]) -> None:
    response = client_for("adept").get("/no-such-page/")
    assert response.status_code == 404
    assert _cache_problem(response) is None


def test_a_view_s_own_cache_directives_are_kept_beside_no_store(rf) -> None:
    def view_with_its_own_directives(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("x")
        patch_cache_control(response, must_revalidate=True, public=True)
        return response

    response = NoStoreMiddleware(view_with_its_own_directives)(rf.get("/"))
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    # patch_cache_control's rule: private replaces public; the view's other directives stay.
    assert directives == {"must-revalidate", "no-store", "private"}


def test_static_files_keep_their_cache_lifetime(settings) -> None:
    # WhiteNoise serves static files before the middleware that adds no-store.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = Client().get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "max-age" in response["Cache-Control"]

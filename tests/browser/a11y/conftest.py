"""Fixtures for the accessibility checks: one Chromium for the whole session, and
signed-in browser contexts made from Django sessions instead of the sign-in form.

The harness in tests/browser/conftest.py starts a fresh persistent profile per test, which
is right for journeys; the axe check visits hundreds of pages, so it shares one browser and
gives each persona a cheap context of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import User
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS


@pytest.fixture(scope="session")
def shared_browser(playwright) -> Iterator[object]:
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: apt-get install chromium"
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
    )
    yield browser
    browser.close()


@pytest.fixture
def context_for(shared_browser, live_server) -> Iterator[Callable[..., object]]:
    """A browser context signed in as ``user`` (or anonymous), showing ``language``.

    The session comes from Django's test client (force_login), its cookie is put into
    the browser; the language cookie is the one the language button sets.
    """
    contexts: list[object] = []

    def make(user: User | None, *, language: str = "sv", **options: object) -> object:
        context = shared_browser.new_context(
            base_url=live_server.url,
            locale="sv-SE",
            timezone_id="Europe/Stockholm",
            **options,
        )
        context.set_default_timeout(15_000)
        cookies = [
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}
        ]
        if user is not None:
            client = Client()
            client.force_login(user)
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookies.append(
                {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
            )
        context.add_cookies(cookies)
        context.live_url = live_server.url
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def _shared_page(shared_browser, live_server) -> Iterator[object]:
    context = shared_browser.new_context(
        base_url=live_server.url, locale="sv-SE", timezone_id="Europe/Stockholm"
    )
    context.set_default_timeout(15_000)
    context.live_url = live_server.url
    yield context.new_page()
    context.close()


@pytest.fixture
def shared_page(_shared_page) -> object:
    """One page in one context for the whole session (scripts and styles stay cached);
    sign_in_as() swaps the cookies between personas."""
    _shared_page.context.clear_cookies()
    return _shared_page


def sign_in_as(page, user: User | None) -> None:
    """Puts a fresh Django session for ``user`` (none: anonymous) into the page's context."""
    context = page.context
    context.clear_cookies()
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": context.live_url}]
        )


def set_language(context, language: str) -> None:
    """Sets the language cookie the language button sets, for the next page load."""
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": context.live_url}]
    )

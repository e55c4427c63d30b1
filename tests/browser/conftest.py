"""Browser tests: the app on a live server, driven by Playwright in Debian's Chromium.

Playwright never downloads a browser here: it drives /usr/bin/chromium (install it with
``apt-get install chromium``; .ci/run does). Every test gets a fresh profile directory.
The tests are marked ``browser`` and run with ``pytest tests/browser`` (.ci/run does);
the default run leaves this folder out because a fresh machine may have no Chromium.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between page actions are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TOTP_SECRET = "JBSWY3DPEHPK3PXPBROWSERTESTS2345"  # base32; the staff personas share it


@pytest.fixture(scope="session")
def playwright() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: apt-get install chromium"
    with sync_playwright() as instance:
        yield instance


@pytest.fixture
def page(chromium, live_server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A page in a fresh browser context (cookies, storage and cache of its own, as a new
    profile) of the module's Chromium, with the live server as base URL.

    Console errors (a Content-Security-Policy violation, a failing script) fail the test.
    """
    cache.clear()  # allauth remembers used TOTP codes and rate limits in the cache
    context = chromium.new_context(
        base_url=live_server.url, locale="sv-SE", timezone_id="Europe/Stockholm"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []

    def on_console(message) -> None:
        # Chromium asks for /favicon.ico on its own; that request is no page's error.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            errors.append(f"{message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], errors


def totp_code(secret: str = TOTP_SECRET) -> str:
    return format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // 30))


@dataclass
class Persona:
    user: User
    password: str
    totp_secret: str | None


@pytest.fixture
def make_persona(db) -> Callable[..., Persona]:
    """A person with a password and, for staff roles, TOTP set up with a known secret."""

    def make(*, staff: bool = False, **fields: object) -> Persona:
        user = UserFactory(**fields)
        secret = None
        if staff:
            TOTP.activate(user, TOTP_SECRET)
            secret = TOTP_SECRET
        return Persona(user=user, password=PASSWORD, totp_secret=secret)

    return make


def sign_in(page, persona: Persona) -> None:
    """Signs in through the real form, entering the current TOTP code at the MFA step."""
    page.goto("/accounts/login/")
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=login]").fill(persona.user.email)
    form.locator("input[name=password]").fill(persona.password)
    form.locator("[type=submit]").click()
    if persona.totp_secret:
        page.wait_for_url("**/2fa/authenticate/**")
        # A code is refused when its 30-second window closes between typing and sending,
        # or when the same code was just used: then the next window's code goes in.
        for attempt in range(2):
            if attempt:
                time.sleep(30 - time.time() % 30 + 1)
            mfa = page.locator("main form").filter(has=page.locator("input[name=code]"))
            mfa.locator("input[name=code]").fill(totp_code(persona.totp_secret))
            mfa.locator("button[type=submit]:not([form])").click()
            try:
                page.wait_for_url(lambda url: "/2fa/authenticate" not in url, timeout=5_000)
                break
            except PlaywrightTimeoutError:
                continue
    page.wait_for_load_state()
    assert "/accounts/" not in page.url, f"still signing in at {page.url}"


def switch_language(page, language: str) -> None:
    """Uses the language button in the page header, as a person would."""
    if page.locator("html").get_attribute("lang") != language:
        page.locator(f"header button[name=language][value={language}]").click()
        page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == language


def pair_across_two_towns(adept: User, mentor: User, cohort):
    """A pair in the cohort: the adept from Håbo, the mentor from Enköping."""
    from pairs.models import Pair
    from programmes.models import Role
    from tests.factories import EnrolmentFactory, MunicipalityFactory

    return Pair.objects.create(
        cohort=cohort,
        adept=EnrolmentFactory(
            person=adept,
            cohort=cohort,
            role=Role.ADEPT,
            municipality=MunicipalityFactory(name="Håbo", code="0305"),
        ),
        mentor=EnrolmentFactory(
            person=mentor,
            cohort=cohort,
            role=Role.MENTOR,
            municipality=MunicipalityFactory(name="Enköping", code="0381"),
        ),
    )


# A page per person: journeys with several people keep each signed in, in a context of their own.


@pytest.fixture(scope="module")
def chromium(playwright) -> Iterator[object]:
    """One Chromium for the whole module; each person gets a fresh context in it."""
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: apt-get install chromium"
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
    )
    yield browser
    browser.close()


class Browsers:
    """Opens a page per person; console errors on any of them fail the journey."""

    def __init__(self, chromium, base_url: str) -> None:  # type: ignore[no-untyped-def]
        self.chromium = chromium
        self.base_url = base_url
        self.contexts: list[object] = []
        self.errors: list[str] = []

    def page(self, persona: Persona | None = None):  # type: ignore[no-untyped-def]
        context = self.chromium.new_context(
            base_url=self.base_url,
            locale="sv-SE",
            timezone_id="Europe/Stockholm",
            accept_downloads=True,
        )
        context.set_default_timeout(15_000)
        self.contexts.append(context)
        page = context.new_page()

        def on_console(message) -> None:  # type: ignore[no-untyped-def]
            location = message.location.get("url", "")
            if message.type == "error" and not location.endswith("/favicon.ico"):
                self.errors.append(f"{message.text} ({location})")

        page.on("console", on_console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        # "Publish the pairs?" and the like: the person says yes.
        page.on("dialog", lambda dialog: dialog.accept())
        if persona is not None:
            sign_in(page, persona)
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsers(chromium, live_server) -> Iterator[Browsers]:  # type: ignore[no-untyped-def]
    cache.clear()  # allauth remembers used TOTP codes and rate limits in the cache
    mail.outbox.clear()
    opened = Browsers(chromium, live_server.url)
    yield opened
    opened.close()
    assert opened.errors == [], opened.errors

"""Session lifetime, the person's language, the second-factor rule for staff roles and
the rule that no answer is kept in a cache."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import patch_cache_control

from .access import SESSION_ROLES_KEY, request_roles
from .accounts import signed_in_with_mfa_enforcing_sso

Handler = Callable[[HttpRequest], HttpResponse]
SESSION_STARTED_KEY = "mentorship_session_started"
SESSION_RENEWED_KEY = "mentorship_session_renewed"


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


class SessionLifetimeMiddleware:
    """Ends a signed-in session ten hours after sign-in, however active it is, and
    keeps an active one alive.

    The idle limit is SESSION_COOKIE_AGE from the session's last save. A request
    saves the session again (and so renews the limit) when the last renewal is
    SESSION_RENEW_SECONDS old: the idle limit is kept to within that much, and a
    person clicking through pages costs one session write a minute, not one a page.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            session = request.session
            now = int(time.time())
            started = session.get(SESSION_STARTED_KEY)
            if started is None:
                session[SESSION_STARTED_KEY] = now
            elif now - int(started) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(settings.LOGIN_URL)
            if now - int(session.get(SESSION_RENEWED_KEY, 0)) >= settings.SESSION_RENEW_SECONDS:
                session[SESSION_RENEWED_KEY] = now
                session.pop(SESSION_ROLES_KEY, None)  # asked afresh on this request
        return self.get_response(request)


class UserLanguageMiddleware:
    """Uses the person's preferred language unless they chose one in this browser."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if request.user.is_authenticated and not chosen:
            translation.activate(request.user.preferred_language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


# Pages a person who still has to set up a second factor may open.
SECOND_FACTOR_EXEMPT_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/healthz", "/about/")


class RequireSecondFactorMiddleware:
    """Sends coordinators, contacts and administrators without TOTP to set it up.

    A session signed in through an SSO provider that enforces MFA at the identity
    provider (settings.SSO_PROVIDERS_ENFORCING_MFA, or "mfa_enforced" in
    SOCIALACCOUNT_PROVIDERS) counts as signed in with a second factor.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(SECOND_FACTOR_EXEMPT_PREFIXES)
            and request_roles(request).requires_second_factor
            and not _has_second_factor(user)
            and not signed_in_with_mfa_enforcing_sso(request)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _has_second_factor(user: object) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

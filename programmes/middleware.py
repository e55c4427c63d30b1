"""Session lifetime, the person's language and the second-factor rule for staff roles."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation

from .access import requires_second_factor
from .accounts import signed_in_with_mfa_enforcing_sso

Handler = Callable[[HttpRequest], HttpResponse]
SESSION_STARTED_KEY = "mentorship_session_started"


class SessionLifetimeMiddleware:
    """Ends a signed-in session ten hours after sign-in, however active it is.

    The idle limit is SESSION_COOKIE_AGE, refreshed on every request.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(SESSION_STARTED_KEY)
            now = int(time.time())
            if started is None:
                request.session[SESSION_STARTED_KEY] = now
            elif now - int(started) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(settings.LOGIN_URL)
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
            and requires_second_factor(user)
            and not _has_second_factor(user)
            and not signed_in_with_mfa_enforcing_sso(request)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _has_second_factor(user: object) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

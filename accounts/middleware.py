"""A signed-in session's lifetime and the person's language."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation

Handler = Callable[[HttpRequest], HttpResponse]
SESSION_STARTED_KEY = "mentorship_session_started"
SESSION_RENEWED_KEY = "mentorship_session_renewed"
# The person's roles, kept in the session by programmes.access and asked afresh whenever
# the session is renewed, so a role granted or taken away shows within a minute.
SESSION_ROLES_KEY = "mentorship_roles"


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


def page_language(request: HttpRequest) -> str:
    """The language of the pages: the one chosen in this browser, else the signed-in
    person's preferred language, else what the request asked for."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    user = getattr(request, "user", None)
    if not chosen and user is not None and user.is_authenticated:
        return str(user.preferred_language)
    return translation.get_language() or settings.LANGUAGE_CODE


class UserLanguageMiddleware:
    """Uses the person's preferred language unless they chose one in this browser."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = page_language(request)
        if language != translation.get_language():
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)

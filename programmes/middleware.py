"""The second-factor rule for the roles that see other people's data."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from accounts.adapter import signed_in_with_mfa_enforcing_sso
from programmes.access import request_roles

Handler = Callable[[HttpRequest], HttpResponse]


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

"""How django-allauth treats our people: email login, mail in the person's language.

Also the one place that knows which SSO sign-ins count as a second factor
(see docs/sso.md): a session signed in through a provider that enforces MFA at
the identity provider satisfies the MFA rule for staff roles.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import (
    AUTHENTICATION_METHODS_SESSION_KEY,
    get_authentication_records,
)
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import translation

from accounts.middleware import page_language


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        user = context.get("user")
        if user is None or not getattr(user, "pk", None):
            # Some mails (sign-in codes, password reset) carry only the address.
            from accounts.models import User

            user = User.objects.filter(email__iexact=email).first()
        language = getattr(user, "preferred_language", None) or translation.get_language()
        context = {"site_url": settings.SITE_URL, "LANGUAGE_CODE": language, **context}
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        """allauth's messages in the language the next page is shown in.

        Signing in happens in the browser's language; from the next page on the person's
        own preferred language applies unless they chose one in this browser
        (accounts.middleware.UserLanguageMiddleware). "Signed in as ..." follows the page.
        """
        with translation.override(page_language(request)):
            super().add_message(
                request, level, message_template, message_context, extra_tags, message
            )

    def populate_username(self, request: Any, user: Any) -> None:
        # There is no username; the email address is the login.
        return None

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        """Sign-up: the name and language come from our sign-up form's extra fields."""
        data = form.cleaned_data
        if data.get("full_name"):
            user.full_name = data["full_name"].strip()
        if data.get("preferred_language"):
            user.preferred_language = data["preferred_language"]
        return super().save_user(request, user, form, commit=commit)

    def post_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> Any:
        """A sign-in that just happened counts as re-authentication for a few minutes.

        Without this, a coordinator who has just signed in with their password and is
        sent to set up TOTP would be asked for the same password again at once.
        Changing the email address or MFA later in the session still asks again
        (ACCOUNT_REAUTHENTICATION_TIMEOUT after the sign-in).
        """
        response = super().post_login(request, user, **kwargs)
        records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY)
        if isinstance(records, list):
            for record in records:
                if record.get("method") in {"password", "code", "mfa"}:
                    record["reauthenticated"] = True
            request.session[AUTHENTICATION_METHODS_SESSION_KEY] = records
        return response

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """After too many failed passwords for one address, answer with the 429 page.

        allauth counts failed attempts per address (ACCOUNT_RATE_LIMITS["login_failed"]);
        when they are used up it refuses the attempt, which we show as "too many requests".
        """
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if getattr(error, "code", None) == "too_many_login_attempts":
                raise ImmediateHttpResponse(respond_429(request)) from error
            raise


def _provider_enforces_mfa(provider_id: str) -> bool:
    if provider_id in getattr(settings, "SSO_PROVIDERS_ENFORCING_MFA", []):
        return True
    for key, config in getattr(settings, "SOCIALACCOUNT_PROVIDERS", {}).items():
        if key == provider_id and config.get("mfa_enforced") is True:
            return True
        for app in config.get("APPS", []):
            if app.get("provider_id") != provider_id:
                continue
            if app.get("mfa_enforced") is True or app.get("settings", {}).get("mfa_enforced"):
                return True
    return False


def signed_in_with_mfa_enforcing_sso(request: HttpRequest) -> bool:
    """True when this session's sign-in went through an SSO provider that enforces MFA."""
    records = get_authentication_records(request, request.user)
    return any(
        record.get("method") == "socialaccount"
        and _provider_enforces_mfa(str(record.get("provider", "")))
        for record in records
    )

"""The person's own settings, and the invitation's landing page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from accounts import services as account_services
from accounts.forms import ProfileForm
from accounts.http import AuthenticatedHttpRequest


@login_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = account_services.person_settings_update(person=request.user, **form.cleaned_data)
        translation.activate(user.preferred_language)
        messages.success(request, _("Your settings were saved."))
        response = redirect("accounts:profile")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.preferred_language,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response
    return render(request, "accounts/profile.html", {"form": form})


def invitation(request: HttpRequest) -> HttpResponse:
    """Where the invitation's link leads: one button that sends a sign-in code."""
    email = request.GET.get("email", "")[:254]
    return render(request, "accounts/invitation.html", {"email": email})

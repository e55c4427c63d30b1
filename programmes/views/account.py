"""The person's own settings, and inviting a person by email."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from .. import access
from ..formflow import submit
from ..forms.account import InviteForm, ProfileForm
from ..services import accounts as account_services
from ..services.grants import Access, may_grant


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = account_services.person_settings_update(person=request.user, **form.cleaned_data)
        translation.activate(user.preferred_language)
        messages.success(request, _("Your settings were saved."))
        response = redirect("programmes:profile")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.preferred_language,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response
    return render(request, "programmes/profile.html", {"form": form})


@login_required
def person_invite(request: HttpRequest) -> HttpResponse:
    """Coordinators and administrators invite a person by email."""
    if not access.may_invite_people(request.user):
        raise PermissionDenied
    may_name_contacts = may_grant(request.user, Access.CONTACT)
    form = InviteForm(request.POST or None, may_name_contacts=may_name_contacts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = submit(
            form,
            account_services.person_invite_from_page,
            invited_by=request.user,
            email=data["email"],
            full_name=data["full_name"],
            language=data["language"],
            contact_for=data.get("contact_for"),
        )
        if person:
            messages.success(
                request,
                _("An invitation was sent to %(name)s (%(email)s).")
                % {"name": person.full_name, "email": person.email},
            )
            return redirect("programmes:person_invite")
    return render(request, "programmes/person_invite.html", {"form": form})


def invitation(request: HttpRequest) -> HttpResponse:
    """Where the invitation's link leads: one button that sends a sign-in code."""
    email = request.GET.get("email", "")[:254]
    return render(request, "programmes/invitation.html", {"email": email})

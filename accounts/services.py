"""People's accounts: own settings, invitation by email (with a contact role), deactivation."""

from __future__ import annotations

from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from notifications.emails import email_send
from notifications.models import Delivery
from notifications.services import delivery_queue, delivery_sender

INVITATION_KIND = "person_invitation"


@transaction.atomic
def person_settings_update(
    *,
    person: User,
    full_name: str,
    phone: str,
    preferred_language: str,
    gender: str,
    birth_year: int | None,
) -> User:
    """The person's own settings; the form has checked each field against the model."""
    person.full_name = full_name
    person.phone = phone
    person.preferred_language = preferred_language
    person.gender = gender
    person.birth_year = birth_year
    person.save(update_fields=["full_name", "phone", "preferred_language", "gender", "birth_year"])
    return person


def invitation_url(email: str) -> str:
    """The link in the invitation: a page that sends a sign-in code to ``email``."""
    return f"{settings.SITE_URL}{reverse('accounts:invitation')}?{urlencode({'email': email})}"


@transaction.atomic
def person_invite(*, invited_by: User | None, email: str, full_name: str, language: str) -> User:
    """Creates (or finds) the person with ``email`` and sends them an invitation.

    This signature is stable: imports call it for every row.

    - ``invited_by``: the coordinator or administrator inviting (None for a system
      import); recorded in the audit log.
    - ``email``: the login; compared case-insensitively. If a person with this address
      exists, that person is reused (no duplicate): their name and language are kept
      and the invitation is sent again.
    - ``full_name``: the person's name (only used when the person is created).
    - ``language``: "sv" or "en"; the new person's preferred language (only used
      when the person is created). The invitation is sent in the person's language.

    The address is marked verified (the inviter vouches for it) and the person has no
    usable password: the invitation's link lets them sign in with a code sent to the
    address, and they can set a password afterwards under "Change password".
    Raises ValidationError (translated) for an invalid address, an empty name, an
    unknown language or a deactivated person. Returns the person.
    """
    email = (email or "").strip().lower()
    full_name = " ".join((full_name or "").split())
    errors: dict[str, list[str]] = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Enter a valid email address.")]
    if not full_name:
        errors["full_name"] = [_("Enter the person's name.")]
    if language not in dict(settings.LANGUAGES):
        errors["language"] = [_("Choose Swedish or English.")]
    if errors:
        raise ValidationError(errors)

    person = User.objects.filter(email__iexact=email).first()
    created = person is None
    if person is None:
        person = User.objects.create_user(
            email=email, password=None, full_name=full_name, preferred_language=language
        )
    elif not person.is_active:
        raise ValidationError(
            {
                "email": [
                    _("This person's account is deactivated. An administrator can reactivate it.")
                ]
            }
        )
    EmailAddress.objects.filter(user=person).exclude(email__iexact=person.email).update(
        primary=False
    )
    address, _created = EmailAddress.objects.get_or_create(
        user=person, email=person.email, defaults={"verified": True, "primary": True}
    )
    if not (address.verified and address.primary):
        address.verified = True
        address.primary = True
        address.save(update_fields=["verified", "primary"])
    audit_record(
        actor=invited_by,
        action="person.invited",
        target=person,
        summary="created" if created else "invited again",
    )
    delivery_queue(
        kind=INVITATION_KIND,
        recipient=person,
        payload={"invited_by_id": invited_by.pk if invited_by else None},
    )
    return person


@delivery_sender(INVITATION_KIND)
def invitation_send(delivery: Delivery) -> str:
    person = delivery.recipient
    invited_by = User.objects.filter(pk=delivery.payload.get("invited_by_id")).first()
    return email_send(
        to=person,
        template="person_invitation",
        context={
            "person": person,
            "invited_by": invited_by,
            "invitation_url": invitation_url(person.email),
        },
    )


def _session_keys_of(person: User) -> set[str]:
    """Every server session signed in as ``person``: tracked ones and, as a fallback, all."""
    keys = set(UserSession.objects.filter(user=person).values_list("session_key", flat=True))
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db":
        for session in Session.objects.iterator():
            if str(session.get_decoded().get(SESSION_KEY)) == str(person.pk):
                keys.add(session.session_key)
    return keys


@transaction.atomic
def person_deactivate(*, person: User, actor: User, reason: str = "") -> User:
    """Deactivates ``person`` and ends every one of their sessions at once.

    The person can no longer sign in (is_active=False) and every browser signed in as
    them is signed out on its next request, because its server session is gone. Their
    records stay as they are: deactivating is not anonymising.
    """
    if person.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if not person.is_active:
        raise ValidationError(_("The person is already deactivated."))
    person.is_active = False
    person.save(update_fields=["is_active"])
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in _session_keys_of(person):
        store().delete(key)
    UserSession.objects.filter(user=person).delete()
    audit_record(
        actor=actor, action="person.deactivated", target=person, summary=reason.strip()[:200]
    )
    return person


__all__ = [
    "invitation_url",
    "person_deactivate",
    "person_invite",
]

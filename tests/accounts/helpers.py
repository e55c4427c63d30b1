"""Signing in the way a person does: through allauth's pages, codes read from the outbox."""

from __future__ import annotations

import re
import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD

CODE = re.compile(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", re.MULTILINE)


def sign_in_with_password(client: Client, email: str, password: str = PASSWORD, **extra: str):
    return client.post(reverse("account_login"), {"login": email, "password": password, **extra})


def last_code() -> str:
    """The sign-in code in the last mail sent."""
    match = CODE.search(mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def request_code(client: Client, email: str):
    return client.post(reverse("account_request_login_code"), {"email": email})


def totp_code(user: User) -> str:
    """The code the person's authenticator app shows now."""
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return format_hotp_value(hotp_value(authenticator.data["secret"], int(time.time()) // 30))


def signed_in_user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")

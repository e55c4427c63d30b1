"""Sessions: 30 minutes idle, 10 hours at most, rotated on sign-in, ended on sign-out and
deactivation; re-authentication before changing the email address or MFA."""

from __future__ import annotations

import datetime
import time
from importlib import import_module

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.middleware import SESSION_RENEWED_KEY, SESSION_STARTED_KEY
from accounts.services import person_deactivate
from audit.models import AuditEvent
from tests.accounts.helpers import sign_in_with_password, signed_in_user_id
from tests.factories import PASSWORD, UserFactory
from tests.world import World


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _exists(session_key: str) -> bool:
    return import_module(settings.SESSION_ENGINE).SessionStore().exists(session_key)


def test_the_session_expires_after_30_minutes_idle_and_a_request_renews_it(world: World) -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client = Client()
    client.force_login(world.mentor)
    client.get(reverse("programmes:home"))
    session = Session.objects.get(session_key=client.session.session_key)
    remaining = session.expire_date - timezone.now()
    assert datetime.timedelta(minutes=29) < remaining <= datetime.timedelta(minutes=30)
    # Idle past the limit: the server no longer accepts the session.
    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def _expire_date(client: Client) -> datetime.datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_requests_renew_the_idle_limit_at_most_once_a_minute(world: World) -> None:
    assert settings.SESSION_RENEW_SECONDS == 60
    client = Client()
    client.force_login(world.mentor)
    client.get(reverse("programmes:home"))
    first = _expire_date(client)
    # Within the minute another page leaves the session row alone.
    client.get(reverse("accounts:profile"))
    assert _expire_date(client) == first
    # A minute after the last renewal the next page renews it.
    session = client.session
    session[SESSION_RENEWED_KEY] = int(time.time()) - 61
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() + datetime.timedelta(minutes=5)
    )
    client.get(reverse("accounts:profile"))
    remaining = _expire_date(client) - timezone.now()
    assert datetime.timedelta(minutes=29) < remaining <= datetime.timedelta(minutes=30)


def _started_hours_ago(client: Client, hours: float) -> None:
    session = client.session
    session[SESSION_STARTED_KEY] = int(time.time() - hours * 3600)
    session.save()


def test_an_active_session_ends_ten_hours_after_sign_in(world: World) -> None:
    client = Client()
    client.force_login(world.mentor)
    client.get(reverse("programmes:home"))
    _started_hours_ago(client, 9.9)
    assert client.get(reverse("accounts:profile")).status_code == 200
    _started_hours_ago(client, 10.01)
    old_key = client.session.session_key
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert signed_in_user_id(client) is None
    assert not _exists(old_key)


def test_the_session_key_changes_on_sign_in(world: World) -> None:
    client = Client()
    anonymous = client.session
    anonymous["visited"] = True
    anonymous.save()
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    sign_in_with_password(client, world.mentor.email)
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert signed_in_user_id(client) == str(world.mentor.pk)
    assert after != before
    assert not _exists(before)


def test_signing_out_ends_the_server_session(world: World) -> None:
    client = Client()
    sign_in_with_password(client, world.mentor.email)
    key = client.session.session_key
    assert _exists(key)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert not _exists(key)
    # The old cookie does not sign anyone in again.
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    assert replay.get(reverse("accounts:profile")).status_code == 302


def test_deactivating_a_person_ends_all_their_sessions_at_once(world: World) -> None:
    laptop, phone = Client(), Client()
    sign_in_with_password(laptop, world.mentor.email)
    phone.force_login(world.mentor)
    bystander = Client()
    bystander.force_login(world.adept)
    keys = [laptop.session.session_key, phone.session.session_key]

    person_deactivate(person=world.mentor, actor=world.administrator)

    world.mentor.refresh_from_db()
    assert not world.mentor.is_active
    assert not any(_exists(key) for key in keys)
    for client in (laptop, phone):
        assert client.get(reverse("accounts:profile")).status_code == 302
    assert bystander.get(reverse("accounts:profile")).status_code == 200
    assert AuditEvent.objects.filter(action="person.deactivated").exists()
    # And they cannot sign in again.
    again = Client()
    sign_in_with_password(again, world.mentor.email)
    assert signed_in_user_id(again) is None


def test_nobody_deactivates_themselves(world: World) -> None:
    with pytest.raises(ValidationError):
        person_deactivate(person=world.administrator, actor=world.administrator)
    world.administrator.refresh_from_db()
    assert world.administrator.is_active


def test_the_administrator_deactivates_a_person_from_a_page_with_a_reason(
    world: World, client_for
) -> None:
    phone = Client()
    phone.force_login(world.mentor)
    key = phone.session.session_key
    admin = client_for("administrator")
    url = reverse("privacy:person_deactivate", kwargs={"pk": world.mentor.pk})
    admin.cookies["mentorship_language"] = "en"

    # No reason: refused with a message, nothing changed.
    refused = admin.post(url, {"reason": ""})
    assert refused.status_code == 200
    assert "This field is required." in refused.content.decode()
    world.mentor.refresh_from_db()
    assert world.mentor.is_active and _exists(key)

    response = admin.post(url, {"reason": "Har slutat i kommunen"})
    assert response.status_code == 302
    world.mentor.refresh_from_db()
    assert not world.mentor.is_active and not _exists(key)
    event = AuditEvent.objects.get(action="person.deactivated")
    assert event.summary == "Har slutat i kommunen"
    # A second time: the page says so and changes nothing.
    again = admin.post(url, {"reason": "Igen"})
    assert "The person is already deactivated." in again.content.decode()
    assert AuditEvent.objects.filter(action="person.deactivated").count() == 1


def test_changing_the_email_address_asks_for_the_password_again(db) -> None:
    person = UserFactory(email="ada@example.se")
    client = Client()
    client.force_login(person)  # Signed in without a recent password.
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "ada.ny@example.se"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="ada.ny@example.se").exists()

    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "ada.ny@example.se"}
    )
    assert response.status_code == 302
    assert EmailAddress.objects.filter(email="ada.ny@example.se", user=person).exists()


def test_cookies_are_secure_and_http_only_in_production_settings() -> None:
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_right_after_sign_in_no_second_password_is_asked_but_five_minutes_later_it_is(
    db,
) -> None:
    person = UserFactory(email="ada@example.se")
    client = Client()
    sign_in_with_password(client, "ada@example.se")
    response = client.post(reverse("account_email"), {"action_add": "", "email": "a2@example.se"})
    assert response.status_code == 302
    assert EmailAddress.objects.filter(email="a2@example.se", user=person).exists()

    session = client.session
    records = session[AUTHENTICATION_METHODS_SESSION_KEY]
    for record in records:
        record["at"] -= settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 1
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session.save()
    response = client.post(reverse("account_email"), {"action_add": "", "email": "a3@example.se"})
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="a3@example.se").exists()

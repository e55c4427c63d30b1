"""Coordinators, contacts and administrators must use TOTP; SSO that enforces MFA counts."""

from __future__ import annotations

import time

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from tests.world import World

from .helpers import last_code, request_code, sign_in_with_password, signed_in_user_id, totp_code


def test_a_coordinator_without_totp_is_sent_to_set_it_up(world: World) -> None:
    Authenticator.objects.filter(user=world.coordinator).delete()
    client = Client()
    sign_in_with_password(client, world.coordinator.email)
    assert signed_in_user_id(client) == str(world.coordinator.pk)
    response = client.get(reverse("programmes:programme_list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Aktivera autentiseringsapp" in page.content.decode()


def test_a_contact_without_totp_is_sent_to_set_it_up_but_a_mentor_is_not(world: World) -> None:
    Authenticator.objects.filter(user=world.contact_a).delete()
    contact, mentor = Client(), Client()
    contact.force_login(world.contact_a)
    mentor.force_login(world.mentor)
    assert contact.get(reverse("programmes:home"))["Location"] == reverse("mfa_activate_totp")
    assert mentor.get(reverse("programmes:home")).status_code == 200


def test_setting_up_totp_lets_the_coordinator_in(world: World) -> None:
    Authenticator.objects.filter(user=world.coordinator).delete()
    client = Client()
    sign_in_with_password(client, world.coordinator.email)
    client.get(reverse("mfa_activate_totp"))
    from allauth.mfa.totp.internal.auth import (
        SECRET_SESSION_KEY,
        format_hotp_value,
        hotp_value,
    )

    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(
        user=world.coordinator, type=Authenticator.Type.TOTP
    ).exists()
    # Recovery codes come with it.
    assert Authenticator.objects.filter(
        user=world.coordinator, type=Authenticator.Type.RECOVERY_CODES
    ).exists()
    assert client.get(reverse("programmes:programme_list")).status_code == 200


def test_changing_mfa_long_after_sign_in_asks_for_the_password_again(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator)
    response = client.get(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(response["Location"], {"password": "correct-horse-battery-staple"})
    assert client.get(reverse("mfa_deactivate_totp")).status_code == 200


def test_with_totp_password_sign_in_asks_for_the_code_before_signing_in(world: World) -> None:
    client = Client()
    response = sign_in_with_password(client, world.coordinator.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert signed_in_user_id(client) is None
    page = client.get(reverse("mfa_authenticate"))
    assert "Tvåfaktorsautentisering" in page.content.decode()

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert signed_in_user_id(client) is None

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(world.coordinator)})
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(world.coordinator.pk)
    assert client.get(reverse("programmes:programme_list")).status_code == 200


def test_a_recovery_code_replaces_the_authenticator_app(world: World) -> None:
    codes = RecoveryCodes.activate(world.coordinator).generate_codes()
    client = Client()
    sign_in_with_password(client, world.coordinator.email)
    response = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(world.coordinator.pk)


def test_the_recovery_codes_page_lists_unused_codes(world: World) -> None:
    codes = RecoveryCodes.activate(world.coordinator).generate_codes()
    client = Client()
    sign_in_with_password(client, world.coordinator.email)
    client.post(reverse("mfa_authenticate"), {"code": totp_code(world.coordinator)})
    html = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert codes[0] in html
    assert "<script>" not in html


def _signed_in_through_sso(client: Client, user, provider: str) -> None:
    """The session as allauth leaves it after a sign-in through an SSO provider."""
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "socialaccount", "at": time.time(), "provider": provider, "uid": "abc"}
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


@pytest.mark.parametrize(
    "configure",
    [
        lambda settings: setattr(settings, "SSO_PROVIDERS_ENFORCING_MFA", ["entra"]),
        lambda settings: setattr(
            settings,
            "SOCIALACCOUNT_PROVIDERS",
            {
                "openid_connect": {
                    "APPS": [{"provider_id": "entra", "settings": {"mfa_enforced": True}}]
                }
            },
        ),
    ],
    ids=["setting", "provider-app"],
)
def test_sso_that_enforces_mfa_satisfies_the_mfa_rule(world: World, settings, configure) -> None:
    configure(settings)
    Authenticator.objects.filter(user=world.coordinator).delete()
    client = Client()
    _signed_in_through_sso(client, world.coordinator, "entra")
    assert client.get(reverse("programmes:programme_list")).status_code == 200


def test_sso_that_does_not_enforce_mfa_still_needs_totp(world: World, settings) -> None:
    settings.SSO_PROVIDERS_ENFORCING_MFA = ["entra"]
    Authenticator.objects.filter(user=world.coordinator).delete()
    client = Client()
    _signed_in_through_sso(client, world.coordinator, "some-other-idp")
    response = client.get(reverse("programmes:programme_list"))
    assert response["Location"] == reverse("mfa_activate_totp")


def test_a_password_sign_in_does_not_count_as_sso(world: World, settings) -> None:
    settings.SSO_PROVIDERS_ENFORCING_MFA = ["entra"]
    person = UserFactory()
    world.municipality_a.contacts.add(person)
    client = Client()
    response = sign_in_with_password(client, person.email)
    assert signed_in_user_id(client) == str(person.pk)
    response = client.get(reverse("programmes:home"))
    assert response["Location"] == reverse("mfa_activate_totp")


def test_a_sign_in_code_does_not_skip_the_second_factor(world: World, outbox: list) -> None:
    client = Client()
    request_code(client, world.coordinator.email)
    response = client.post(reverse("account_confirm_login_code"), {"code": last_code()})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert signed_in_user_id(client) is None
    client.post(reverse("mfa_authenticate"), {"code": totp_code(world.coordinator)})
    assert signed_in_user_id(client) == str(world.coordinator.pk)

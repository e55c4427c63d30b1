"""The admin site signs in through allauth: rate limits and the second factor apply."""

from __future__ import annotations

from urllib.parse import quote

from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from tests.world import World

from .helpers import sign_in_with_password, signed_in_user_id, totp_code


def test_the_admin_login_page_sends_to_the_sign_in_with_next(world: World) -> None:
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=" + quote("/admin/", safe="")


def test_a_staff_member_cannot_reach_the_admin_without_the_second_factor(world: World) -> None:
    client = Client()
    sign_in_with_password(client, world.administrator.email, next="/admin/")
    # Password alone: not signed in; the admin sends them back to the second factor.
    assert signed_in_user_id(client) is None
    assert client.get("/admin/", follow=True).request["PATH_INFO"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(world.administrator)})
    assert signed_in_user_id(client) == str(world.administrator.pk)
    assert client.get("/admin/").status_code == 200


def test_a_staff_member_without_totp_is_sent_to_set_it_up_before_the_admin(world: World) -> None:
    Authenticator.objects.filter(user=world.administrator).delete()
    client = Client()
    sign_in_with_password(client, world.administrator.email)
    response = client.get("/admin/")
    assert response["Location"] == reverse("mfa_activate_totp")


def test_the_admin_sign_in_is_rate_limited(world: World) -> None:
    client = Client()
    login = client.get("/admin/login/?next=/admin/")["Location"]
    for _ in range(5):
        response = client.post(login, {"login": world.administrator.email, "password": "wrong"})
        assert response.status_code == 200
    response = client.post(
        login, {"login": world.administrator.email, "password": "correct-horse-battery-staple"}
    )
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()
    assert client.get("/admin/", follow=True).request["PATH_INFO"] == reverse("account_login")

"""allauth's pages and the error pages in the project's layout, language and CSP."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.world import World

from .helpers import sign_in_with_password, totp_code

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)

PUBLIC_PAGES = [
    "account_login",
    "account_signup",
    "account_request_login_code",
    "account_reset_password",
]
PERSONAL_PAGES = [
    "account_email",
    "account_change_password",
    "mfa_index",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_deactivate_totp",
    "usersessions_list",
]


def _assert_in_layout(html: str) -> None:
    assert 'class="navbar-brand"' in html  # base.html's header
    assert 'id="main"' in html
    assert html.count("<h1") == 1
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html)
    assert not INLINE_STYLE.search(html)


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_sign_in_pages_use_the_base_layout_in_swedish(name: str) -> None:
    response = Client().get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    _assert_in_layout(html)
    assert '<html lang="sv">' in html
    assert "Mentorprogrammet" in html


@pytest.mark.django_db
def test_the_sign_in_form_has_labels_and_bootstrap_fields() -> None:
    html = Client().get(reverse("account_login")).content.decode()
    assert re.search(r'<label[^>]+for="id_login"', html)
    assert re.search(r'<label[^>]+for="id_password"', html)
    assert 'class="btn btn-primary"' in html
    assert "Skicka mig en inloggningskod" in html


@pytest.mark.django_db
def test_form_errors_are_shown_next_to_the_field() -> None:
    html = Client().post(reverse("account_signup"), {"email": "nope"}).content.decode()
    assert "is-invalid" in html
    assert "Fyll i en giltig e-postadress." in html


@pytest.mark.django_db
def test_sign_in_pages_switch_to_english() -> None:
    client = Client()
    client.cookies["mentorship_language"] = "en"
    html = client.get(reverse("account_login")).content.decode()
    assert '<html lang="en">' in html
    assert "Sign in" in html
    assert "Send me a sign-in code" in html


def test_personal_account_pages_use_the_base_layout(world: World) -> None:
    client = Client()
    sign_in_with_password(client, world.coordinator.email)
    client.post(reverse("mfa_authenticate"), {"code": totp_code(world.coordinator)})
    client.post(reverse("mfa_generate_recovery_codes"))
    for name in PERSONAL_PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        html = response.content.decode()
        _assert_in_layout(html)
        assert 'aria-label="Mitt konto"' in html, name


def test_the_404_page_is_in_the_layout(world: World) -> None:
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    _assert_in_layout(html)
    assert "Sidan kunde inte hittas" in html


def test_the_403_page_is_in_the_layout(world: World, client_for) -> None:
    response = client_for("mentor").get(reverse("programmes:person_invite"))
    assert response.status_code == 403
    _assert_in_layout(response.content.decode())


@pytest.mark.urls("tests.accounts.urls_errors")
def test_the_500_page_is_in_the_layout_in_the_visitors_language(db) -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Något gick fel" in html
    assert 'class="navbar-brand"' in html
    client.cookies["mentorship_language"] = "en"
    assert "Something went wrong" in client.get("/broken/").content.decode()


def test_the_500_page_needs_neither_a_request_nor_the_database(
    db, django_assert_num_queries
) -> None:
    with django_assert_num_queries(0), translation.override("sv"):
        html = render_to_string("500.html")
    assert "<h1>Något gick fel</h1>" in html

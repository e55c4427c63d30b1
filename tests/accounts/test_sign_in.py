"""Signing in with a password or with a code sent by email, through the pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory

from .helpers import PASSWORD, last_code, request_code, sign_in_with_password, signed_in_user_id

pytestmark = pytest.mark.django_db


def test_a_participant_signs_in_with_email_and_password(client) -> None:
    person = UserFactory(email="ada@example.se")
    response = sign_in_with_password(client, "ADA@example.se")
    assert response.status_code == 302
    assert response["Location"] == reverse("programmes:home")
    assert signed_in_user_id(client) == str(person.pk)


def test_a_wrong_password_is_refused_with_a_swedish_message(client) -> None:
    UserFactory(email="ada@example.se")
    response = sign_in_with_password(client, "ada@example.se", "not-the-password")
    assert response.status_code == 200
    assert "lösenordet är felaktigt" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_sign_in_with_a_code_sent_by_email(client, outbox: list) -> None:
    person = UserFactory(email="ada@example.se", preferred_language="sv")
    response = request_code(client, "ada@example.se")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")
    assert len(outbox) == 1
    assert outbox[0].to == ["ada@example.se"]
    assert "inloggningskod" in outbox[0].subject.lower()
    assert signed_in_user_id(client) is None

    page = client.get(reverse("account_confirm_login_code"))
    assert "ada@example.se" in page.content.decode()
    response = client.post(reverse("account_confirm_login_code"), {"code": last_code()})
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(person.pk)


def test_the_code_mail_is_in_the_persons_language(client, outbox: list) -> None:
    UserFactory(email="eve@example.se", preferred_language="en")
    request_code(client, "eve@example.se")
    assert "sign-in code" in outbox[0].subject.lower()
    assert "Hello from the mentor programme!" in outbox[0].body


def test_the_code_mail_has_an_html_part_in_the_persons_language(client, outbox: list) -> None:
    UserFactory(email="ada@example.se", preferred_language="sv")
    request_code(client, "ada@example.se")
    html, mimetype = outbox[0].alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="sv">' in html
    assert "Din inloggningskod anges nedan." in html
    assert f"<strong>{last_code()}</strong>" in html
    assert "Din inloggningskod anges nedan." in outbox[0].body


def test_a_wrong_code_three_times_ends_the_attempt(client, outbox: list) -> None:
    UserFactory(email="ada@example.se")
    request_code(client, "ada@example.se")
    code = last_code()
    for _ in range(2):
        response = client.post(reverse("account_confirm_login_code"), {"code": "AAAA-AAAA"})
        assert response.status_code == 200
        assert "Felaktig kod" in response.content.decode()
    response = client.post(reverse("account_confirm_login_code"), {"code": "AAAA-AAAA"})
    # The third wrong code ends the attempt: back to the start, not signed in.
    assert response.status_code == 302
    assert signed_in_user_id(client) is None
    # Even the right code no longer works.
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert signed_in_user_id(client) is None


def test_an_expired_code_does_not_sign_in(client, outbox: list) -> None:
    UserFactory(email="ada@example.se")
    request_code(client, "ada@example.se")
    code = last_code()
    # Move the code's start back past ACCOUNT_LOGIN_BY_CODE_TIMEOUT (180 seconds).
    session = client.session
    stage_state = _code_state(session)
    stage_state["at"] -= 181
    session.save()
    client.post(reverse("account_confirm_login_code"), {"code": code})
    assert signed_in_user_id(client) is None


def _code_state(session) -> dict:
    """The login code's state inside the stashed login in the session."""
    found = []

    def walk(value):
        if isinstance(value, dict):
            if "code" in value and "at" in value:
                found.append(value)
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(dict(session.items()))
    assert found, dict(session.items())
    return found[0]


def test_sign_up_asks_for_name_and_language_and_email_is_the_login(client, outbox: list) -> None:
    page = client.get(reverse("account_signup"))
    html = page.content.decode()
    assert 'name="full_name"' in html and 'name="preferred_language"' in html
    assert 'name="username"' not in html
    response = client.post(
        reverse("account_signup"),
        {
            "full_name": "  Nora   Nyström ",
            "email": "nora@example.se",
            "preferred_language": "en",
            "password1": "a-long-enough-secret-42",
            "password2": "a-long-enough-secret-42",
        },
    )
    assert response.status_code == 302
    person = User.objects.get(email="nora@example.se")
    assert person.full_name == "Nora Nyström"
    assert person.preferred_language == "en"
    # The address must be confirmed first; the mail is in the person's language.
    assert len(outbox) == 1 and "Confirm" in outbox[0].subject


def test_sign_up_without_a_name_saves_nothing(client) -> None:
    response = client.post(
        reverse("account_signup"),
        {
            "full_name": "   ",
            "email": "nora@example.se",
            "preferred_language": "sv",
            "password1": "a-long-enough-secret-42",
            "password2": "a-long-enough-secret-42",
        },
    )
    assert response.status_code == 200
    assert "Detta fält måste fyllas i." in response.content.decode()
    assert not User.objects.filter(email="nora@example.se").exists()


@pytest.mark.parametrize(
    ("browser", "preferred", "chosen", "expected"),
    [
        ("en", "sv", None, "Du har loggat in som Ada Ek"),  # the person's language from now on
        ("sv", "en", None, "Successfully signed in as Ada Ek"),
        ("sv", "sv", "en", "Successfully signed in as Ada Ek"),  # chosen in this browser
    ],
)
def test_the_signed_in_message_is_in_the_language_of_the_page_that_shows_it(
    client, browser: str, preferred: str, chosen: str | None, expected: str
) -> None:
    from django.conf import settings

    UserFactory(email="ada@example.se", full_name="Ada Ek", preferred_language=preferred)
    if chosen:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = chosen
    client.post(
        reverse("account_login"),
        {"login": "ada@example.se", "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE=browser,
    )
    page = client.get(reverse("programmes:home"), HTTP_ACCEPT_LANGUAGE=browser).content.decode()
    assert expected in page
    assert page.count('lang="') >= 1 and f'lang="{chosen or preferred}"' in page

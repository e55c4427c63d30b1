"""The sign-up and sign-in pages speak the project's Swedish, not django-allauth's own.

allauth's Swedish catalogue says "epost-adress" and "Verifierings-mail"; the project's
catalogue in LOCALE_PATHS (locale/, listed in mentorship/allauth_wording.py) comes first in
Django's merge and says "e-postadress" and "mejl". These tests read the pages as shown.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import UserFactory

from .helpers import sign_in_with_password

pytestmark = pytest.mark.django_db

ALLAUTH_WORDS = re.compile(r"[Ee]post|-mail|\bmail(et|en)?\b|Verifierings")


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def _assert_project_swedish(html: str) -> None:
    found = sorted({match.group(0) for match in ALLAUTH_WORDS.finditer(_text(html))})
    assert not found, found


def test_sign_up_confirms_the_address_in_the_projects_words(client) -> None:
    page = client.get(reverse("account_signup"))
    _assert_project_swedish(page.content.decode())
    response = client.post(
        reverse("account_signup"),
        {
            "full_name": "Nora Nyström",
            "email": "nora@example.se",
            "preferred_language": "sv",
            "password1": "a-long-enough-secret-42",
            "password2": "a-long-enough-secret-42",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Bekräfta din e-postadress" in html
    assert "Vi har skickat ett mejl till nora@example.se för att bekräfta adressen." in html
    _assert_project_swedish(html)


def test_the_sign_in_and_password_pages_say_e_postadress(client) -> None:
    for name in ("account_login", "account_reset_password", "account_request_login_code"):
        _assert_project_swedish(client.get(reverse(name)).content.decode())
    UserFactory(email="ada@example.se")
    html = sign_in_with_password(client, "ada@example.se", "not-the-password").content.decode()
    assert "E-postadressen eller lösenordet är felaktigt." in html
    _assert_project_swedish(html)


def test_the_project_catalogue_wins_over_allauths_for_every_listed_text() -> None:
    from mentorship.allauth_wording import ALLAUTH_TEXTS

    with translation.override("sv"):
        shown = {text: gettext(text) for text in ALLAUTH_TEXTS}
    wrong = {text: swedish for text, swedish in shown.items() if ALLAUTH_WORDS.search(swedish)}
    assert not wrong, wrong
    assert shown["Confirmation email sent to %(email)s."] != "Confirmation email sent to %(email)s."

"""Sign-in abuse: lockout after failed passwords, limited codes and password resets."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.accounts.helpers import request_code, sign_in_with_password, signed_in_user_id
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_sixth_password_attempt_within_five_minutes_is_refused(client: Client) -> None:
    person = UserFactory(email="ada@example.se")
    for attempt in range(5):
        response = sign_in_with_password(client, "ada@example.se", f"wrong-{attempt}")
        assert response.status_code == 200
        assert "lösenordet är felaktigt" in response.content.decode()
    # Even the right password is refused now, with the 429 page in Swedish.
    response = sign_in_with_password(client, "ada@example.se")
    assert response.status_code == 429
    html = response.content.decode()
    assert "<h1>För många försök</h1>" in html
    assert 'lang="sv"' in html
    assert signed_in_user_id(client) is None
    assert person.pk


def test_the_lockout_is_per_address_not_for_everyone(client: Client) -> None:
    UserFactory(email="ada@example.se")
    other = UserFactory(email="bo@example.se")
    for attempt in range(6):
        sign_in_with_password(client, "ada@example.se", f"wrong-{attempt}")
    sign_in_with_password(Client(), "bo@example.se")
    fresh = Client()
    sign_in_with_password(fresh, "bo@example.se")
    assert signed_in_user_id(fresh) == str(other.pk)


def test_the_lockout_page_is_in_english_for_an_english_browser(client: Client) -> None:
    UserFactory(email="eve@example.se")
    client.cookies["mentorship_language"] = "en"
    for attempt in range(5):
        sign_in_with_password(client, "eve@example.se", f"wrong-{attempt}")
    response = sign_in_with_password(client, "eve@example.se")
    assert response.status_code == 429
    assert "<h1>Too many attempts</h1>" in response.content.decode()


def test_too_many_sign_ins_from_one_address_get_the_429_page(client: Client, settings) -> None:
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    UserFactory(email="ada@example.se")
    for _ in range(3):
        assert sign_in_with_password(client, "ada@example.se", "wrong").status_code == 200
    response = sign_in_with_password(client, "ada@example.se", "wrong")
    assert response.status_code == 429


def test_sign_in_codes_are_limited_per_address(client: Client, outbox: list) -> None:
    UserFactory(email="ada@example.se")
    for _ in range(3):
        assert request_code(Client(), "ada@example.se").status_code == 302
    response = request_code(client, "ada@example.se")
    assert response.status_code == 200
    assert "För många misslyckade inloggningsförsök" in response.content.decode()
    assert len(outbox) == 3


def test_password_reset_is_limited_per_address(client: Client, outbox: list) -> None:
    UserFactory(email="ada@example.se")
    for _ in range(5):
        response = client.post(reverse("account_reset_password"), {"email": "ada@example.se"})
        assert response.status_code == 302
    response = client.post(reverse("account_reset_password"), {"email": "ada@example.se"})
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()
    assert len(outbox) == 5


def test_rate_limits_use_the_shared_cache_in_production(settings) -> None:
    # Production refuses to start without REDIS_URL (mentorship/settings.py); here the
    # counters live in the configured cache, which the tests above exercise.
    assert "login_failed" in settings.ACCOUNT_RATE_LIMITS
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"].endswith("5/5m/key")
    assert settings.CACHES["default"]["BACKEND"].endswith(("RedisCache", "LocMemCache"))

"""The person's own settings page."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from tests.world import World

pytestmark = pytest.mark.django_db(transaction=False)


def test_saving_settings_stores_them_and_switches_the_pages_to_the_chosen_language(
    world: World, client_for
) -> None:
    client = client_for("adept")
    response = client.post(
        reverse("accounts:profile"),
        {
            "full_name": "Ada Adept",
            "phone": "070-123 45 67",
            "preferred_language": "en",
            "gender": "woman",
            "birth_year": "1985",
        },
        follow=True,
    )
    world.adept.refresh_from_db()
    assert (
        world.adept.full_name,
        world.adept.phone,
        world.adept.preferred_language,
        world.adept.gender,
        world.adept.birth_year,
    ) == ("Ada Adept", "070-123 45 67", "en", "woman", 1985)
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Your settings were saved." in response.content.decode()


def test_settings_with_an_impossible_year_of_birth_are_refused_and_nothing_changes(
    world: World, client_for
) -> None:
    client = client_for("adept")
    before = world.adept.full_name
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "Changed Name", "preferred_language": "sv", "birth_year": "1700"},
    )
    assert response.status_code == 200
    world.adept.refresh_from_db()
    assert world.adept.full_name == before
    assert world.adept.birth_year is None

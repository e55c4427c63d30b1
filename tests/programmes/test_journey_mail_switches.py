"""The programme's switches of the journey mails: on by default, shown under their heading
with what each sends when, and saved from the programme's form."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from programmes.models import JOURNEY_MAIL_SETTINGS, Programme
from tests.factories import ProgrammeFactory
from tests.world import World

from .test_core_pages import programme_data

pytestmark = pytest.mark.django_db


def test_every_journey_mail_is_on_for_a_new_programme() -> None:
    programme = ProgrammeFactory()
    assert all(getattr(programme, name) for name in JOURNEY_MAIL_SETTINGS)


def test_the_edit_form_shows_the_automatic_mails_with_what_each_sends(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse("programmes:programme_edit", kwargs={"pk": world.programme.pk})
    page = client_for("coordinator").get(url).content.decode()
    heading = page.index("Automatiska mejl")
    for name in JOURNEY_MAIL_SETTINGS:
        assert page.index(f'name="{name}"') > heading
        assert re.search(f'<input type="checkbox" name="{name}"[^>]* checked>', page), name
    assert "När ledarprofilerna öppnas" in page
    assert "Halvvägs genom omgångens period" in page


def test_the_coordinator_switches_two_mails_off_and_the_rest_stay_on(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse("programmes:programme_edit", kwargs={"pk": world.programme.pk})
    kept_on = {"mails_profile_invitation": "on", "mails_pair_published": "on"}
    response = client_for("coordinator").post(
        url, programme_data(name=world.programme.name, **kept_on)
    )
    assert response.status_code == 302
    programme = Programme.objects.get(pk=world.programme.pk)
    assert programme.mails_profile_invitation and programme.mails_pair_published
    assert not programme.mails_event_invitation
    assert not programme.mails_mid_year_check_in

"""Naming coordinators and contacts by address, with suggestions limited to people the
chooser may see: no page lists every account."""

from __future__ import annotations

from django.urls import reverse

from programmes.access import people_choosable_by
from tests.factories import UserFactory
from tests.world import World


def _search(client, query: str) -> str:
    response = client.get(
        reverse("programmes:people_search"),
        {"people_search_q": query, "for": "id_coordinators"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_programme_form_lists_no_accounts(world: World, client_for) -> None:
    page = client_for("coordinator").get(
        reverse("programmes:programme_edit", args=[world.programme.pk])
    )
    body = page.content.decode()
    # The current coordinator is in the field as an address; nobody else's name is on the page.
    assert world.coordinator.email in body
    assert world.outsider.full_name not in body and world.other_adept.full_name not in body


def test_a_coordinator_finds_colleagues_and_her_participants_but_not_strangers(
    world: World, client_for
) -> None:
    stranger = UserFactory(full_name="Stina Främling", email="stina@annanstans.se")
    client = client_for("coordinator")
    assert world.adept.email in _search(client, world.adept.full_name[:4])
    assert world.other_coordinator.email in _search(client, world.other_coordinator.email[:5])
    assert stranger.email not in _search(client, "Stina")
    assert stranger not in people_choosable_by(world.coordinator)
    # An administrator may find anyone.
    assert stranger.email in _search(client_for("administrator"), "Stina")


def test_two_letters_are_not_enough(world: World, client_for) -> None:
    body = _search(client_for("coordinator"), "Ad")
    assert world.adept.email not in body


def test_an_unknown_address_is_refused_with_a_clear_message(world: World, client_for) -> None:
    client = client_for("coordinator")
    url = reverse("programmes:programme_edit", args=[world.programme.pk])
    data = {
        "name": world.programme.name,
        "kind": world.programme.kind,
        "admission_rule": world.programme.admission_rule,
        "fee_sek": "9800",
        "mentor_fee_sek": "9800",
        "planned_meetings": "7",
        "meeting_minutes": "90",
        "coordinators": f"{world.coordinator.email}\nnobody@nowhere.example",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "nobody@nowhere.example" in response.content.decode()
    assert list(world.programme.coordinators.all()) == [world.coordinator]
    # Addresses are matched whatever their case, and named once each.
    data["coordinators"] = f"{world.coordinator.email.upper()}, {world.outsider.email}"
    assert client.post(url, data).status_code == 302
    assert set(world.programme.coordinators.all()) == {world.coordinator, world.outsider}


def test_without_htmx_the_search_is_a_page_of_its_own(world: World, client_for) -> None:
    response = client_for("coordinator").get(
        reverse("programmes:people_search"), {"people_search_q": world.adept.full_name[:4]}
    )
    body = response.content.decode()
    assert "<html" in body and world.adept.email in body


def test_a_nul_character_is_refused_not_sent_to_the_database(world: World, client_for) -> None:
    body = _search(client_for("coordinator"), "Ada\x00")
    assert "<html" not in body

"""The matching pages' Swedish: one word for excluding a pair, and nothing said about whether
pairs work before any pair exists or has answered."""

from __future__ import annotations

import pytest
from django.urls import reverse

from matching.services import runs as services
from pairs.models import FitAnswer
from tests.world import World

from .factories import Profiled

pytestmark = pytest.mark.django_db


def _matching_page(client, cohort) -> str:
    return client.get(reverse("matching:cohort", kwargs={"pk": cohort.pk})).content.decode()


def test_nothing_is_said_about_pairs_working_before_a_pair_exists(
    world: World, profiled: Profiled, client_for
) -> None:
    page = _matching_page(client_for("coordinator"), profiled.cohort)
    assert "Det finns inga par än." in page
    assert "fungerar" not in page.split("Par som inte fungerar")[1]


def test_pairs_that_have_not_answered_are_not_said_to_work(world: World, client_for) -> None:
    client = client_for("coordinator")
    page = _matching_page(client, world.cohort)
    assert "Inget par har svarat än på om det fungerar." in page
    assert "Alla par som har svarat" not in page
    FitAnswer.objects.create(pair=world.pair, person=world.adept, works=True)
    page = _matching_page(client, world.cohort)
    assert "Alla par som har svarat säger att det fungerar." in page


def test_the_exclude_button_and_the_excluded_pairs_list_use_one_word(
    world: World, profiled: Profiled, client_for
) -> None:
    client = client_for("coordinator")
    run = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    page = client.get(reverse("matching:run", kwargs={"pk": run.pk})).content.decode()
    assert "Uteslut<span" in page and "Stoppa" not in page
    proposal = run.proposals.first()
    response = client.post(
        reverse("matching:proposal_forbid", kwargs={"pk": run.pk, "proposal_pk": proposal.pk}),
        follow=True,
    )
    assert "Paret är uteslutet och föreslås inte igen." in response.content.decode()
    page = _matching_page(client, profiled.cohort)
    listed = page.split("Uteslutna par")[1].split("Par som inte fungerar")[0]
    assert "Uteslutet av samordnaren" in listed and "Stopp" not in listed

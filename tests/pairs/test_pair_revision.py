"""Each service of the pair that changes what its page shows moves the pair's revision on;
what other apps change (a sign-in, a name) writes nothing to the pairs table."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pairs.models import Pair
from tests.world import World

from .pair_changes import SERVICE_CHANGES, revision

pytestmark = pytest.mark.django_db

CHANGES: dict[str, Callable[[World], None]] = {
    name: change.make for name, change in SERVICE_CHANGES.items()
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_each_service_that_changes_the_pair_page_moves_its_revision_on(
    world: World, change: Callable[[World], None]
) -> None:
    before = revision(world)
    other_before = Pair.objects.get(pk=world.other_pair.pk).revision
    change(world)
    assert revision(world) > before
    assert Pair.objects.get(pk=world.other_pair.pk).revision == other_before


def _pair_writes(captured: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith(("UPDATE", "INSERT", "DELETE")) and '"pairs_' in q["sql"]
    ]


def test_a_sign_in_writes_nothing_to_the_pairs_tables(world: World) -> None:
    before = revision(world)
    with CaptureQueriesContext(connection) as captured:
        Client().force_login(world.adept)
    assert any('UPDATE "accounts_user"' in q["sql"] for q in captured.captured_queries)
    assert _pair_writes(captured) == []
    assert revision(world) == before


def test_a_sign_in_through_the_login_page_writes_nothing_to_the_pairs_tables(
    world: World,
) -> None:
    world.adept.set_password("Ett långt lösenord 2026")
    world.adept.save()
    with CaptureQueriesContext(connection) as captured:
        response = Client().post(
            reverse("account_login"),
            {"login": world.adept.email, "password": "Ett långt lösenord 2026"},
        )
    assert response.status_code == 302
    assert not any('UPDATE "pairs_pair"' in q["sql"] for q in captured.captured_queries)


def test_a_renamed_person_or_municipality_writes_nothing_to_the_pairs_tables(
    world: World,
) -> None:
    with CaptureQueriesContext(connection) as captured:
        world.mentor.full_name = "Mona Mentorsson"
        world.mentor.save()
        world.mentor_enrolment.title = "Rektor"
        world.mentor_enrolment.save()
        world.municipality_b.name = "Nya namnet"
        world.municipality_b.save()
    assert _pair_writes(captured) == []

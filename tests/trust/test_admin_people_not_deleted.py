"""People are deactivated or anonymised, never deleted: the admin offers no way to delete one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import models
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory
from tests.world import World

CHANGELIST = reverse("admin:accounts_user_changelist")


@pytest.fixture
def newcomer(world: World) -> User:
    """A person with no records yet: nothing else in the admin stands in the way of deleting."""
    return UserFactory(full_name="Nyss Inbjuden")


def test_the_person_list_offers_no_delete_action(
    newcomer: User, client_for: Callable[[str], Client]
) -> None:
    page = client_for("administrator").get(CHANGELIST)

    assert page.status_code == 200
    assert newcomer.full_name in page.content.decode()
    assert 'value="delete_selected"' not in page.content.decode()


def test_posting_the_delete_action_deletes_nobody(
    newcomer: User, client_for: Callable[[str], Client]
) -> None:
    people = User.objects.count()
    client = client_for("administrator")
    for confirmed in ({}, {"post": "yes"}):
        response = client.post(
            CHANGELIST,
            {"action": "delete_selected", "_selected_action": [newcomer.pk], **confirmed},
            follow=True,
        )

        # Neither a confirmation page nor a deletion: the list again.
        assert response.status_code == 200
        assert "Är du säker" not in response.content.decode()
    assert User.objects.count() == people
    assert User.objects.filter(pk=newcomer.pk).exists()


def test_the_delete_page_of_a_person_is_refused_and_deletes_nobody(
    newcomer: User, client_for: Callable[[str], Client]
) -> None:
    client = client_for("administrator")
    url = reverse("admin:accounts_user_delete", args=[newcomer.pk])

    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=newcomer.pk).exists()


def test_the_person_page_has_no_delete_link(
    newcomer: User, client_for: Callable[[str], Client]
) -> None:
    page = client_for("administrator").get(
        reverse("admin:accounts_user_change", args=[newcomer.pk])
    )

    assert page.status_code == 200
    assert reverse("admin:accounts_user_delete", args=[newcomer.pk]) not in (page.content.decode())


def test_deleting_another_object_never_cascades_to_a_person() -> None:
    # A person is deleted with another row only through a relation from the person's own row.
    cascading = [
        f.name
        for f in User._meta.concrete_fields
        if f.is_relation and f.remote_field.on_delete is models.CASCADE
    ]
    assert cascading == []


@pytest.mark.parametrize("model", ["reflection", "meeting", "agreement", "fitanswer"])
def test_what_a_pair_wrote_cannot_be_deleted_in_the_admin_either(
    world: World, client_for: Callable[[str], Client], model: str
) -> None:
    """Retention empties texts by the municipality's decision; nobody deletes them by hand."""
    from pairs.models import Agreement, FitAnswer, Meeting, Reflection
    from tests.pairs.factories import MeetingFactory, ReflectionFactory

    rows = {
        "reflection": lambda: ReflectionFactory(pair=world.pair, author=world.adept),
        "meeting": lambda: MeetingFactory(pair=world.pair),
        "agreement": lambda: Agreement.objects.create(pair=world.pair),
        "fitanswer": lambda: FitAnswer.objects.create(
            pair=world.pair, person=world.adept, works=True
        ),
    }
    kept = {"reflection": Reflection, "meeting": Meeting, "agreement": Agreement}
    row = rows[model]()
    client = client_for("administrator")
    assert client.get(reverse(f"admin:pairs_{model}_delete", args=[row.pk])).status_code == 403
    assert client.post(reverse(f"admin:pairs_{model}_delete", args=[row.pk]), {"post": "yes"})
    assert kept.get(model, FitAnswer).objects.filter(pk=row.pk).exists()

"""Guessing ids never reaches another person's objects: every object URL, every id, 404."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from tests.access.table import ROWS, Row
from tests.world import World

# How far around the real object's id to guess; PostgreSQL does not restart ids per test.
WALK_SPAN = 15
OBJECT_ROWS = [row for row in ROWS if row.method == "get" and row.outcomes["outsider"] != 200]


def _int_kwarg(row: Row, world: World) -> tuple[str, dict] | None:
    try:
        with transaction.atomic():
            kwargs = row.kwargs(world)
    except IntegrityError:
        return None
    ints = [name for name, value in kwargs.items() if isinstance(value, int)]
    return (ints[0], kwargs) if len(ints) == 1 else None


def _walk(client: Client, row: Row, name: str, kwargs: dict) -> set[int]:
    """The ids around the real object's id for which the page opens."""
    opened = set()
    centre = kwargs[name]
    for pk in range(max(1, centre - WALK_SPAN), centre + WALK_SPAN + 1):
        response = client.get(reverse(row.name, kwargs={**kwargs, name: pk}))
        if response.status_code == 200:
            opened.add(pk)
    return opened


@pytest.mark.parametrize("row", OBJECT_ROWS, ids=lambda row: row.name)
def test_people_without_a_role_open_no_object_whatever_the_id(
    row: Row, world: World, client_for: Callable[[str], Client]
) -> None:
    found = _int_kwarg(row, world)
    if found is None:
        return
    name, kwargs = found
    for role in ("outsider", "manager"):
        if row.outcomes[role] == 200:
            continue
        assert _walk(client_for(role), row, name, kwargs) == set(), f"{role} opened {row.name}"


# Rows where the table says one pair's members open the object and the other pair's do not.
PAIR_ROWS = [
    row
    for row in OBJECT_ROWS
    if row.outcomes["adept"] == 200 and row.outcomes["other_mentor"] != 200
]


@pytest.mark.parametrize("row", PAIR_ROWS, ids=lambda row: row.name)
def test_members_of_one_pair_never_open_the_other_pairs_objects(
    row: Row, world: World, client_for: Callable[[str], Client]
) -> None:
    found = _int_kwarg(row, world)
    if found is None:
        return
    name, kwargs = found
    ours = _walk(client_for("adept"), row, name, kwargs) | _walk(
        client_for("mentor"), row, name, kwargs
    )
    theirs = _walk(client_for("other_mentor"), row, name, kwargs)
    assert ours & theirs == set(), f"{row.name}: both pairs open ids {sorted(ours & theirs)}"


def test_contacts_never_open_each_others_municipality(
    world: World, client_for: Callable[[str], Client]
) -> None:
    row = next(r for r in ROWS if r.name == "privacy:retention_decision_create")
    kwargs = {"municipality_pk": world.municipality_a.pk}
    a = _walk(client_for("contact_a"), row, "municipality_pk", kwargs)
    b = _walk(client_for("contact_b"), row, "municipality_pk", kwargs)
    assert a == {world.municipality_a.pk} and b == {world.municipality_b.pk}

"""Every URL of the project answers each persona as the access table says."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.world import ROLES, World

from .table import ROWS, Row

# URL prefixes that belong to other packages, with the reason they are not in the table.
DELEGATED = {
    "admin": "Django's admin: staff only, tested in tests/trust/test_admin_*.py",
    "account": "django-allauth's own sign-in pages, public by design",
    "mfa": "django-allauth's MFA pages, for the signed-in person's own account",
    "socialaccount": "django-allauth's SSO pages",
    "usersessions": "django-allauth's list of the person's own sessions",
    "set_language": "Django's language switch, public by design",
}


def _names(patterns: list, namespace: str = "") -> Iterator[str]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def _is_delegated(name: str) -> bool:
    return any(
        name == prefix or name.startswith((prefix + ":", prefix + "_")) for prefix in DELEGATED
    )


def test_every_url_of_the_project_is_in_the_access_table() -> None:
    in_urlconf = {name for name in _names(get_resolver().url_patterns) if not _is_delegated(name)}
    in_table = {row.name for row in ROWS if not _is_delegated(row.name)}
    assert sorted(in_urlconf - in_table) == [], "URLs missing from tests/access/rows_*.py"
    assert sorted(in_table - in_urlconf) == [], "Rows for URLs that no longer exist"


def test_every_row_names_an_outcome_for_every_persona() -> None:
    for row in ROWS:
        assert set(row.outcomes) == set(ROLES), row.name


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_each_persona_gets_what_the_table_says(
    row: Row, world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse(row.name, kwargs=row.kwargs(world))
    failures = []
    for role in ROLES:
        client = client_for(role)
        data = row.data(world) if row.data else {}
        if row.grant:
            data = row.grant.data(world, role)
            held_before = row.grant.holds(world, role)
        response = getattr(client, row.method)(url, data)
        if response.status_code != row.outcomes[role]:
            failures.append(f"{role}: expected {row.outcomes[role]}, got {response.status_code}")
        if row.grant:
            holds = row.grant.holds(world, role)
            if holds != (held_before or role in row.grant.granters):
                done = "was granted" if holds else "was not granted"
                failures.append(f"{role}: {row.grant.what} {done}")
    assert failures == [], f"{row.method.upper()} {url}\n" + "\n".join(failures)

"""The role × URL table: what each persona gets from every URL of the project.

Every named URL of the project's apps must have a row here; tests/access/test_access_table.py
walks the URLconf and fails on a URL without one. Each app keeps its rows in its own
module (rows_<app>.py) and this module joins them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from accounts.models import User
from tests.world import ROLES, World

OK = 200
REDIRECT = 302
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405


def expect(default: int = NOT_FOUND, *, anonymous: int = REDIRECT, **roles: int) -> dict[str, int]:
    """Outcome per persona: ``default`` for all not named, a login redirect for anonymous."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles in access table: {sorted(unknown)}")
    outcomes = dict.fromkeys(ROLES, default)
    outcomes["anonymous"] = anonymous
    outcomes.update(roles)
    return outcomes


def only(*allowed: str, status: int = OK, others: int = NOT_FOUND) -> dict[str, int]:
    return expect(others, **dict.fromkeys(allowed, status))


STAFF = ("coordinator", "administrator")


@dataclass(frozen=True)
class Grant:
    """A form that grants access, posted by each persona (for itself where the form can)."""

    # What it grants, in docs/privacy.md.
    what: str
    # The personas who may grant it (programmes.services.grants.may_grant).
    granters: tuple[str, ...]
    # The form each persona posts.
    data: Callable[[World, str], dict[str, Any]]
    # Whether what that persona's post asked for is held afterwards.
    holds: Callable[[World, str], bool]


def persona(world: World, role: str) -> User:
    """The persona's account; for anonymous a person who holds nothing, made once."""
    if role in world.people:
        return world.people[role]
    if "nobody" not in world.extra:
        world.extra["nobody"] = User.objects.create_user(
            email="ingen@example.se", full_name="Ingen Alls"
        )
    return world.extra["nobody"]


@dataclass(frozen=True)
class Row:
    name: str
    outcomes: dict[str, int]
    kwargs: Callable[[World], dict[str, Any]] = field(default=lambda world: {})
    method: str = "get"
    data: Callable[[World], dict[str, Any]] | None = None
    # A short note on why the row is as it is, where it is not obvious.
    why: str = ""
    # A POST that grants access: besides the answer, only its granters' posts grant.
    grant: Grant | None = None


def _load_rows() -> list[Row]:
    """Joins the ROWS of every rows_*.py module in this folder."""
    import importlib
    from pathlib import Path

    rows: list[Row] = []
    for path in sorted(Path(__file__).parent.glob("rows_*.py")):
        rows.extend(importlib.import_module(f"{__package__}.{path.stem}").ROWS)
    return rows


ROWS: list[Row] = _load_rows()

"""The role × URL table: what each persona gets from every URL of the project.

Every named URL of the project's apps must have a row here; tests/access/test_access_table.py
walks the URLconf and fails on a URL without one. Each app keeps its rows in its own
module (rows_<app>.py) and this module joins them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

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
class Row:
    name: str
    outcomes: dict[str, int]
    kwargs: Callable[[World], dict[str, Any]] = field(default=lambda world: {})
    method: str = "get"
    data: Callable[[World], dict[str, Any]] | None = None
    # A short note on why the row is as it is, where it is not obvious.
    why: str = ""


def _load_rows() -> list[Row]:
    """Joins the ROWS of every rows_*.py module in this folder."""
    import importlib
    from pathlib import Path

    rows: list[Row] = []
    for path in sorted(Path(__file__).parent.glob("rows_*.py")):
        rows.extend(importlib.import_module(f"{__package__}.{path.stem}").ROWS)
    return rows


ROWS: list[Row] = _load_rows()

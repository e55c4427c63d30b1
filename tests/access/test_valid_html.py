"""Every page of the access table is valid HTML by the Nu Html Checker (the W3C validator), for
every persona that may open it, in Swedish and in English; so are the sign-in pages and the
page for a missing address.

The pages are rendered through the test client and written to files; one run of vnu.jar (one
JVM start) checks them all. The test is marked ``html`` and left out of the default run: it
needs Java and vnu.jar, which .ci/run installs into .ci/vnu/ from the npm registry
(``npm install --prefix .ci/vnu --ignore-scripts vnu-jar@<version>``; VNU_JAR points elsewhere).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.access.table import NOT_FOUND, OK, ROWS
from tests.world import ROLES, World, build_world

pytestmark = pytest.mark.html

VNU_JAR = Path(
    os.environ.get("VNU_JAR", settings.BASE_DIR / ".ci/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
)
LANGUAGES = ("sv", "en")
PAGE_ROWS = [row for row in ROWS if row.method == "get" and OK in row.outcomes.values()]


# Pages outside the access table that the project's templates draw: django-allauth's sign-in
# and account pages (templates/allauth, templates/account) and the page for a missing address.
OTHER_PAGES = {
    "anonymous": (
        "account_login",
        "account_reset_password",
        "account_signup",
        "account_request_login_code",
        "/no/such/page/",
    ),
    "adept": (
        "account_email",
        "account_change_password",
        "account_reauthenticate",
        "account_logout",
        "mfa_index",
        "usersessions_list",
    ),
}


def _client(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.people[role])
    return client


class Pages:
    """The HTML pages written to a folder, with the page and who saw it per file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.seen_by: dict[str, str] = {}

    def visit(
        self, client: Client, url: str, data: dict[str, Any], *, role: str, status: int = OK
    ) -> None:
        for language in LANGUAGES:
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
            response = client.get(url, data)
            assert response.status_code == status, (url, role, language)
            if not response["Content-Type"].startswith("text/html"):
                continue  # a file (PDF, CSV, calendar, JSON)
            html = response.content.decode()
            assert html.lstrip().lower().startswith("<!doctype html>"), (
                f"{url} ({role}, {language}) is a fragment, not a page"
            )
            path = self.folder / f"{len(self.seen_by):04d}.html"
            path.write_text(html)
            self.seen_by[path.name] = f"{url} as {role} ({language})"


def _write_pages(folder: Path) -> dict[str, str]:
    """Writes every HTML page to ``folder``; returns, per file, the page and who saw it.

    Each row gets a world of its own, as in test_access_table.py, and rolls it back: a row's
    objects may clash with another's.
    """
    pages = Pages(folder)
    for row in PAGE_ROWS:
        cache.clear()
        with transaction.atomic():
            world = build_world()
            url = reverse(row.name, kwargs=row.kwargs(world))
            data = row.data(world) if row.data else {}
            for role in ROLES:
                if row.outcomes[role] == OK:
                    pages.visit(_client(world, role), url, data, role=role)
            transaction.set_rollback(True)
    world = build_world()
    for role, names in OTHER_PAGES.items():
        for name in names:
            url = name if name.startswith("/") else reverse(name)
            status = NOT_FOUND if name.startswith("/") else OK
            pages.visit(_client(world, role), url, {}, role=role, status=status)
    return pages.seen_by


def test_every_page_is_valid_html_for_every_persona_in_both_languages(
    db: None, tmp_path: Path
) -> None:
    assert VNU_JAR.is_file(), f"{VNU_JAR} is missing: .ci/run installs it (see this module)"
    pages = _write_pages(tmp_path)
    assert len(pages) > 100
    files = sorted(str(tmp_path / name) for name in pages)
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    messages = json.loads(result.stdout)["messages"]
    assert messages or result.returncode == 0, result.stderr
    # Each message once per page, where it first occurs and who meets it.
    failures: dict[tuple[str, str], list[str]] = {}
    for message in messages:
        page, _, who = pages.get(Path(message.get("url", "")).name, "?").partition(" as ")
        at = f"line {message.get('lastLine', '?')}: {message.get('extract', '').strip()[:120]!r}"
        failures.setdefault((page, message["message"]), [at]).append(who)
    report = [
        f"{page}: {text}\n    {at}\n    seen by {', '.join(sorted(set(who)))}"
        for (page, text), (at, *who) in failures.items()
    ]
    assert report == [], (
        f"{len(messages)} errors on {len({m.get('url') for m in messages})} of {len(pages)} "
        "pages:\n" + "\n".join(report)
    )

"""Every page of the access table is valid HTML by the Nu Html Checker (the W3C validator), for
every persona that may open it, in Swedish and in English.

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

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.access.table import OK, ROWS
from tests.world import ROLES, World, build_world

pytestmark = pytest.mark.html

VNU_JAR = Path(
    os.environ.get("VNU_JAR", settings.BASE_DIR / ".ci/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
)
LANGUAGES = ("sv", "en")
PAGE_ROWS = [row for row in ROWS if row.method == "get" and OK in row.outcomes.values()]


def _client(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.people[role])
    return client


def _write_pages(folder: Path) -> dict[str, str]:
    """Writes every HTML page to ``folder``; returns, per file, the page and who saw it.

    Each row gets a world of its own, as in test_access_table.py, and rolls it back: a row's
    objects may clash with another's.
    """
    written: dict[str, str] = {}
    for row in PAGE_ROWS:
        cache.clear()
        with transaction.atomic():
            world = build_world()
            url = reverse(row.name, kwargs=row.kwargs(world))
            data = row.data(world) if row.data else {}
            for role in ROLES:
                if row.outcomes[role] != OK:
                    continue
                client = _client(world, role)
                for language in LANGUAGES:
                    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
                    response = client.get(url, data)
                    assert response.status_code == OK, (url, role, language)
                    if not response["Content-Type"].startswith("text/html"):
                        continue  # a file (PDF, CSV, calendar, JSON)
                    html = response.content.decode()
                    assert html.lstrip().lower().startswith("<!doctype html>"), (
                        f"{url} ({role}, {language}) is a fragment, not a page"
                    )
                    path = folder / f"{len(written):04d}-{row.name.replace(':', '-')}.html"
                    path.write_text(html)
                    written[path.name] = f"{url} as {role} ({language})"
            transaction.set_rollback(True)
    return written


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

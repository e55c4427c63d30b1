"""The halves of the restore drill (tests/trust/test_restore_drill.py), each run in a process
of its own so that it reaches exactly the database and media folder its environment names:

    python -m tests.trust.restore_drill build MANIFEST        # the access table's world
    python -m tests.trust.restore_drill answers MANIFEST OUT  # every row as every persona

``build`` commits the world of tests/world.py, the objects each row of the access table
needs and one uploaded document to DATABASE_URL and MEDIA_ROOT, and writes each request to
MANIFEST. ``answers`` makes those requests and writes what each persona got to OUT.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, TypedDict

import django

# An answer is what a person sees, without what differs on every request (tokens, nonces,
# session cookies, times): the status, where a redirect leads, an HTML page's title, and
# for a stored file its exact bytes.
Answer = list[Any]


class Request(TypedDict):
    name: str
    method: str
    url: str
    data: dict[str, Any]


class Manifest(TypedDict):
    people: dict[str, int]
    requests: list[Request]


TITLE = re.compile(rb"<title>(.*?)</title>", re.DOTALL)


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")
    django.setup()
    from django.test.utils import override_settings, setup_test_environment

    # As under pytest: DEBUG off, mail kept in memory, the test client's host allowed.
    setup_test_environment(debug=False)
    override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]).enable()


def build(manifest_path: Path) -> None:
    from django.urls import reverse

    from tests.access.table import ROWS
    from tests.programmes.factories_running import uploaded_mentor_book
    from tests.world import ROLES, build_world

    world = build_world()
    requests: list[Request] = []
    for row in ROWS:
        url = reverse(row.name, kwargs=row.kwargs(world))
        data = row.data(world) if row.data else {}
        requests.append(Request(name=row.name, method=row.method, url=url, data=data))
    # The access table's only stored file is a report; a document is a second kind.
    book = uploaded_mentor_book(world, "Digital mentorbok (PDF)")
    requests.append(
        Request(
            name="events:resource_download (a stored file)",
            method="get",
            url=reverse("events:resource_download", kwargs={"pk": book.pk}),
            data={},
        )
    )
    people = {role: world.people[role].pk for role in ROLES if role != "anonymous"}
    manifest_path.write_text(json.dumps(Manifest(people=people, requests=requests), indent=1))


def _answer(response: Any) -> Answer:
    from django.http import FileResponse

    if isinstance(response, FileResponse):
        body = b"".join(response.streaming_content)
        return [response.status_code, "file", hashlib.sha256(body).hexdigest()]
    if response.has_header("Location"):
        return [response.status_code, "location", response["Location"]]
    if response.get("Content-Type", "").startswith("text/html"):
        title = TITLE.search(response.content)
        return [response.status_code, "title", title and title.group(1).decode().strip()]
    return [response.status_code, "type", response.get("Content-Type", "")]


def answers(manifest_path: Path, out_path: Path) -> None:
    from django.conf import settings
    from django.test import Client

    from accounts.models import User

    manifest: Manifest = json.loads(manifest_path.read_text())
    # One sign-in per persona (a sign-in writes several rows); each request gets a new
    # client with only that session's cookie, as a fresh browser tab would.
    sessions = {"anonymous": ""}
    for role, pk in manifest["people"].items():
        signed_in = Client()
        signed_in.force_login(User.objects.get(pk=pk))
        sessions[role] = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
    found: dict[str, Answer] = {}
    for request in manifest["requests"]:
        for role, session in sessions.items():
            # A 500 is an answer too: the drill compares it instead of stopping.
            client = Client(raise_request_exception=False)
            if session:
                client.cookies[settings.SESSION_COOKIE_NAME] = session
            response = getattr(client, request["method"])(request["url"], request["data"])
            key = f"{request['method'].upper()} {request['url']} ({request['name']}) as {role}"
            found[key] = _answer(response)
    out_path.write_text(json.dumps(found, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    _setup()
    command, *paths = sys.argv[1:]
    {"build": build, "answers": answers}[command](*map(Path, paths))

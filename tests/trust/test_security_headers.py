"""Every HTML page of the access table carries a strict CSP and the other security headers."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from tests.access.table import ROWS, Row
from tests.world import ROLES, World

NONCE_IN_HEADER = re.compile(r"'nonce-([^']+)'")


class _InlineFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.styles: list[dict[str, str | None]] = []
        self.style_attributes: list[str] = []
        self.event_handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script":
            self.scripts.append(attributes)
        if tag == "style":
            self.styles.append(attributes)
        if "style" in attributes:
            self.style_attributes.append(tag)
        self.event_handlers.extend(f"{tag}[{name}]" for name in attributes if name.startswith("on"))


def _html_page_problems(response, nonce: str) -> list[str]:
    finder = _InlineFinder()
    finder.feed(response.content.decode())
    problems = []
    for script in finder.scripts:
        if script.get("nonce") != nonce:
            problems.append(f"<script> without this request's nonce: {script}")
    for style in finder.styles:
        if style.get("nonce") != nonce:
            problems.append("<style> block without this request's nonce")
    if finder.style_attributes:
        problems.append(f"style attributes on {finder.style_attributes}")
    if finder.event_handlers:
        problems.append(f"inline event handlers {finder.event_handlers}")
    return problems


def _header_problems(response, *, nonce_required: bool = True) -> tuple[list[str], str]:
    problems = []
    policy = response.get("Content-Security-Policy", "")
    if not policy:
        return ["no Content-Security-Policy"], ""
    for forbidden in ("'unsafe-inline'", "'unsafe-eval'"):
        if forbidden in policy:
            problems.append(f"CSP allows {forbidden}")
    nonces = set(NONCE_IN_HEADER.findall(policy))
    if len(nonces) > 1 or (nonce_required and not nonces):
        problems.append(f"expected one nonce in the CSP, found {nonces}")
    if response.get("X-Frame-Options") != "DENY":
        problems.append(f"X-Frame-Options is {response.get('X-Frame-Options')!r}")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if not response.get("Referrer-Policy"):
        problems.append("no Referrer-Policy")
    return problems, next(iter(nonces), "")


@pytest.mark.parametrize("row", [r for r in ROWS if r.method == "get"], ids=lambda row: row.name)
def test_every_html_page_has_a_strict_csp_and_security_headers(
    row: Row, world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse(row.name, kwargs=row.kwargs(world))
    failures = []
    seen_nonces: set[str] = set()
    for role in ROLES:
        if row.outcomes[role] != 200:
            continue
        response = client_for(role).get(url, row.data(world) if row.data else {})
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        problems, nonce = _header_problems(response)
        if nonce:
            problems += _html_page_problems(response, nonce)
            if nonce in seen_nonces:
                problems.append("the nonce was reused")
            seen_nonces.add(nonce)
        failures += [f"{role}: {problem}" for problem in problems]
    assert failures == [], f"GET {url}\n" + "\n".join(failures)


def test_the_nonce_is_fresh_on_every_request(client_for: Callable[[str], Client]) -> None:
    client = client_for("adept")
    nonces = {
        NONCE_IN_HEADER.search(client.get(reverse("programmes:home"))["Content-Security-Policy"])[1]
        for _ in range(3)
    }
    assert len(nonces) == 3


def test_htmx_is_configured_without_eval_and_inline_styles(
    client_for: Callable[[str], Client],
) -> None:
    html = client_for("adept").get(reverse("programmes:home")).content.decode()
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'', html)
    assert config is not None
    assert '"allowEval": false' in config[1]
    assert '"includeIndicatorStyles": false' in config[1]


def test_the_admin_sends_the_same_headers(client_for: Callable[[str], Client]) -> None:
    response = client_for("administrator").get(reverse("admin:index"))
    assert response.status_code == 200
    # The admin uses no inline script, so its policy needs no nonce at all.
    problems, _nonce = _header_problems(response, nonce_required=False)
    assert problems == []
    assert "script-src 'self'" in response["Content-Security-Policy"]

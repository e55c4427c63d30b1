"""Every page of the access table passes axe-core, for every persona that may open it,
in Swedish and in English: no serious or critical violation of WCAG 2.1 A/AA or of
axe's best practices.

The objects a row needs are built the way tests/access/test_access_table.py builds them:
the personas of tests/world.py and the row's kwargs lambda, in the live server's database.
Pages that are not HTML (PDF, CSV, calendar feeds, JSON) are not axe's business; the test
checks that they really are files.
"""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest
from django.urls import reverse
from django.utils.http import urlencode

from tests.access.table import OK, ROWS, Row
from tests.world import ROLES, World

from .conftest import set_language, sign_in_as

pytestmark = pytest.mark.browser

LANGUAGES = ("sv", "en")
FAILING_IMPACTS = {"serious", "critical"}
# axe-core as bundled by axe-playwright-python: nothing is downloaded at run time.
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
}

PAGE_ROWS = [row for row in ROWS if row.method == "get" and OK in row.outcomes.values()]
# Every page fits these widths without scrolling sideways: a phone, and the narrowest
# screen on which the menu is laid out in a row (Bootstrap's xl) rather than folded away.
WIDTHS = (375, 1200)


def too_wide_at(page) -> list[str]:
    """The widths at which the page scrolls sideways, with how wide it gets."""
    found = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
        if scroll_width > width:
            found.append(f"sideways scrolling at {width} px ({scroll_width} px wide)")
    page.set_viewport_size({"width": 1280, "height": 800})
    return found


def axe_violations(page) -> list[str]:
    """The serious and critical violations on the page, one line per rule and element."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    found = []
    for violation in results["violations"]:
        if violation["impact"] not in FAILING_IMPACTS:
            continue
        for node in violation["nodes"]:
            found.append(
                f"{violation['id']} ({violation['impact']}) "
                f"at {' '.join(map(str, node['target']))}: {node['html'][:200]}"
            )
    return found


@pytest.mark.parametrize("row", PAGE_ROWS, ids=lambda row: row.name)
def test_every_page_passes_axe_and_fits_the_screen_for_every_persona_in_both_languages(
    row: Row, world: World, shared_page
) -> None:
    url = reverse(row.name, kwargs=row.kwargs(world))
    if row.data:
        url += "?" + urlencode(row.data(world), doseq=True)
    # Each violation once, with the personas and languages that meet it.
    failures: dict[str, list[str]] = {}
    checked = 0
    for role in ROLES:
        if row.outcomes[role] != OK:
            continue
        user = None if role == "anonymous" else world.people[role]
        page = shared_page
        sign_in_as(page, user)
        for language in LANGUAGES:
            set_language(page.context, language)
            try:
                response = page.goto(url)
            except Exception as error:  # a file download aborts the navigation
                assert "Download is starting" in str(error), f"{url} as {role}: {error}"
                return
            assert response is not None and response.status == OK, (url, role, language)
            if not response.headers.get("content-type", "").startswith("text/html"):
                return  # a file (CSV, calendar, JSON): not a page for axe
            assert page.locator("html").get_attribute("lang") == language, (url, role)
            for violation in axe_violations(page) + too_wide_at(page):
                failures.setdefault(violation, []).append(f"{role} ({language})")
            checked += 1
    assert checked > 0
    report = [
        f"{url}: {violation}\n    seen by {', '.join(who)}" for violation, who in failures.items()
    ]
    assert report == [], f"{len(report)} violations or overflows:\n" + "\n".join(report)

"""HTML_CodeSniffer (the checker pa11y runs) finds no WCAG 2.1 AA error on the project's
pages, and in the admin only the errors of markup Django itself writes.

Every GET page of the access table that answers 200 is checked once, for the first persona
that may open it; the admin's index, and the list, add and change page of every registered
model, as the administrator. ``.ci/run`` installs HTMLCS.js from the npm registry into
``.ci/htmlcs/`` (ignored by git); it runs in the page through Playwright, like axe.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils.http import urlencode

from accounts.models import User
from tests.access.table import OK, ROWS
from tests.world import ROLES, World

from .conftest import sign_in_as

pytestmark = pytest.mark.browser

HTMLCS_JS = Path(
    os.environ.get(
        "HTMLCS_JS",
        Path(__file__).parents[3] / ".ci/htmlcs/node_modules/html_codesniffer/build/HTMLCS.js",
    )
)
STANDARD = "WCAG2AA"
ERROR = 1  # HTMLCS's message types: 1 error, 2 warning, 3 notice

PAGE_ROWS = [row for row in ROWS if row.method == "get" and OK in row.outcomes.values()]

# Runs the sniffs and answers the errors as (code, element's opening tag).
RUN_HTMLCS = """standard => new Promise(resolve => HTMLCS.process(standard, document, () =>
    resolve(HTMLCS.getMessages().filter(m => m.type === 1).map(m => [
        m.code,
        m.element.outerHTML ? m.element.outerHTML.slice(0, 200) : String(m.element.nodeName),
    ]))))"""


@dataclass(frozen=True)
class DjangoOwned:
    """An error in markup that Django's admin writes and the project does not override."""

    # HTMLCS's code: the principle, guideline, criterion and technique.
    code: str
    # WCAG 2.1 success criterion, as the accessibility statement names it.
    criterion: str
    # Text that the element's opening tag contains, so that the project's own markup
    # breaking the same rule is still an error.
    element: str
    why: str


# What remains in the admin is Django's markup in templates and scripts the project does not
# copy; the accessibility statement lists each with its criterion.
DJANGO_OWNED = (
    DjangoOwned(
        code="WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2",
        criterion="3.2.2",
        element='<form id="changelist-form"',
        why="A list without actions or editable columns is still wrapped in a form that has "
        "no submit button (admin/change_list.html).",
    ),
    DjangoOwned(
        code="WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2",
        criterion="3.2.2",
        element='<form method="post" id="',
        why="A record the administrator may only view is shown in its change form, without "
        "a submit button (admin/change_form.html).",
    ),
    DjangoOwned(
        code="WCAG2AA.Principle1.Guideline1_3.1_3_1.H71.NoLegend",
        criterion="1.3.1",
        element='-heading">',
        why="An inline's fieldset is named by aria-labelledby on its heading, not by a legend "
        "(admin/edit_inline/tabular.html and stacked.html).",
    ),
    DjangoOwned(
        code="WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.InputSearch.Name",
        criterion="4.1.2",
        element='class="select2-search__field"',
        why="The search box that Select2, bundled with the admin, adds to an autocomplete "
        "field has no name.",
    ),
)


def htmlcs_errors(page) -> list[tuple[str, str]]:
    if not page.evaluate("typeof window.HTMLCS !== 'undefined'"):
        page.evaluate(HTMLCS_JS.read_text())
    return [tuple(error) for error in page.evaluate(RUN_HTMLCS, STANDARD)]


def django_owned(code: str, element: str) -> DjangoOwned | None:
    return next(
        (known for known in DJANGO_OWNED if code == known.code and known.element in element),
        None,
    )


def project_pages(world: World) -> list[tuple[str, str]]:
    """(persona, URL) for each HTML page of the access table, the first persona it opens for."""
    pages = []
    for row in PAGE_ROWS:
        role = next(role for role in ROLES if row.outcomes[role] == OK)
        url = reverse(row.name, kwargs=row.kwargs(world))
        if row.data:
            url += "?" + urlencode(row.data(world), doseq=True)
        pages.append((role, url))
    return pages


def admin_pages(user: User) -> list[str]:
    """The admin's index, and each registered model's list, add and (first row's) change
    page, those the administrator may open."""
    request = RequestFactory().get("/admin/")
    request.user = user
    urls = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls.append(reverse(f"{name}_changelist"))
        if model_admin.has_add_permission(request):
            urls.append(reverse(f"{name}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls.append(reverse(f"{name}_change", args=[first.pk]))
    return urls


def check(page, url: str) -> list[tuple[str, str]] | None:
    """The page's errors, or None when the URL answers with a file or refuses."""
    try:
        response = page.goto(url)
    except Exception as error:  # a file download aborts the navigation
        assert "Download is starting" in str(error), f"{url}: {error}"
        return None
    assert response is not None, url
    if response.status != OK or not response.headers.get("content-type", "").startswith(
        "text/html"
    ):
        return None
    return htmlcs_errors(page)


def test_htmlcs_finds_no_wcag_error_on_the_project_pages_and_only_djangos_in_the_admin(
    world: World, shared_page
) -> None:
    assert HTMLCS_JS.is_file(), f"{HTMLCS_JS} is missing: see .ci/run install_htmlcs"
    failures: list[str] = []
    counts = {"project": 0, "admin": 0, "admin known": 0}
    seen: set[DjangoOwned] = set()
    for role, url in project_pages(world):
        sign_in_as(shared_page, None if role == "anonymous" else world.people[role])
        for code, element in check(shared_page, url) or []:
            counts["project"] += 1
            failures.append(f"{url} ({role}): {code}\n    {element}")
    sign_in_as(shared_page, world.administrator)
    admin_urls = admin_pages(world.administrator)
    for url in admin_urls:
        errors = check(shared_page, url)
        assert errors is not None, f"{url} did not open for the administrator"
        for code, element in errors:
            known = django_owned(code, element)
            if known is not None:
                counts["admin known"] += 1
                seen.add(known)
                continue
            counts["admin"] += 1
            failures.append(f"{url} (administrator): {code}\n    {element}")
    print(f"HTMLCS {STANDARD} errors over {len(admin_urls)} admin pages: {counts}")
    assert failures == [], f"{len(failures)} errors:\n" + "\n".join(failures)
    # A problem Django no longer has leaves the list and the accessibility statement.
    assert [known.why for known in DJANGO_OWNED if known not in seen] == []

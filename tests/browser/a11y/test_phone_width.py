"""The pages participants use fit a 375 px wide phone: no sideways scrolling."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from tests.access.table import ROWS
from tests.world import World

from .conftest import set_language, sign_in_as

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
# The participant's pages, in an order that fills the pair page before it is checked last.
PARTICIPANT_PAGES = (
    "programmes:apply",
    "pairs:agreement_edit",
    "pairs:meeting_plan",
    "pairs:meeting_edit",
    "pairs:meeting_prepare",
    "pairs:meeting_log",
    "pairs:goal_create",
    "pairs:goal_rate",
    "pairs:homework_create",
    "pairs:reflection_create",
    "pairs:fit_answer",
    "pairs:evaluation_answer",
    "pairs:calendar",
    "pairs:pair_detail",
)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_participant_pages_fit_a_phone_without_sideways_scrolling(
    world: World, shared_page, language: str
) -> None:
    rows = {row.name: row for row in ROWS if row.method == "get"}
    page = shared_page
    page.set_viewport_size(PHONE)
    sign_in_as(page, world.adept)
    set_language(page.context, language)
    too_wide = []
    try:
        for name in PARTICIPANT_PAGES:
            row = rows[name]
            url = reverse(name, kwargs=row.kwargs(world))
            if row.data:
                url += "?" + urlencode(row.data(world), doseq=True)
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            width = page.evaluate("document.scrollingElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide.append(f"{url}: {width}px")
    finally:
        page.set_viewport_size({"width": 1280, "height": 800})
    assert too_wide == []

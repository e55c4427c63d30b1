"""The focus ring has a contrast of at least 3:1 against the background it is drawn on
(WCAG 2.1 1.4.11, non-text contrast), at every focus stop of a page: in the main content, in
the dark menu and in the footer.

The ring's outer colour (the outline, or the box-shadow where there is no outline) is compared
with the background of the focused element's nearest opaque ancestor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.urls import reverse

from tests.access.table import ROWS
from tests.world import World

from .conftest import set_language, sign_in_as

pytestmark = pytest.mark.browser

NON_TEXT_CONTRAST = 3.0
# The menu's background (.bg-primary-dark) and the page's.
NAVBAR_BACKGROUND = (20, 58, 85)
PAGE_BACKGROUND = (255, 255, 255)
# A page with links, buttons and the menu, and a form with fields of every kind.
PAGES = ("pairs:pair_detail", "pairs:meeting_plan")
MAX_STOPS = 120

FOCUS_STOP = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  let background = 'rgb(255, 255, 255)';
  for (let n = e.parentElement; n; n = n.parentElement) {
    const colour = getComputedStyle(n).backgroundColor;
    const alpha = colour.startsWith('rgba') ? parseFloat(colour.split(',')[3]) : 1;
    if (alpha === 1) { background = colour; break; }
  }
  return {what: e.outerHTML.slice(0, 100), outlineStyle: s.outlineStyle,
          outlineWidth: parseFloat(s.outlineWidth), outlineColor: s.outlineColor,
          boxShadow: s.boxShadow, background: background};
}"""
RGB = re.compile(r"rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)")


def _colours(css: str) -> list[tuple[int, int, int]]:
    """The opaque colours in a computed style value."""
    return [(int(r), int(g), int(b)) for r, g, b, alpha in RGB.findall(css) if alpha in ("", "1")]


def _luminance(colour: tuple[int, int, int]) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(channel) for channel in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    """The WCAG 2.1 contrast ratio of two colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_is_computed_as_wcag_defines_it() -> None:
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
    # The amber of issue 18: too faint on white, plenty on the menu.
    assert round(contrast((255, 191, 71), PAGE_BACKGROUND), 2) == 1.64
    assert contrast((255, 191, 71), NAVBAR_BACKGROUND) > 7


@dataclass
class FocusStop:
    what: str
    ring: tuple[int, int, int] | None
    background: tuple[int, int, int]

    @classmethod
    def read(cls, page) -> FocusStop:
        style = page.evaluate(FOCUS_STOP)
        outline = style["outlineStyle"] != "none" and style["outlineWidth"] >= 2
        rings = _colours(style["outlineColor"]) if outline else _colours(style["boxShadow"])
        return cls(
            what=style["what"],
            ring=rings[0] if rings else None,
            background=_colours(style["background"])[0],
        )


def test_every_focus_stop_has_a_ring_of_three_to_one_against_its_background(
    world: World, shared_page
) -> None:
    rows = {row.name: row for row in ROWS if row.method == "get"}
    page = shared_page
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_as(page, world.adept)
    set_language(page.context, "sv")
    failures = []
    backgrounds = set()
    for name in PAGES:
        url = reverse(name, kwargs=rows[name].kwargs(world))
        page.goto(url)
        first = None
        for _ in range(MAX_STOPS):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement === document.body"):
                continue
            stop = FocusStop.read(page)
            if stop.what == first:
                break  # round the whole page once
            first = first or stop.what
            backgrounds.add(stop.background)
            if stop.ring is None:
                failures.append(f"{url}: no focus ring on {stop.what}")
            elif contrast(stop.ring, stop.background) < NON_TEXT_CONTRAST:
                failures.append(
                    f"{url}: ring {stop.ring} on {stop.background} has "
                    f"{contrast(stop.ring, stop.background):.2f}:1 at {stop.what}"
                )
    assert {NAVBAR_BACKGROUND, PAGE_BACKGROUND} <= backgrounds, backgrounds
    assert failures == [], "\n".join(failures)

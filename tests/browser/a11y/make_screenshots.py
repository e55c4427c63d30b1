"""Screenshots of the main pages at phone and desktop width, for README.

Not a test (pytest does not collect it on its own); run it by name:

    .venv/bin/pytest -q -m browser -p no:randomly tests/browser/a11y/make_screenshots.py

It builds the personas of tests/world.py on a live server, visits each page as the person
who uses it, in Swedish, and writes optimised PNGs (256-colour palette) to docs/screenshots/.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image

from tests.access.table import ROWS
from tests.world import World

from .conftest import set_language, sign_in_as

pytestmark = pytest.mark.browser

OUT = Path(settings.BASE_DIR) / "docs" / "screenshots"
SIZES = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 800}}
# (file name, URL name, persona)
PAGES = (
    ("home", "programmes:home", "adept"),
    ("pair", "pairs:pair_detail", "adept"),
    ("meeting-plan", "pairs:meeting_plan", "adept"),
    ("apply", "programmes:apply", "outsider"),
    ("events", "events:event_list", "coordinator"),
    ("invoice-basis", "fees:invoice_basis_detail", "coordinator"),
)


def _save(png: bytes, path: Path) -> None:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def test_make_screenshots(world: World, shared_page) -> None:
    rows = {row.name: row for row in ROWS if row.method == "get"}
    OUT.mkdir(parents=True, exist_ok=True)
    page = shared_page
    for file_name, url_name, persona in PAGES:
        url = reverse(url_name, kwargs=rows[url_name].kwargs(world))
        sign_in_as(page, world.people[persona])
        set_language(page.context, "sv")
        for size_name, size in SIZES.items():
            page.set_viewport_size(size)
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            _save(page.screenshot(), OUT / f"{file_name}-{size_name}.png")
    page.set_viewport_size(SIZES["desktop"])
    assert len(list(OUT.glob("*.png"))) >= len(PAGES) * len(SIZES)

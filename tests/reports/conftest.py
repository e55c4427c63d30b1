from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path) -> None:
    # Stored reports are written to MEDIA_ROOT; keep them out of the working tree.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english(request, db):
    # The tests read the English texts; the Swedish report has its own test.
    from django.utils import translation

    from accounts.models import User

    if "world" in request.fixturenames:
        request.getfixturevalue("world")
    User.objects.update(preferred_language="en")
    with translation.override("en"):
        yield

"""Every Swedish text of the project's own catalogues is the one a page shows.

Django merges all catalogues into one: where two apps (ours or a library's) translate the
same English text differently, the app listed first wins, and the other app's pages show a
word that was never meant for them ("Inloggningar" for a programme's sessions). A text that
needs two Swedish words takes a context (pgettext) instead.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real


def _own_catalogue(app: str) -> dict[object, str]:
    path = Path(settings.BASE_DIR) / app / "locale" / "sv" / "LC_MESSAGES" / "django.mo"
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]


def test_no_other_catalogue_overrides_an_apps_swedish() -> None:
    with translation.override("sv"):
        merged = trans_real.translation("sv")._catalog  # type: ignore[attr-defined]
    overridden = []
    for app in settings.PROJECT_APPS:
        for key, swedish in _own_catalogue(app).items():
            if key == "" or not swedish:
                continue
            shown = merged.get(key)
            if shown != swedish:
                overridden.append(f"{app}: {key!r} is shown as {shown!r}, not {swedish!r}")
    assert not overridden, "\n".join(overridden)

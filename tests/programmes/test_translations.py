"""Swedish is the default language: every message of the project has a Swedish translation."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings

CATALOGUES = sorted(
    path
    for pattern in ("locale/sv/LC_MESSAGES/django.po", "*/locale/sv/LC_MESSAGES/django.po")
    for path in Path(settings.BASE_DIR).glob(pattern)
    if ".venv" not in path.parts
)


def test_every_app_with_messages_has_a_swedish_catalogue() -> None:
    names = {path.relative_to(settings.BASE_DIR).parts[0] for path in CATALOGUES}
    assert {"locale", "programmes", "pairs", "matching", "reports"} <= names


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_every_message_is_translated_to_swedish_and_compiled(po_path: Path) -> None:
    with po_path.open("rb") as handle:
        catalogue = read_po(handle, locale="sv")
    untranslated = []
    fuzzy = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            untranslated.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    assert untranslated == [], f"{po_path}: messages without Swedish"
    assert fuzzy == [], f"{po_path}: fuzzy messages need a review"
    with po_path.with_suffix(".mo").open("rb") as handle:
        # Babel's read_mo keeps a context (pgettext) as bytes: key every message by text.
        compiled = {
            (_text(message.id), _text(message.context)): message for message in read_mo(handle)
        }
    stale = [
        message.id
        for message in catalogue
        if message.id
        and _strings(compiled.get((_text(message.id), _text(message.context)))) != _strings(message)
    ]
    assert stale == [], f"{po_path}: the .mo file is not compiled from the current .po"


def _strings(message: object) -> tuple[str, ...] | None:
    """A message's translation(s) as a tuple; plural forms come as lists from .mo files."""
    if message is None:
        return None
    string = message.string  # type: ignore[attr-defined]
    return tuple(string) if isinstance(string, (list, tuple)) else (string,)


def _text(value: object) -> object:
    """A message id or context as text (read_mo gives a context as bytes)."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, (list, tuple)):
        return tuple(_text(part) for part in value)
    return value

"""docs/privacy.md says who can see what exactly as the access table does."""

from __future__ import annotations

from tests.trust import privacy_doc


def test_the_privacy_document_matches_the_access_table() -> None:
    text = privacy_doc.DOC.read_text(encoding="utf-8")
    assert privacy_doc.current_section(text) == privacy_doc.access_section(), (
        "docs/privacy.md is out of date: run .venv/bin/python -m tests.trust.privacy_doc"
    )


def test_the_privacy_document_is_in_swedish_and_english() -> None:
    text = privacy_doc.DOC.read_text(encoding="utf-8")
    assert "## Svenska" in text and "## English" in text
    for subject in ("gallring", "registerutdrag", "retention", "register extract", "DPIA"):
        assert subject in text

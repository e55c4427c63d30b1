"""Ids in forms and fragments are written as plain numbers, whatever the language's format."""

from __future__ import annotations

from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import translation


def test_a_chosen_rows_id_has_no_thousands_separator_in_swedish() -> None:
    # Swedish writes 1342 as "1 342" (USE_THOUSAND_SEPARATOR): a posted "1 342" is no id.
    with translation.override("sv"):
        html = render_to_string(
            "includes/_list_choose.html",
            {"bulk_actions": True, "row": SimpleNamespace(pk=1342), "name": "Anna"},
        )
    assert 'value="1342"' in html

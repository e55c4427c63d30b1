"""A list's sort choices are read in the language of each request, not of the first one."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy

from common.lists import SortFilter


def test_the_sort_choices_follow_the_language_of_the_request() -> None:
    with translation.override("sv"):
        sort = SortFilter(
            fields={"applied_at": "applied"}, field_labels={"applied_at": gettext_lazy("Applied")}
        )
        list(sort.field.choices)  # built and read once in Swedish
    with translation.override("en"):
        labels = [str(label) for value, label in sort.field.choices if value]
    assert labels == ["Applied", "Applied, descending"]

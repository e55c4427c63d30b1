"""Every address an HTML mail shows is a link, and a plain-text part shows no HTML escapes."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

from notifications.emails import render_plain

URL_OUTPUT = re.compile(r"\{\{\s*(\w*url)\s*\}\}")
URL_ARGUMENT = re.compile(r"with[^%]*?\burl=([\w.]+)(\|\w+)?")


def _html_mails() -> list[Path]:
    base = Path(settings.BASE_DIR)
    return sorted(
        path
        for app in settings.PROJECT_APPS
        for path in (base / app / "templates" / "emails").glob("*.html")
    )


def _inside_href(line: str, start: int) -> bool:
    before = line[:start]
    opened = before.rfind('href="')
    return opened != -1 and '"' not in before[opened + len('href="') :]


def test_every_url_in_an_html_mail_is_a_link() -> None:
    unlinked = []
    for path in _html_mails():
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for match in URL_OUTPUT.finditer(line):
                name = match.group(1)
                if name == "url":
                    # A translated sentence's {{ url }}: its argument must be made a link.
                    argument = URL_ARGUMENT.search(line)
                    if argument and argument.group(2) == "|urlize":
                        continue
                elif _inside_href(line, match.start()):
                    continue
                unlinked.append(f"{path.name}:{number}: {name}")
    assert _html_mails()
    assert not unlinked, unlinked


def test_a_plain_text_part_is_not_html_escaped() -> None:
    text = render_plain(
        "emails/matching_pair_mentor.txt",
        {
            "recipient": {"get_short_name": "Siobhán O'Brien"},
            "other": {"person": {"full_name": "Åsa d'Artagnan"}, "municipality": {"name": "Håbo"}},
            "programme": {"name": "Chefer & ledare"},
            "cohort": {"name": "2026/27", "is_group_mentoring": False},
            "why": "Ni delar <intressen>",
            "summary": [],
            "site_url": "https://mentor.example",
            "page_url": "/pairs/7/",
        },
    )
    assert "O'Brien" in text and "d'Artagnan" in text and "Chefer & ledare" in text
    assert "<intressen>" in text
    assert "&#x27;" not in text and "&amp;" not in text and "&lt;" not in text
    assert "https://mentor.example/pairs/7/" in text

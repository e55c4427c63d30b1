"""Every address an HTML mail shows is a link, and a plain-text part shows no HTML escapes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from notifications.emails import render_plain
from notifications.mail_registry import registered_mails
from programmes.models import Programme
from programmes.services.mail_templates import (
    MailText,
    default_text,
    mail_preview,
    sample_enrolment,
)

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


# Every mail a programme can shape, rendered as it leaves -----------------------------

ESCAPED_ENTITY = re.compile(r"&(#x?[0-9a-fA-F]+|amp|lt|gt|quot|apos);")
LINK_ELEMENT = re.compile(r"<a\s[^>]*href=\"[^\"]+\"[^>]*>.*?</a>", re.DOTALL)
ADDRESS = re.compile(r"https?://")
# What a coordinator might write: an apostrophe, an ampersand, a bare address.
OWN_WORDS = "\n\nRead more at https://mentor.example/om och fråga O'Brien & co <gärna>."


def _unlinked_addresses(html: str) -> list[str]:
    outside = LINK_ELEMENT.sub("", html)
    return [outside[max(m.start() - 40, 0) : m.end() + 40] for m in ADDRESS.finditer(outside)]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_registered_mail_default_and_own_text_has_clean_parts(db, language) -> None:
    programme = Programme(pk=0, name="Chefer & ledare")
    enrolment = sample_enrolment(programme)
    enrolment.person.full_name = "Siobhán O'Brien"
    problems = []
    for mail in registered_mails().values():
        default = default_text(mail=mail, language=language)
        own = MailText(default.subject + " & {first_name}'s", default.body + OWN_WORDS)
        for text in (None, own):
            rendered = mail_preview(
                mail=mail,
                programme=programme,
                language=language,
                participant=enrolment,
                text=text,
            )
            which = f"{mail.key} ({language}, {'own text' if text else 'default'})"
            for part in (rendered.subject, rendered.text):
                if ESCAPED_ENTITY.search(part):
                    problems.append(f"{which}: escaped entity in {part!r}")
            if unlinked := _unlinked_addresses(rendered.html):
                problems.append(f"{which}: addresses outside a link: {unlinked}")
            if text and "O'Brien" not in rendered.text:
                problems.append(f"{which}: the recipient's name is missing")
            if text and "Chefer & ledare" not in rendered.text:
                problems.append(f"{which}: the programme's name is missing from the text")
    assert not problems, "\n".join(problems)

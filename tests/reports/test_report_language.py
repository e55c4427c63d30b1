"""The report is in the language asked for on the form, whatever the requester's interface
language or the worker's: no label of the other language reaches the PDF."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from accounts.models import Gender
from programmes.models import Role
from reports import services
from reports.charts import Bar, bar_chart
from reports.figures import collect_figures
from reports.models import GeneratedReport, ReportStatus
from reports.rendering import report_pdf
from tests.world import World

from .factories import add_pair, build_year
from .pdftext import pdf_text

CATALOGUE = Path(settings.BASE_DIR) / "reports/locale/sv/LC_MESSAGES/django.po"
# The sources whose messages end up in the printed report.
REPORT_SOURCES = (
    "figures/",
    "templates/reports/pdf/",
    "charts.py",
    "tables.py",
    "rendering.py",
    "templatetags/",
)
# A label with fewer letters than this could be part of any word or name.
SHORTEST_LABEL = 4
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
# The choices of other apps that the report prints (gender, the participants' roles).
CHOICE_LABELS = (*Gender.labels, *Role.labels)


@dataclass(frozen=True)
class Label:
    english: str
    swedish: str


def _messages() -> Iterator[tuple[str, str]]:
    """(English, Swedish) for each singular and plural form the report's sources use."""
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="sv")
    for message in catalogue:
        if not message.id or not any(
            source in path for path, _line in message.locations for source in REPORT_SOURCES
        ):
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        # Plural forms: English singular and plural against each Swedish form.
        for english in ids:
            for swedish in strings:
                yield english, swedish
    for label in CHOICE_LABELS:
        with translation.override("en"):
            english = str(label)
        with translation.override("sv"):
            swedish = str(label)
        yield english, swedish


def _literal(text: str) -> str:
    return re.sub(r"\s+", " ", PLACEHOLDER.sub("", text)).strip()


def report_labels() -> list[Label]:
    """The report's labels that differ between the languages and are long enough to find."""
    labels = {
        Label(english=english, swedish=swedish)
        for english, swedish in _messages()
        if _literal(english).casefold() != _literal(swedish).casefold()
    }
    return sorted(labels, key=lambda label: label.english)


def label_pattern(text: str) -> re.Pattern[str] | None:
    """The label as it reads in the PDF: its placeholders any short text, any case."""
    fragments = [re.sub(r"\s+", " ", part).strip() for part in PLACEHOLDER.split(text)]
    fragments = [part for part in fragments if part]
    if sum(len(part) for part in fragments) < SHORTEST_LABEL:
        return None
    body = r".{1,60}?".join(
        r"\s+".join(re.escape(word) for word in part.split(" ")) for part in fragments
    )
    start = r"\b" if fragments[0][0].isalnum() else ""
    end = r"\b" if fragments[-1][-1].isalnum() else ""
    return re.compile(start + body + end, re.IGNORECASE)


def _structure_texts(node: DictionaryObject) -> Iterator[str]:
    """Alternative texts and other texts of the tagged PDF's structure (charts included)."""
    for key in ("/Alt", "/ActualText", "/T", "/E"):
        if key in node:
            yield str(node[key])
    kids = node.get("/K")
    if kids is None:
        return
    kids = kids.get_object()
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, DictionaryObject):
            yield from _structure_texts(kid)


def report_text(pdf: bytes) -> str:
    """What a reader or a screen reader gets: the pages, the title and the alternative texts."""
    reader = PdfReader(io.BytesIO(pdf))
    structure = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    return " ".join(
        [
            pdf_text(pdf),
            str(reader.metadata.title or ""),
            *_structure_texts(structure),
        ]
    )


def foreign_labels(text: str, *, language: str) -> list[str]:
    """The labels of the other language than `language` that the text holds."""
    found = []
    for label in report_labels():
        other = label.swedish if language == "en" else label.english
        own = label.english if language == "en" else label.swedish
        pattern = label_pattern(other)
        # A label the report's own language also contains (e.g. "Mentor" in "Mentors") is no sign.
        if pattern and pattern.search(text) and not pattern.search(own):
            found.append(other)
    return found


OTHER = {"en": "sv", "sv": "en"}


@pytest.fixture
def requester(world: World) -> Callable[[str], Client]:
    """A signed-in coordinator or municipality contact whose interface is in a language."""

    def make(persona: str, interface: str) -> Client:
        person = world.people[persona]
        person.preferred_language = interface
        person.save(update_fields=["preferred_language"])
        client = Client()
        client.force_login(person)
        return client

    return make


def _report_url(world: World, kind: str) -> str:
    if kind == "municipality":
        return reverse(
            "reports:municipality_reports", args=[world.municipality_a.pk, world.cohort.pk]
        )
    return reverse("reports:cohort_reports", args=[world.cohort.pk])


def _requested_pdf(client: Client, world: World, kind: str, language: str) -> bytes:
    response = client.post(_report_url(world, kind), {"language": language})
    report = GeneratedReport.objects.get()
    assert response.status_code == 302
    assert report.status == ReportStatus.DONE
    assert report.language == language
    return report.pdf.read()


PERSONAS = {"yearly": "coordinator", "municipality": "contact_a"}
# Texts of each language that both reports print: labels, an average, Håbo's fees, a date.
OWN = {
    "en": [
        "Contents",
        "Pairs formed",
        "programmet? Adept 6 3.83",
        "To pay",
        "68,600",
        "October 2026",
    ],
    "sv": [
        "Innehåll",
        "Mentorpar som bildats",
        "programmet? Adept 6 3,83",
        "Att betala",
        "68 600",
        "oktober 2026",
    ],
}


@pytest.mark.parametrize("kind", ["yearly", "municipality"])
@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_report_holds_no_label_of_the_requesters_other_language(
    world: World, requester: Callable[[str, str], Client], kind: str, language: str
) -> None:
    build_year(world)
    interface = OTHER[language]
    client = requester(PERSONAS[kind], interface)
    with translation.override(interface):
        pdf = _requested_pdf(client, world, kind, language)
    text = report_text(pdf)
    assert foreign_labels(text, language=language) == []
    # The report is really in the language asked for, its numbers and dates included.
    assert [part for part in OWN[language] if part not in text] == []


@pytest.mark.parametrize("language", ["en", "sv"])
def test_a_large_report_made_by_the_worker_is_in_the_language_asked_for(
    world: World,
    requester: Callable[[str, str], Client],
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
    language: str,
) -> None:
    build_year(world)
    for index in range(services.SMALL_REPORT_PAIRS):
        add_pair(
            world,
            world.municipality_b,
            world.municipality_c,
            gender="man",
            birth_year=1960 + index % 30,
        )
    interface = OTHER[language]
    client = requester("coordinator", interface)
    with (
        translation.override(interface),
        django_capture_on_commit_callbacks(execute=False) as queued,
    ):
        client.post(_report_url(world, "yearly"), {"language": language})
    # The worker runs in its own language (the site's default, or whatever it last used).
    with translation.override(interface):
        for callback in queued:
            callback()
    report = GeneratedReport.objects.get()
    assert report.status == ReportStatus.DONE
    text = report_text(report.pdf.read())
    assert foreign_labels(text, language=language) == []


def test_the_report_labels_are_many_and_differ_between_the_languages() -> None:
    # Guards the tests above against a catalogue the filter would empty by mistake.
    labels = [label for label in report_labels() if label_pattern(label.swedish)]
    assert len(labels) >= 80
    assert Label(english="Pairs formed", swedish="Mentorpar som bildats") in labels


def test_figures_collected_in_another_language_are_printed_in_the_one_asked_for(
    world: World,
) -> None:
    build_year(world)
    # Collected in the test's English; printed in Swedish (as the demo's pictures do).
    figures = collect_figures(cohort=world.cohort)
    text = report_text(report_pdf(figures, language="sv").pdf)
    assert foreign_labels(text, language="sv") == []


@pytest.mark.parametrize(("language", "printed"), [("en", "1,234.5 %"), ("sv", "1 234,5 %")])
def test_a_charts_numbers_are_in_the_languages_format(language: str, printed: str) -> None:
    with translation.override(language):
        chart = bar_chart("Share", [Bar("Håbo", 1234.5)], unit=" %")
    assert printed in chart.replace("\xa0", " ")

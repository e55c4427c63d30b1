"""Every text of the project's own Swedish catalogues has a Swedish translation in use.

An empty msgstr shows the English text on a Swedish page, and compilemessages leaves a
fuzzy entry (a guess by makemessages after the English changed) out of the compiled
catalogue altogether, so both mean English where Swedish was meant. The .po files are read
directly: the format is simple enough that the few lines below are all it takes.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    # "msgctxt", "msgid", "msgid_plural", "msgstr" or "msgstr[n]" to the joined text.
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def translations(self) -> dict[str, str]:
        return {key: text for key, text in self.fields.items() if key.startswith("msgstr")}

    def describe(self) -> str:
        context = self.fields.get("msgctxt")
        msgid = self.fields.get("msgid", "")
        return f"line {self.line}: {msgid!r}" + (f" (context {context!r})" if context else "")


def parse_po(text: str) -> list[Entry]:
    """The entries of a .po file, obsolete ones (#~) left out."""
    entries: list[Entry] = []
    current: Entry | None = None
    key = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            current = None
            continue
        if current is None:
            current = Entry(line=number)
            entries.append(current)
        if line.startswith("#,"):
            current.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current.fields[key] += ast.literal_eval(line)
        else:
            key, _, quoted = line.partition(" ")
            current.fields[key] = ast.literal_eval(quoted)
    return [entry for entry in entries if "msgid" in entry.fields]


def swedish_catalogues() -> list[Path]:
    base = Path(settings.BASE_DIR)
    folders = [base / app / "locale" for app in settings.PROJECT_APPS]
    folders += [Path(path) for path in settings.LOCALE_PATHS]
    return [
        folder / "sv" / "LC_MESSAGES" / "django.po"
        for folder in folders
        if (folder / "sv" / "LC_MESSAGES" / "django.po").exists()
    ]


def untranslated(path: Path) -> list[str]:
    found = []
    for entry in parse_po(path.read_text(encoding="utf-8")):
        if entry.fields["msgid"] == "":
            continue  # the header
        if "fuzzy" in entry.flags:
            found.append(f"{path}: {entry.describe()} is fuzzy")
        empty = [key for key, text in entry.translations.items() if not text]
        if empty or not entry.translations:
            found.append(f"{path}: {entry.describe()} has no Swedish in {', '.join(empty)}")
    return found


def test_the_parser_finds_empty_fuzzy_and_plural_entries() -> None:
    po = (
        'msgid ""\nmsgstr ""\n"Language: sv\\n"\n\n'
        '#: a.py:1\nmsgid "Done"\nmsgstr "Klar"\n\n'
        '#: a.py:2\n#, fuzzy, python-format\nmsgid "%(n)s left"\nmsgstr "%(n)s kvar"\n\n'
        'msgctxt "meeting"\nmsgid "Cancelled"\nmsgstr ""\n\n'
        'msgid "one person"\nmsgid_plural "%(count)s people"\n'
        'msgstr[0] "en person"\nmsgstr[1] ""\n\n'
        '#~ msgid "Gone"\n#~ msgstr ""\n'
    )
    entries = parse_po(po)
    assert [entry.fields["msgid"] for entry in entries] == [
        "",
        "Done",
        "%(n)s left",
        "Cancelled",
        "one person",
    ]
    assert entries[0].fields["msgstr"] == "Language: sv\n"
    assert entries[2].flags == {"fuzzy", "python-format"}
    assert entries[3].fields["msgctxt"] == "meeting"
    assert entries[4].translations == {"msgstr[0]": "en person", "msgstr[1]": ""}


def test_the_check_reports_fuzzy_and_empty_but_not_the_header(tmp_path: Path) -> None:
    path = tmp_path / "django.po"
    path.write_text(
        '#, fuzzy\nmsgid ""\nmsgstr ""\n\n'
        'msgid "Done"\nmsgstr "Klar"\n\n'
        '#, fuzzy\nmsgid "Left"\nmsgstr "Kvar"\n\n'
        'msgid "Open"\nmsgstr ""\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "en"\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    found = untranslated(path)
    assert len(found) == 3
    assert "'Left' is fuzzy" in found[0]
    assert "'Open' has no Swedish" in found[1]
    assert "'one' has no Swedish in msgstr[1]" in found[2]


def test_every_swedish_catalogue_of_the_project_is_read() -> None:
    paths = swedish_catalogues()
    assert len(paths) == len(settings.PROJECT_APPS) + len(settings.LOCALE_PATHS)


def test_no_swedish_msgstr_is_empty_or_fuzzy() -> None:
    problems = [problem for path in swedish_catalogues() for problem in untranslated(path)]
    assert not problems, "\n".join(problems)

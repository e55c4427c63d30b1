"""Reading a participant file (CSV from Swedish Excel, or .xlsx) into rows to preview.

Nothing here writes to the database; services/enrolment_import.py saves confirmed rows.
Every cell stays text: nothing is evaluated, and a cell that a spreadsheet would run as
a formula (starting with = + - @) is reported as a problem so the row cannot be saved. In a
number column a signed whole number ("-3") is a number, checked as one, never a formula: it
is stored as the number it is.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import asdict, dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Gender
from common.csvexport import could_run_as_formula
from programmes.models import AgeGroup, age_group_for
from programmes.profiles import ApplicationProfile

IMPORT_MAX_BYTES = 2 * 1024 * 1024
IMPORT_MAX_ROWS = 1000
# An .xlsx larger than this once unpacked, or packed tighter than the ratio, is refused.
XLSX_MAX_UNPACKED_BYTES = 30 * 1024 * 1024
XLSX_MAX_RATIO = 100
LANGUAGES = ("sv", "en")

# Column names accepted in the first row, in Swedish or English, to the field they fill.
HEADERS: dict[str, str] = {
    "name": "full_name",
    "namn": "full_name",
    "full name": "full_name",
    "email": "email",
    "e-mail": "email",
    "e-post": "email",
    "epost": "email",
    "municipality": "municipality",
    "kommun": "municipality",
    "department": "department",
    "förvaltning": "department",
    "title": "title",
    "titel": "title",
    "work area": "work_area",
    "verksamhet": "work_area",
    "verksamhetsområde": "work_area",
    "years as manager": "years_as_manager",
    "år som chef": "years_as_manager",
    "language": "language",
    "språk": "language",
    "school": "school",
    "school or programme": "school",
    "skola": "school",
    "skola eller program": "school",
    # Optional, used only in statistics over the whole group.
    "gender": "gender",
    "kön": "gender",
    "birth year": "birth_year",
    "year of birth": "birth_year",
    "födelseår": "birth_year",
    "age group": "age_group",
    "åldersgrupp": "age_group",
}
REQUIRED = ("full_name", "email", "municipality")
FIELDS = (
    "full_name",
    "email",
    "municipality",
    "department",
    "title",
    "work_area",
    "years_as_manager",
    "language",
    "school",
    "gender",
    "birth_year",
    "age_group",
)
# Each field's name for people: the preview's column heading, used in every message.
COLUMN_LABELS: dict[str, Any] = {
    "full_name": gettext_lazy("Name"),
    "email": gettext_lazy("Email"),
    "municipality": gettext_lazy("Municipality"),
    "department": gettext_lazy("Department"),
    "title": gettext_lazy("Title"),
    "work_area": gettext_lazy("Work area"),
    "years_as_manager": gettext_lazy("Years as manager"),
    "language": gettext_lazy("Language"),
    "school": gettext_lazy("School or programme"),
    "gender": gettext_lazy("Gender"),
    "birth_year": gettext_lazy("Year of birth"),
    "age_group": gettext_lazy("Age group"),
}
# Columns whose value is a number: stored as the number, so a sign is no formula there.
NUMBER_COLUMNS = ("years_as_manager", "birth_year")
SIGNED_WHOLE_NUMBER = re.compile(r"[+-]?\d+")
# Columns that hold answers to the application's questions: kept only where the programme
# asks them of the role (programmes/profiles.py), otherwise ignored.
ASKED_COLUMNS = ("department", "title", "work_area", "years_as_manager", "school")
# How a file may write each gender, in Swedish or English.
GENDER_WORDS: dict[str, str] = {
    "kvinna": Gender.WOMAN,
    "k": Gender.WOMAN,
    "woman": Gender.WOMAN,
    "female": Gender.WOMAN,
    "f": Gender.WOMAN,
    "man": Gender.MAN,
    "m": Gender.MAN,
    "male": Gender.MAN,
    "annan": Gender.OTHER,
    "annat": Gender.OTHER,
    "annan beskrivning": Gender.OTHER,
    "other": Gender.OTHER,
    "other description": Gender.OTHER,
}
OLDEST_BIRTH_YEAR = 1900
# Other ways a file may write an age group (dashes are read as hyphens, spaces dropped).
AGE_GROUP_WORDS: dict[str, str] = {
    "-29": AgeGroup.UNDER_30,
    "<30": AgeGroup.UNDER_30,
    "under30": AgeGroup.UNDER_30,
    "60+": AgeGroup.FROM_60,
}


def age_group_value(text: str) -> str:
    """The AgeGroup value a file's age group stands for (or the text, normalised)."""
    value = text.strip().replace("–", "-").replace(" ", "")
    return AGE_GROUP_WORDS.get(value.lower(), value)


def column_label(column: str) -> str:
    """The column's name as the preview heads it, in the active language."""
    return str(COLUMN_LABELS.get(column, column))


@dataclass
class Problem:
    column: str
    message: str

    @property
    def label(self) -> str:
        return column_label(self.column)


@dataclass
class ParsedRow:
    line: int
    values: dict[str, str]
    problems: list[Problem] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ParsedRow:
        return cls(
            line=int(data["line"]),
            values={k: str(v) for k, v in data["values"].items()},
            problems=[Problem(**p) for p in data.get("problems", [])],
        )


def read_table(*, name: str, content: bytes) -> list[list[str]]:
    """The file's cells as text, header row first; ValidationError when it cannot be read."""
    if len(content) > IMPORT_MAX_BYTES:
        raise ValidationError(
            _("The file is too large; the limit is %(mb)d MB.")
            % {"mb": IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    if not content.strip():
        raise ValidationError(_("The file is empty."))
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return _read_xlsx(content)
    if lower.endswith((".csv", ".txt")):
        return _read_csv(content)
    raise ValidationError(_("Upload a CSV file (.csv) or an Excel file (.xlsx)."))


def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="strict")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        # Swedish Excel saves "CSV (semikolonavgränsad)" in Windows-1252.
        return content.decode("cp1252", errors="replace")


def _read_csv(content: bytes) -> list[list[str]]:
    if b"\x00" in content or content.startswith(b"PK\x03\x04"):
        raise ValidationError(_("The file is not a CSV text file."))
    try:
        text = _decode(content)
    except UnicodeDecodeError:
        raise ValidationError(_("The file is not readable text (UTF-8 or Windows-1252).")) from None
    first_line = text.splitlines()[0] if text.splitlines() else ""
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=";,\t").delimiter
    except csv.Error:
        delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    rows = []
    for index, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)):
        if index > IMPORT_MAX_ROWS:
            raise ValidationError(
                _("The file has more than %(max)d rows.") % {"max": IMPORT_MAX_ROWS}
            )
        rows.append([cell.strip() for cell in row])
    return rows


def _read_xlsx(content: bytes) -> list[list[str]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise ValidationError(_("The file is not an Excel workbook (.xlsx).")) from None
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise ValidationError(_("The file is not an Excel workbook (.xlsx)."))
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries) or 1
    if unpacked > XLSX_MAX_UNPACKED_BYTES or unpacked / packed > XLSX_MAX_RATIO:
        raise ValidationError(_("The workbook unpacks to too much data to be read safely."))
    from openpyxl import load_workbook

    try:
        # Formulas are read as their text (data_only=False), never evaluated.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    # openpyxl raises many kinds of error for a broken file.
    except Exception:
        raise ValidationError(_("The Excel file could not be read.")) from None
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for index, row in enumerate(sheet.iter_rows(values_only=True)):
            if index > IMPORT_MAX_ROWS:
                raise ValidationError(
                    _("The file has more than %(max)d rows.") % {"max": IMPORT_MAX_ROWS}
                )
            rows.append(["" if cell is None else _cell_text(cell) for cell in row])
        return rows
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_rows(
    table: list[list[str]],
    *,
    municipalities: dict[str, str],
    work_areas: list[str],
    profile: ApplicationProfile | None = None,
    year: int | None = None,
) -> list[ParsedRow]:
    """Checks each row; ``municipalities`` maps lower-cased names and codes to the name."""
    table = [row for row in table if any(cell.strip() for cell in row)]
    if not table:
        raise ValidationError(_("The file has no rows."))
    header = [HEADERS.get(cell.strip().lower().lstrip("\ufeff"), "") for cell in table[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ValidationError(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(column_label(name) for name in missing)}
        )
    if len(table) == 1:
        raise ValidationError(_("The file has column names but no people."))
    parsed = []
    seen_emails: dict[str, int] = {}
    for offset, cells in enumerate(table[1:], start=2):
        values = dict.fromkeys(FIELDS, "")
        for column, cell in zip(header, cells, strict=False):
            if column:
                values[column] = cell.strip()
        row = ParsedRow(line=offset, values=values)
        check_row(
            row, municipalities=municipalities, work_areas=work_areas, profile=profile, year=year
        )
        email = values["email"].lower()
        if email and email in seen_emails:
            row.problems.append(
                Problem("email", _("Also on row %(line)d.") % {"line": seen_emails[email]})
            )
        seen_emails.setdefault(email, offset)
        parsed.append(row)
    return parsed


class ImportRowForm(forms.Form):
    """One row of a participant file, checked like any form: its errors become the row's
    problems, shown in the preview, and a row with problems is never saved."""

    full_name = forms.CharField(
        max_length=200, error_messages={"required": gettext_lazy("Missing.")}
    )
    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": gettext_lazy("Missing."),
            "invalid": gettext_lazy("Not a valid email address."),
        },
    )
    municipality = forms.CharField(error_messages={"required": gettext_lazy("Missing.")})
    department = forms.CharField(max_length=200, required=False)
    title = forms.CharField(max_length=200, required=False)
    work_area = forms.CharField(max_length=200, required=False)
    years_as_manager = forms.IntegerField(
        min_value=0,
        max_value=60,
        required=False,
        error_messages={
            "invalid": gettext_lazy("Give a whole number of years."),
            "min_value": gettext_lazy("Not a valid number of years: give 0 to 60."),
            "max_value": gettext_lazy("Not a valid number of years: give 0 to 60."),
        },
    )
    language = forms.ChoiceField(
        choices=[(code, code) for code in LANGUAGES],
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Write sv or en.")},
    )
    school = forms.CharField(max_length=200, required=False)
    gender = forms.CharField(required=False)
    birth_year = forms.IntegerField(
        min_value=OLDEST_BIRTH_YEAR,
        required=False,
        error_messages={
            "invalid": gettext_lazy("Give a year of birth with four digits, e.g. 1980."),
            "min_value": gettext_lazy("Give a year of birth with four digits, e.g. 1980."),
        },
    )
    age_group = forms.CharField(required=False)

    def __init__(
        self,
        values: dict[str, str],
        *,
        municipalities: dict[str, str],
        work_areas: list[str],
        profile: ApplicationProfile | None = None,
        year: int | None = None,
    ) -> None:
        data = dict(values)
        data["language"] = (data.get("language") or "sv").lower()
        if profile is not None:
            # A column the programme does not ask of the role is ignored.
            for name in ASKED_COLUMNS:
                if not profile.asks(name):
                    data[name] = ""
        super().__init__(data=data)
        self.municipalities = municipalities
        self.work_areas = work_areas
        self.year = year
        for name in profile.required_in_import if profile is not None else ():
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = gettext_lazy("Missing.")

    def clean_email(self) -> str:
        return self.cleaned_data["email"].lower()

    def clean_municipality(self) -> str:
        found = self.municipalities.get(self.cleaned_data["municipality"].lower())
        if found is None:
            raise ValidationError(_("Not a municipality of the programme's consortium."))
        return found

    def clean_work_area(self) -> str:
        value = self.cleaned_data["work_area"]
        if value and self.work_areas and value not in self.work_areas:
            raise ValidationError(_("Not in the programme's list of work areas."))
        return value

    def clean_years_as_manager(self) -> int:
        return self.cleaned_data["years_as_manager"] or 0

    def clean_gender(self) -> str:
        value = self.cleaned_data["gender"].strip().lower()
        if not value:
            return ""
        if value not in GENDER_WORDS:
            raise ValidationError(
                _("Write kvinna, man or annan (woman, man or other), or nothing.")
            )
        return str(GENDER_WORDS[value])

    def clean_birth_year(self) -> int | None:
        value = self.cleaned_data["birth_year"]
        if value is not None and self.year is not None and value > self.year:
            raise ValidationError(_("Give a year of birth with four digits, e.g. 1980."))
        return value

    def clean_age_group(self) -> str:
        # Written with a hyphen or a dash, "60+" for the oldest: stored as AgeGroup's value.
        value = age_group_value(self.cleaned_data["age_group"])
        if value and value not in AgeGroup.values:
            raise ValidationError(
                _("Write one of the age groups %(groups)s, or nothing.")
                % {"groups": ", ".join(str(label) for label in AgeGroup.labels)}
            )
        return value

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        birth_year, group = cleaned.get("birth_year"), cleaned.get("age_group")
        if birth_year and self.year is not None:
            derived = age_group_for(birth_year=birth_year, year=self.year)
            if group and group != derived:
                self.add_error(
                    "age_group", _("Does not agree with the year of birth; give one of them.")
                )
            else:
                # Only the age group is kept: the statistics need no more than that.
                cleaned["age_group"] = derived
                cleaned["birth_year"] = ""
        return cleaned

    def formula_problems(self) -> list[Problem]:
        return [
            Problem(
                column,
                _("Starts with “%(char)s”, which a spreadsheet could run as a formula.")
                % {"char": value[0]},
            )
            for column, value in self.data.items()
            if column in FIELDS
            and could_run_as_formula(value)
            and not (column in NUMBER_COLUMNS and SIGNED_WHOLE_NUMBER.fullmatch(value))
            # An age group is stored as one of its fixed values, never as the text: "-29" is
            # the youngest group, not a formula.
            and not (column == "age_group" and age_group_value(value) in AgeGroup.values)
        ]


def check_row(
    row: ParsedRow,
    *,
    municipalities: dict[str, str],
    work_areas: list[str],
    profile: ApplicationProfile | None = None,
    year: int | None = None,
) -> None:
    """Adds the row's problems; the values of a clean row are stored in their checked form.

    With ``profile``, columns the programme does not ask of the role are ignored and the
    ones it requires in a list are checked; ``year`` turns a year of birth into an age group.
    """
    for name in FIELDS:
        row.values.setdefault(name, "")
    form = ImportRowForm(
        row.values,
        municipalities=municipalities,
        work_areas=work_areas,
        profile=profile,
        year=year,
    )
    row.problems += form.formula_problems()
    if form.is_valid():
        row.values.update({name: _text(value) for name, value in form.cleaned_data.items()})
        return
    for column in FIELDS:
        for message in form.errors.get(column, []):
            row.problems.append(Problem(column, str(message)))
        if column not in form.errors and column in form.cleaned_data:
            row.values[column] = _text(form.cleaned_data[column])


def _text(value: object) -> str:
    return "" if value is None else str(value)

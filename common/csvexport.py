"""CSV that opens correctly in Swedish Excel: UTF-8 with BOM, semicolons, no formulas.

Excel in Swedish uses ";" as list separator and "," as decimal separator, and
reads UTF-8 only with a byte-order mark.

The one CSV-safety rule of the project: a cell that starts with = + - @ (or a tab,
carriage return or line feed) is run as a formula by a spreadsheet
(:func:`could_run_as_formula`). Exports prefix such text with an apostrophe (OWASP's
advice against CSV injection); the participant import refuses such a cell
(programmes/imports.py).
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
Cell = str | int | Decimal | float | datetime.date | datetime.datetime | bool | None


def could_run_as_formula(text: str) -> bool:
    """Whether a spreadsheet would run this cell as a formula."""
    return text.startswith(FORMULA_STARTS)


def csv_cell(value: Cell) -> str:
    """One cell as Swedish Excel reads it; numbers stay numbers, text can never be a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal | float):
        return f"{Decimal(value):.2f}".replace(".", ",")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if could_run_as_formula(text):
        return "'" + text
    return text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([csv_cell(str(name)) for name in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Cell]]
) -> HttpResponse:
    response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

"""Tables as files to download: CSV for Swedish Excel (common/csvexport.py) or an Excel workbook.

Both keep the project's one CSV-safety rule: text that a spreadsheet would run as a formula
is written with an apostrophe in front (``csv_cell``), so a name like "=HYPERLINK(...)" stays
text in either file.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

from common.csvexport import Cell, csv_cell, csv_response

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What each kind of file is called where a page offers it.
FORMATS = ("csv", "xlsx")


def xlsx_value(value: Cell) -> Cell:
    """A cell as a workbook keeps it: numbers and dates typed, text never a formula."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        # Excel has no time zones: the local time, as the pages show it.
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, bool | int | float | Decimal | datetime.date):
        return value
    return csv_cell(value)


def xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([csv_cell(str(name)) for name in header])
    for row in rows:
        sheet.append([xlsx_value(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def spreadsheet_response(
    kind: str, filename: str, header: Sequence[str], rows: Iterable[Sequence[Cell]]
) -> HttpResponse:
    """``filename`` without its ending; ``kind`` is "csv" or "xlsx"."""
    if kind == "csv":
        return csv_response(f"{filename}.csv", header, rows)
    response = HttpResponse(xlsx_bytes(header, rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response

from __future__ import annotations

import datetime
from decimal import Decimal

from django import template
from django.template.defaultfilters import yesno
from django.utils.formats import date_format, number_format

register = template.Library()


@register.filter
def cell(value: object) -> str:
    """A table cell in the current language's number and date format; a dash for no value."""
    return format_cell(value)


def format_cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(yesno(value))
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    if isinstance(value, float):
        if value.is_integer():
            return number_format(int(value), force_grouping=True)
        return number_format(value, 1 if abs(value) >= 10 else 2, force_grouping=True)
    return str(value)

"""Fees per municipality."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from fees.selectors import fees_per_municipality

from ..tables import (
    Cell,
    Section,
    Table,
)
from .scope import Scope


def fees_section(scope: Scope) -> Section:
    per_municipality = fees_per_municipality(scope.cohort, municipality=scope.municipality)
    rows: list[list[Cell]] = [list(fees.as_row()) for fees in per_municipality]
    if rows:
        rows.append(
            [
                pgettext("report count", "Total"),
                sum(fees.lines for fees in per_municipality),
                sum(fees.amount for fees in per_municipality),
                sum(fees.reduction for fees in per_municipality),
                sum(fees.total for fees in per_municipality),
            ]
        )
    return Section(
        "fees",
        _("Fees"),
        [
            Table(
                key="fees",
                title=_("Fees per municipality (SEK)"),
                columns=[_("Municipality"), _("Lines"), _("Fees"), _("Reductions"), _("To pay")],
                rows=rows,
            )
        ],
    )

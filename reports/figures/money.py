"""Fees per municipality."""

from __future__ import annotations

from django.utils.translation import gettext as _

from fees.selectors import fees_per_municipality

from ..tables import (
    Section,
    Table,
)
from .scope import Scope


def fees_section(scope: Scope) -> Section:
    rows = [
        fees.as_row()
        for fees in fees_per_municipality(scope.cohort, municipality=scope.municipality)
    ]
    if rows:
        rows.append(
            [
                _("Total"),
                sum(r[1] for r in rows),
                sum(r[2] for r in rows),
                sum(r[3] for r in rows),
                sum(r[4] for r in rows),
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

"""Fees per municipality."""

from __future__ import annotations

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from programmes.models import (
    FeeLine,
)

from ..tables import (
    Section,
    Table,
)
from .scope import Scope


def fees_rows(lines: QuerySet[FeeLine]) -> list[list]:
    rows = (
        lines.values("basis__municipality__name", "basis__status")
        .annotate(lines=Count("pk"), amount=Sum("amount"), reduction=Sum("reduction"))
        .order_by("basis__municipality__name")
    )
    return [
        [
            row["basis__municipality__name"],
            row["lines"],
            row["amount"],
            row["reduction"],
            row["amount"] - row["reduction"],
        ]
        for row in rows
    ]


def fees_section(scope: Scope) -> Section:
    lines = FeeLine.objects.filter(basis__cohort=scope.cohort)
    if scope.municipality is not None:
        lines = lines.filter(basis__municipality=scope.municipality)
    rows = fees_rows(lines)
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

"""Query expressions that several apps' selectors share."""

from __future__ import annotations

from typing import Any

from django.db.models import Func, IntegerField, QuerySet, Subquery


def count_of(rows: QuerySet[Any]) -> Subquery:
    """How many ``rows`` there are, as a subquery of an outer query that ``rows`` refers to
    with ``OuterRef``: a count per row without joining and grouping the outer rows."""
    return Subquery(
        rows.order_by().annotate(n=Func("pk", function="COUNT")).values("n"),
        output_field=IntegerField(),
    )

from __future__ import annotations

from decimal import Decimal

from django import template

from fees.money import format_sek

register = template.Library()


@register.filter
def sek(amount: Decimal | int | None) -> str:
    """{{ basis.total|sek }} → 9 800,00 kr (with non-breaking spaces)."""
    return format_sek(amount)

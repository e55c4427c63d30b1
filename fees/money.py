"""SEK amounts the Swedish way, whatever the page's language: "9 800,00 kr"."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency

SWEDISH_LOCALE = "sv_SE"


def format_sek(amount: Decimal | int | None) -> str:
    return format_currency(Decimal(amount or 0), "SEK", locale=SWEDISH_LOCALE)

"""Prints the current TOTP code of the demo staff accounts (their secret is fixed)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Prints the current six-digit code for the demo staff accounts' fixed TOTP secret."

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "PRODUCTION", not settings.DEBUG):
            raise CommandError("The demo TOTP helper only runs with DEBUG=true.")
        from demo.consortium import current_totp_code

        self.stdout.write(current_totp_code())

"""Builds the demo consortium from the demo app's modules, in a fixed order.

Each module has a ``build(*, stdout)``: the consortium and its people, applications,
a running year (events, documents, fees), pairs with their year, a matching, reports.
Every build finds or creates its rows by natural keys, so running it twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from demo import (
    consortium,
    enrolment,
    for_matching,
    for_pairs,
    for_reports,
    formats,
    running,
)


def demo_modules() -> Iterator[ModuleType]:
    """The builders, each on the rows of those before it: people and programmes first."""
    yield from (consortium, enrolment, running, for_pairs, formats, for_matching, for_reports)


class Command(BaseCommand):
    help = "Loads the demo consortium (idempotent) and prints one demo login per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load the demo even with DEBUG=false (its accounts share a known password).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "PRODUCTION", not settings.DEBUG) and not options["allow_production"]:
            raise CommandError(
                "DEBUG is false: the demo accounts share a published password, so the demo is "
                "not loaded into a production database. Pass --allow-production to insist."
            )
        with transaction.atomic():
            for module in demo_modules():
                build = getattr(module, "build", None)
                if build is None:
                    raise CommandError(f"{module.__name__} has no build(*, stdout) function.")
                build(stdout=self.stdout)
        self._print_logins()

    def _print_logins(self) -> None:
        from demo.consortium import DEMO_PASSWORD, DEMO_TOTP_SECRET, LOGINS

        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD})"))
        width = max(len(login.role) for login in LOGINS)
        for login in LOGINS:
            mark = "  + TOTP" if login.totp else ""
            self.stdout.write(f"  {login.role:<{width}}  {login.email:<38} {login.name}{mark}")
        self.stdout.write(
            "Staff accounts (+ TOTP) ask for a code after the password. Their TOTP secret is "
            f"fixed: {DEMO_TOTP_SECRET}\n"
            "Add it to an authenticator app, or print the current code with: "
            "python manage.py demo_totp"
        )

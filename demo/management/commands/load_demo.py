"""Builds the demo consortium: every project app's demo*.py modules, in a fixed order.

Each app in INSTALLED_APPS that lives in this repository may hold modules named
``demo.py``, ``demo_<subject>.py``, ...; this command imports them in INSTALLED_APPS
order, then file-name order, and calls ``build(*, stdout)``. Every build finds or
creates its rows by natural keys, so running the command twice changes nothing.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction


def demo_modules() -> Iterator[ModuleType]:
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if base not in path.parents or ".venv" in path.parts:
            continue
        names = sorted(
            info.name
            for info in pkgutil.iter_modules([str(path)])
            if info.name == "demo" or info.name.startswith("demo_")
        )
        for name in names:
            yield importlib.import_module(f"{config.name}.{name}")


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

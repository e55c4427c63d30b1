"""Runs every app's due work once, in this process (what beat or `make run` do on a timer)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from common.sweeps import run_sweeps_once


class Command(BaseCommand):
    help = "Runs every app's sweep once in this process and prints what each did."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(json.dumps(run_sweeps_once(), indent=2, default=str))

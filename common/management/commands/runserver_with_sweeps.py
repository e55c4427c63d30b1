"""Django's development server, plus every app's sweep on a timer in a background thread.

The embedded default (``make run``) has no broker and no beat: this command stands in
for beat by calling each project app's ``sweep`` task in-process every
SWEEP_INTERVAL_SECONDS, so reminders and nudges are still delivered.
"""

from __future__ import annotations

import importlib
import logging
import threading
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.management import get_commands
from django.core.management.base import CommandParser
from django.db import close_old_connections

from common.sweeps import run_sweeps_once, sweep_tasks

logger = logging.getLogger(__name__)

# The runserver that INSTALLED_APPS chose (whitenoise's, staticfiles' or Django's own);
# each is Django's own or a subclass of it, which is what the type checker is told.
if TYPE_CHECKING:
    from django.core.management.commands.runserver import Command as RunserverCommand
else:
    RunserverCommand = importlib.import_module(
        f"{get_commands()['runserver']}.management.commands.runserver"
    ).Command


class SweepThread(threading.Thread):
    def __init__(self, interval: float) -> None:
        super().__init__(name="sweeps", daemon=True)
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            # This thread's own database connection: drop it when stale or broken.
            close_old_connections()
            results = run_sweeps_once()
            close_old_connections()
            logger.info("Sweeps ran: %s", results)


class Command(RunserverCommand):
    help = "Starts the development server and runs every app's sweep on a timer."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--sweep-interval",
            type=float,
            default=None,
            help="Seconds between sweeps (default: SWEEP_INTERVAL_SECONDS).",
        )

    def inner_run(self, *args: Any, **options: Any) -> None:
        # With the autoreloader this runs in the serving child process only.
        interval = options.get("sweep_interval") or settings.SWEEP_INTERVAL_SECONDS
        names = ", ".join(task.name for task in sweep_tasks()) or "none"
        self.stdout.write(f"Sweeps every {interval:g} s: {names}")
        SweepThread(float(interval)).start()
        super().inner_run(*args, **options)

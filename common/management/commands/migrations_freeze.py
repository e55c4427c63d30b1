"""Adds the new migration files to migrations.lock, the append-only schema history."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from common.migration_history import LOCK_NAME, freeze


class Command(BaseCommand):
    help = (
        "Appends every migration file not yet in migrations.lock, with its SHA-256, as the "
        "next set. Lines already there are never changed."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        added = freeze()
        if not added:
            self.stdout.write(f"{LOCK_NAME}: every migration is already listed.")
            return
        for path in added:
            self.stdout.write(f"added {path}")

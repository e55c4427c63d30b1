"""Writes every stored file to a gzipped tar (ops/backup.sh, when files live in a bucket)."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from typing import Any

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandParser

from common.media_archive import media_export, stored_names


class Command(BaseCommand):
    help = (
        "Writes every uploaded document and produced report of the configured storage (the "
        "media folder or the S3 bucket) into a gzipped tar on standard output or --output."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default="-", help="The archive's file; - is stdout.")
        parser.add_argument(
            "--list", action="store_true", help="Print the stored files' names instead."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for name in stored_names(default_storage):
                self.stdout.write(name)
            return
        path = options["output"]
        target = nullcontext(sys.stdout.buffer) if path == "-" else open(path, "wb")  # noqa: SIM115
        with target as out:
            count = media_export(storage=default_storage, out=out)
            out.flush()
        # Standard output may be the archive itself: the count goes to standard error.
        self.stderr.write(f"{count} files exported", style_func=lambda text: text)

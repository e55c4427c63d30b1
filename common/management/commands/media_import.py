"""Writes the files of a gzipped tar into the storage (ops/restore.sh, into a bucket)."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from typing import Any

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser

from common.media_archive import StorageNotEmpty, media_import


class Command(BaseCommand):
    help = (
        "Writes every file of a gzipped tar (made by media_export, or a tar of the media "
        "folder) into the configured storage under its own name. Refuses a storage that "
        "holds files unless --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="The archive's file; - is stdin.")
        parser.add_argument(
            "--force", action="store_true", help="Write over a storage that holds files."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["archive"]
        source = nullcontext(sys.stdin.buffer) if path == "-" else open(path, "rb")  # noqa: SIM115
        try:
            with source as archive:
                result = media_import(
                    storage=default_storage, archive=archive, force=options["force"]
                )
        except StorageNotEmpty as error:
            raise CommandError(f"{error} Restore into an empty one, or pass --force.") from None
        self.stdout.write(f"{result.written} files imported ({result.replaced} replaced)")

"""Every stored file (uploaded documents, produced reports) to and from one gzipped tar.

Through Django's storage API, so the same archive moves files between the media folder and
an S3-compatible bucket: ops/backup.sh and ops/restore.sh use it when STORAGE_S3_BUCKET is
set (a plain tar of MEDIA_ROOT otherwise), and the archive a folder's tar makes reads back
into a bucket, and the other way round.
"""

from __future__ import annotations

import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.storage import Storage

# Files read back from an archive wait in memory up to this size, in a temporary file above it.
SPOOL_BYTES = 5 * 1024 * 1024


def stored_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file's name in the storage, folder by folder in name order."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        # A media folder that was never made holds nothing.
        return
    prefix = f"{folder}/" if folder else ""
    for name in sorted(files):
        yield prefix + name
    for sub in sorted(folders):
        yield from stored_names(storage, prefix + sub)


def storage_is_empty(storage: Storage) -> bool:
    return next(stored_names(storage), None) is None


def media_export(*, storage: Storage, out: BinaryIO) -> int:
    """Writes every stored file into a gzipped tar on ``out``; returns how many."""
    count = 0
    with tarfile.open(fileobj=out, mode="w|gz") as archive:
        for name in stored_names(storage):
            info = tarfile.TarInfo(name)
            info.size = storage.size(name)
            info.mtime = int(storage.get_modified_time(name).timestamp())
            info.mode = 0o600
            with storage.open(name, "rb") as handle:
                archive.addfile(info, handle)
            count += 1
    return count


def archive_member_name(member: tarfile.TarInfo) -> str | None:
    """The storage name of a regular file in the archive, or None for folders and links.

    A tar of the media folder names its files ``./resources/…``; a name that leads out of the
    storage (absolute, or through ``..``) is refused.
    """
    if not member.isfile():
        return None
    parts = [part for part in member.name.split("/") if part not in ("", ".")]
    if member.name.startswith("/") or ".." in parts or not parts:
        raise SuspiciousFileOperation(
            f"The archive names a file outside the storage: {member.name}"
        )
    return "/".join(parts)


class StorageNotEmpty(Exception):
    """The storage to restore into already holds files (and replacing them was not asked)."""


@dataclass(frozen=True)
class ImportResult:
    written: int
    replaced: int


def media_import(*, storage: Storage, archive: BinaryIO, force: bool = False) -> ImportResult:
    """Writes every file of a gzipped tar into the storage under its own name.

    Refuses a storage that holds files unless ``force``; then a file of the same name is
    replaced by the archive's.
    """
    if not force and not storage_is_empty(storage):
        raise StorageNotEmpty("The storage already holds files.")
    written = replaced = 0
    with tarfile.open(fileobj=archive, mode="r|gz") as tar:
        for member in tar:
            name = archive_member_name(member)
            source = tar.extractfile(member) if name else None
            if name is None or source is None:
                continue
            if storage.exists(name):
                storage.delete(name)
                replaced += 1
            # The storage may seek in what it saves; a tar read as a stream cannot.
            with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
                while chunk := source.read(1024 * 1024):
                    spool.write(chunk)
                spool.seek(0)
                saved = storage.save(name, File(spool, name=name))
            if saved != name:
                raise SuspiciousFileOperation(f"{name} was stored as {saved}")
            written += 1
    return ImportResult(written=written, replaced=replaced)

"""Every stored file into one archive and back (ops/backup.sh and ops/restore.sh with a bucket).

Through the storage API, so these run on the media folder by default and on the bucket in
.ci/run's S3 stage.
"""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from common.media_archive import StorageNotEmpty, media_export, media_import, stored_names
from tests.storage import s3_configured, s3_location_fresh

BOOK = b"%PDF-1.7 the mentor book"
REPORT = b"%PDF-1.7 the yearly report"


def _store(files: dict[str, bytes]) -> None:
    for name, data in files.items():
        assert default_storage.save(name, ContentFile(data)) == name


def _stored() -> dict[str, bytes]:
    found = {}
    for name in stored_names(default_storage):
        with default_storage.open(name) as handle:
            found[name] = handle.read()
    return found


def _empty_storage(settings, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """Points the site at another, empty storage: a new prefix in the bucket, or a new folder."""
    if s3_configured():
        settings.STORAGES = s3_location_fresh(settings.STORAGES)
    else:
        settings.MEDIA_ROOT = folder


def _archive(members: dict[str, bytes | None]) -> io.BytesIO:
    """A gzipped tar as `tar -C media -czf - .` makes it; None is a folder."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            if data is None:
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            else:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    buffer.seek(0)
    return buffer


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


def test_every_stored_file_goes_into_the_archive_and_back_into_an_empty_storage(
    settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    files = {"resources/abc.pdf": BOOK, "reports/2026/programme-en.pdf": REPORT}
    _store(files)
    archive = io.BytesIO()
    assert media_export(storage=default_storage, out=archive) == 2
    archive.seek(0)

    _empty_storage(settings, tmp_path / "restored")
    assert _stored() == {}
    result = media_import(storage=default_storage, archive=archive)
    assert (result.written, result.replaced) == (2, 0)
    assert _stored() == files


def test_a_tar_of_the_media_folder_reads_into_the_storage_under_the_same_names() -> None:
    archive = _archive({".": None, "./resources": None, "./resources/abc.pdf": BOOK})
    media_import(storage=default_storage, archive=archive)
    assert _stored() == {"resources/abc.pdf": BOOK}


def test_a_storage_that_holds_files_is_written_over_only_when_forced() -> None:
    _store({"resources/abc.pdf": BOOK})
    with pytest.raises(StorageNotEmpty):
        media_import(storage=default_storage, archive=_archive({"resources/abc.pdf": REPORT}))
    assert _stored() == {"resources/abc.pdf": BOOK}
    forced = media_import(
        storage=default_storage, archive=_archive({"resources/abc.pdf": REPORT}), force=True
    )
    assert forced.replaced == 1
    assert _stored() == {"resources/abc.pdf": REPORT}


def test_an_archive_that_names_a_file_outside_the_storage_is_refused() -> None:
    with pytest.raises(SuspiciousFileOperation):
        media_import(storage=default_storage, archive=_archive({"../settings.py": b"x"}))
    assert _stored() == {}


def test_the_commands_export_list_and_import_the_stored_files(settings, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    _store({"resources/abc.pdf": BOOK, "reports/2026/programme-sv.pdf": REPORT})
    call_command("media_export", "--list")
    assert capsys.readouterr().out.split() == [
        "reports/2026/programme-sv.pdf",
        "resources/abc.pdf",
    ]
    archive = tmp_path / "media.tar.gz"
    call_command("media_export", "--output", str(archive))
    assert "2 files exported" in capsys.readouterr().err

    with pytest.raises(CommandError, match="pass --force"):
        call_command("media_import", str(archive))
    _empty_storage(settings, tmp_path / "restored")
    call_command("media_import", str(archive))
    assert "2 files imported (0 replaced)" in capsys.readouterr().out
    assert _stored()["resources/abc.pdf"] == BOOK

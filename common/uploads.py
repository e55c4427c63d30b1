"""Checks for uploaded files: size, type sniffed from the content (never the name), safe names.

An upload is accepted only when its first bytes say it is a PDF, an Office or
OpenDocument file, or an image, and it is stored under a random name with the
extension of the type found, so neither the name nor the claimed type chosen by
the uploader ever reaches the disk or the browser.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

SNIFF_BYTES = 8


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    label: str


PDF = FileType("pdf", "application/pdf", "PDF")
PNG = FileType("png", "image/png", "PNG")
JPEG = FileType("jpg", "image/jpeg", "JPEG")
GIF = FileType("gif", "image/gif", "GIF")
WEBP = FileType("webp", "image/webp", "WebP")
DOCX = FileType(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"
)
XLSX = FileType(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"
)
PPTX = FileType(
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "PowerPoint",
)
ODT = FileType("odt", "application/vnd.oasis.opendocument.text", "OpenDocument")
ODS = FileType("ods", "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument")
ODP = FileType("odp", "application/vnd.oasis.opendocument.presentation", "OpenDocument")
# Word/Excel/PowerPoint 97–2003 share one container format; the name cannot be trusted to tell.
OLE_OFFICE = FileType("doc", "application/msword", "Office 97–2003")

OOXML_PARTS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
ODF_TYPES = {t.content_type: t for t in (ODT, ODS, ODP)}


def sniff(data: bytes) -> FileType | None:
    """The file's real type from its content, or None when it is not one we accept."""
    head = data[:16]
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OLE_OFFICE
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    return None


def _sniff_zip(data: bytes) -> FileType | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        if "mimetype" in names:
            return ODF_TYPES.get(archive.read("mimetype").decode("ascii", "replace").strip())
        if "[Content_Types].xml" in names:
            for prefix, file_type in OOXML_PARTS.items():
                if any(name.startswith(prefix) for name in names):
                    return file_type
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return None


@dataclass(frozen=True)
class CheckedUpload:
    data: bytes
    file_type: FileType
    stored_name: str
    original_name: str


def upload_check(upload: UploadedFile) -> CheckedUpload:
    """Reads and checks an upload; raises ValidationError on a wrong type or a too large file."""
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s). The largest allowed is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("The file is too large. The largest allowed is %(limit)s.")
            % {"limit": filesizeformat(limit)},
            code="too_large",
        )
    file_type = sniff(data)
    if file_type is None:
        raise ValidationError(
            _(
                "That kind of file cannot be uploaded. Upload a PDF, a Word, Excel or PowerPoint "
                "document, or an image (PNG, JPEG, GIF, WebP)."
            ),
            code="wrong_type",
        )
    return CheckedUpload(
        data=data,
        file_type=file_type,
        stored_name=f"{uuid.uuid4().hex}.{file_type.extension}",
        original_name=safe_download_name(upload.name or "", file_type),
    )


def safe_download_name(name: str, file_type: FileType) -> str:
    """The uploader's name without paths or odd characters, with the extension of the real type."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    try:
        stem = get_valid_filename(base)
    except SuspiciousFileOperation:
        stem = "file"
    return f"{stem[:100]}.{file_type.extension}"

"""The static files a PDF may use, found from their URLs on the PDF's base address.

Shared by the PDF renderer (common.pdf) and its fetcher (common.pdf_fetcher), which
imports WeasyPrint and is therefore loaded only when a PDF is made.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

# Templates link stylesheets as {% static %} paths; they resolve against this base.
PDF_BASE_URL = "https://pdf.invalid/"


def static_path_for(url: str) -> Path | None:
    """The file behind a static URL on the PDF base, or None for anything else."""
    parts = urlsplit(url)
    base = urlsplit(PDF_BASE_URL)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        return None
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    path = unquote(parts.path)
    if not path.startswith(prefix):
        return None
    relative = posixpath.normpath(path[len(prefix) :])
    if relative.startswith(("..", "/")) or "\\" in relative or "\x00" in relative:
        return None
    found = finders.find(relative)
    if isinstance(found, list):
        found = found[0] if found else None
    if found is None and settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT) / relative
        found = str(candidate) if candidate.is_file() else None
    return Path(found) if found else None

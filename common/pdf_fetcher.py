"""The only thing WeasyPrint may fetch: the project's static files (see common/pdf.py)."""

from __future__ import annotations

import mimetypes
from typing import Any

from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

from common.static_urls import static_path_for


class StaticOnlyFetcher(URLFetcher):
    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        path = static_path_for(url)
        if path is None:
            raise URLFetchingError(f"Refused to fetch {url!r}: only static files are served.")
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type})

"""The PDF renderer fetches the project's static files and nothing else."""

from __future__ import annotations

import pytest
from weasyprint.urls import URLFetchingError

from common.pdf import PDF_BASE_URL, pdf_from_html
from common.pdf_fetcher import StaticOnlyFetcher
from common.static_urls import static_path_for


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/static/css/app.css",
        PDF_BASE_URL + "static/../../../etc/passwd",
        PDF_BASE_URL + "media/resources/secret.pdf",
        "data:text/plain,hello",
    ],
)
def test_the_fetcher_refuses_anything_but_static_files(url: str) -> None:
    with pytest.raises(URLFetchingError):
        StaticOnlyFetcher().fetch(url)


def test_the_fetcher_serves_the_projects_stylesheet() -> None:
    response = StaticOnlyFetcher().fetch(PDF_BASE_URL + "static/css/invoice_pdf.css")
    assert b"@page" in response.read()
    assert static_path_for(PDF_BASE_URL + "static/css/invoice_pdf.css") is not None


def test_a_pdf_with_a_local_file_or_metadata_link_renders_without_them(caplog) -> None:
    html = (
        '<img src="file:///etc/passwd"><img src="http://169.254.169.254/">'
        '<link rel="stylesheet" href="file:///etc/passwd"><p>Fakturaunderlag</p>'
    )
    pdf = pdf_from_html(html)
    assert pdf.startswith(b"%PDF-")
    assert b"root:x:0:0" not in pdf

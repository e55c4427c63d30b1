"""PDFs from HTML templates with WeasyPrint, fetching nothing but the project's static files.

The fetcher (``common.pdf_fetcher``) refuses every other URL (file://, http://,
data: ...), so a name or note that ends up in a template cannot make the server read
its own files or call an internal address such as the cloud metadata service.

WeasyPrint is imported only when a PDF is made: on a machine without the Pango
libraries it needs, every other page still works and only PDF downloads fail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from common.static_urls import PDF_BASE_URL

if TYPE_CHECKING:
    from pydyf import PDF
    from weasyprint.document import Document


def pdf_document(html: str) -> Document:
    """The laid-out document, for callers that need its pages or a PDF variant."""
    from weasyprint import HTML

    from common.pdf_fetcher import StaticOnlyFetcher

    return HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=StaticOnlyFetcher()).render()


# PDF/UA-1: a tagged structure, the document's language and title, for screen readers.
PDF_VARIANT = "pdf/ua-1"
# A <th>'s scope attribute as the /Scope of its tag: a column's header unless it heads a row.
TABLE_HEADER_SCOPES = {"row": "/Row", "col": "/Column", "colgroup": "/Column"}


def scope_table_headers(document: Document, pdf: PDF) -> None:
    """Gives every table header cell of the tagged PDF the /Scope of its ``scope`` attribute.

    WeasyPrint (70) ties data cells to their headers with /Headers but writes no /Scope,
    which PDF/UA checkers ask for and some screen readers need to announce a header. It keeps
    each cell's structure element on the cell's box; this runs as write_pdf's finisher, after
    the structure tree is built and before it is written.
    """
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "mark", None)
            if getattr(box, "element_tag", None) == "th" and element is not None:
                scope = TABLE_HEADER_SCOPES.get(box.element.get("scope", ""), "/Column")
                element["A"]["Scope"] = scope


def write_tagged_pdf(document: Document) -> bytes:
    return document.write_pdf(pdf_variant=PDF_VARIANT, finisher=scope_table_headers)


def pdf_from_html(html: str) -> bytes:
    return write_tagged_pdf(pdf_document(html))


def pdf_response(
    template: str,
    context: dict[str, Any],
    *,
    filename: str,
    request: HttpRequest | None = None,
) -> HttpResponse:
    html = render_to_string(template, context, request=request)
    response = HttpResponse(pdf_from_html(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

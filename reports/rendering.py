"""Turns collected figures into the printed report: HTML for WeasyPrint, then a tagged A4 PDF."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone, translation

from common.pdf import pdf_document, write_tagged_pdf
from common.small_groups import SMALLEST_GROUP

from .figures import collect_figures
from .tables import ReportFigures

# WeasyPrint logs every layout step at INFO; a report has hundreds.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@dataclass(frozen=True)
class RenderedReport:
    pdf: bytes
    pages: int


def report_html(figures: ReportFigures, *, language: str) -> str:
    """The report in `language`, its figures' texts included, whatever language is active."""
    if figures.language != language:
        # Figures carry texts of the language they were collected in: take this language's.
        figures = collect_figures(
            cohort=figures.cohort, municipality=figures.municipality, language=language
        )
    with translation.override(language):
        return render_to_string(
            "reports/pdf/report.html",
            {
                "figures": figures,
                "language": language,
                "generated_at": timezone.localtime(),
                "smallest_group": SMALLEST_GROUP,
            },
        )


def report_pdf(figures: ReportFigures, *, language: str) -> RenderedReport:
    html = report_html(figures, language=language)
    document = pdf_document(html)
    return RenderedReport(pdf=write_tagged_pdf(document), pages=len(document.pages))

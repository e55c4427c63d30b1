"""Renders README pictures of a report page from the demo data (needs pdftoppm, poppler-utils).

    python manage.py load_demo && python manage.py report_pictures

Writes docs/pictures/report-yearly.png and docs/pictures/report-municipality.png: one page of
the consortium's yearly report and one of Håbo's report, both in Swedish.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count

from demo.consortium import CONSORTIUM_PROGRAMME
from programmes.models import Cohort, Municipality
from reports.figures import collect_figures
from reports.rendering import report_pdf

RESOLUTION = 70


class Command(BaseCommand):
    help = "Renders a page of the demo's yearly and municipality report as PNG for the README."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--page", type=int, default=4, help="Which page to picture.")
        parser.add_argument("--language", default="sv")
        parser.add_argument("--out", default=str(Path(settings.BASE_DIR) / "docs" / "pictures"))

    def handle(self, *args: Any, **options: Any) -> None:
        pdftoppm = shutil.which("pdftoppm")
        if pdftoppm is None:
            raise CommandError("pdftoppm is missing: apt-get install poppler-utils")
        cohort = (
            Cohort.objects.filter(programme__name=CONSORTIUM_PROGRAMME)
            .select_related("programme")
            .annotate(pair_count=Count("pairs"))
            .order_by("-pair_count", "-starts_on")
            .first()
        )
        if cohort is None:
            raise CommandError("No demo cohort: run `python manage.py load_demo` first.")
        municipality = Municipality.objects.filter(name="Håbo").first()
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        for name, scope in (("yearly", None), ("municipality", municipality)):
            figures = collect_figures(cohort=cohort, municipality=scope)
            rendered = report_pdf(figures, language=options["language"])
            page = min(options["page"], rendered.pages)
            with tempfile.TemporaryDirectory() as tmp:
                pdf = Path(tmp) / "report.pdf"
                pdf.write_bytes(rendered.pdf)
                target = out / f"report-{name}"
                subprocess.run(  # noqa: S603 - fixed arguments, no shell
                    [
                        pdftoppm,
                        "-png",
                        "-r",
                        str(RESOLUTION),
                        "-f",
                        str(page),
                        "-l",
                        str(page),
                        "-singlefile",
                        str(pdf),
                        str(target),
                    ],
                    check=True,
                )
            self.stdout.write(f"{target}.png: page {page} of {rendered.pages}")

"""CSV exports open in Swedish Excel and cannot start a formula; the PDF fetcher stays home."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from weasyprint.urls import URLFetchingError

from audit.models import AuditEvent
from common.csvexport import csv_bytes
from common.pdf import PDF_BASE_URL
from common.pdf_fetcher import StaticOnlyFetcher
from tests.world import World

from .factories import build_year


def test_a_table_exports_as_csv_for_swedish_excel(
    world: World, client_for: Callable[[str], Client]
) -> None:
    build_year(world)
    response = client_for("coordinator").get(
        reverse("reports:cohort_csv", args=[world.cohort.pk, "fees"])
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Kommun;Rader;Avgifter;Nedsättningar;Att betala" or lines[0].count(";") == 4
    assert "Håbo;7;68600,00;0,00;68600,00" in lines
    assert AuditEvent.objects.filter(action="report.export", actor=world.coordinator).exists()


def test_an_unknown_table_is_not_found(world: World, client_for: Callable[[str], Client]) -> None:
    response = client_for("coordinator").get(
        reverse("reports:cohort_csv", args=[world.cohort.pk, "reflections"])
    )
    assert response.status_code == 404


def test_no_cell_can_start_a_formula() -> None:
    rows = [['=HYPERLINK("http://x")'], ["+1"], ["-2+3"], ["@SUM(A1)"], [-5]]
    lines = csv_bytes(["Namn"], rows).decode("utf-8-sig").splitlines()
    assert lines[1:] == ['"\'=HYPERLINK(""http://x"")"', "'+1", "'-2+3", "'@SUM(A1)", "-5"]


def test_the_pdf_fetcher_serves_the_projects_static_files() -> None:
    response = StaticOnlyFetcher()(PDF_BASE_URL + "static/reports/report.css")
    assert b"@page" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        PDF_BASE_URL + "static/../../../etc/passwd",
        "https://example.com/static/reports/report.css",
        "data:text/plain,hello",
    ],
)
def test_the_pdf_fetcher_refuses_everything_else(url: str) -> None:
    with pytest.raises(URLFetchingError, match="Refused"):
        StaticOnlyFetcher()(url)

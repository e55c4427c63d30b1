"""The PDFs (the yearly report, a municipality's report, an invoice basis) pass the
machine-checkable PDF/UA rules of the ``pdfua`` checker, and every table header cell says
whether it heads a column or a row (/Scope), so that screen readers announce it."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.urls import reverse
from pdfua import validate
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from fees.models import InvoiceBasis
from fees.services import invoice_bases_prepare
from reports.figures import collect_figures
from reports.rendering import report_pdf
from tests.world import World

from .factories import build_year

SCOPES = {"/Column", "/Row"}


def _structure_elements(node: DictionaryObject) -> Iterator[DictionaryObject]:
    kids = node.get("/K")
    if kids is None:
        return
    kids = kids.get_object()
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, DictionaryObject) and "/S" in kid:
            yield kid
            yield from _structure_elements(kid)


def _attributes(element: DictionaryObject) -> list[DictionaryObject]:
    value = element.get("/A")
    if value is None:
        return []
    value = value.get_object()
    return [a.get_object() for a in value] if isinstance(value, list) else [value]


def header_scopes(pdf: bytes) -> list[str | None]:
    """The /Scope of every /TH in the structure tree, None where it has none."""
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"].get_object()
    return [
        next((str(a["/Scope"]) for a in _attributes(element) if "/Scope" in a), None)
        for element in _structure_elements(root)
        if element["/S"] == "/TH"
    ]


def pdfua_findings(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "checked.pdf"
    path.write_bytes(pdf)
    return [
        f"{finding.rule_id} {finding.severity.name}: {finding.message}"
        for finding in validate(str(path)).findings
    ]


@pytest.fixture
def yearly_report(world: World) -> bytes:
    build_year(world)
    return report_pdf(collect_figures(cohort=world.cohort), language="sv").pdf


@pytest.fixture
def municipality_report(world: World) -> bytes:
    build_year(world)
    figures = collect_figures(cohort=world.cohort, municipality=world.municipality_a)
    return report_pdf(figures, language="en").pdf


@pytest.fixture
def invoice_basis(world: World, client_for) -> bytes:
    invoice_bases_prepare(cohort=world.cohort)
    basis = InvoiceBasis.objects.get(cohort=world.cohort, municipality=world.municipality_a)
    response = client_for("coordinator").get(
        reverse("fees:invoice_basis_pdf", kwargs={"pk": basis.pk})
    )
    return response.content


PDFS = ("yearly_report", "municipality_report", "invoice_basis")


@pytest.mark.parametrize("pdf", PDFS)
def test_every_table_header_cell_heads_a_column_or_a_row(pdf: str, request) -> None:
    scopes = header_scopes(request.getfixturevalue(pdf))
    assert scopes, "no table header cells found"
    assert [scope for scope in scopes if scope not in SCOPES] == []
    assert set(scopes) == SCOPES  # the reports' first columns head their rows


@pytest.mark.parametrize("pdf", PDFS)
def test_the_pdf_passes_the_machine_checkable_pdf_ua_rules(pdf: str, request, tmp_path) -> None:
    assert pdfua_findings(request.getfixturevalue(pdf), tmp_path) == []

"""Fees and invoice bases: lines per participant, totals in SEK, sent and paid, locking."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fees.models import FeeLine, InvoiceBasis, InvoiceStatus
from fees.money import format_sek
from fees.selectors import fees_per_municipality, invoice_basis_summary
from fees.services import (
    fee_line_add,
    fee_line_for_admission,
    fee_line_remove_for_withdrawal,
    fee_line_update,
    invoice_bases_prepare,
    invoice_basis_mark_paid,
    invoice_basis_mark_sent,
)

from .factories_running import in_english

pytestmark = pytest.mark.usefixtures("in_english")
__all__ = ["in_english"]

NBSP = "\xa0"


def _basis_a(world) -> InvoiceBasis:
    invoice_bases_prepare(cohort=world.cohort)
    return InvoiceBasis.objects.get(cohort=world.cohort, municipality=world.municipality_a)


def test_amounts_are_written_the_swedish_way() -> None:
    assert format_sek(Decimal("9800")) == f"9{NBSP}800,00{NBSP}kr"
    assert format_sek(Decimal("-1250.5")) == f"-1{NBSP}250,50{NBSP}kr"


def test_preparing_bases_gives_each_participant_a_line_at_the_programme_fee(world) -> None:
    created = invoice_bases_prepare(cohort=world.cohort)
    assert created == 4
    assert invoice_bases_prepare(cohort=world.cohort) == 0
    rows = {
        row.municipality.name: (row.participants, row.total)
        for row in fees_per_municipality(world.cohort)
    }
    assert rows == {
        "Enköping": (2, Decimal("19600.00")),
        "Håbo": (1, Decimal("9800.00")),
        "Knivsta": (1, Decimal("9800.00")),
    }


def test_admission_and_withdrawal_hooks_keep_working(world) -> None:
    line = fee_line_for_admission(enrolment=world.adept_enrolment)
    assert line is not None and line.amount == Decimal("9800")
    assert fee_line_for_admission(enrolment=world.adept_enrolment) is None
    assert fee_line_remove_for_withdrawal(enrolment=world.adept_enrolment) == 1


def test_a_reduction_and_note_lower_the_total_shown_in_sek(world, client_for) -> None:
    basis = _basis_a(world)
    line = basis.lines.get()
    client = client_for("coordinator")
    response = client.post(
        reverse("fees:fee_line_edit", kwargs={"pk": line.pk}),
        {"reduction": "1000", "note": "Startade i oktober"},
    )
    assert response.status_code == 302
    page = client.get(reverse("fees:invoice_basis_detail", kwargs={"pk": basis.pk}))
    text = page.content.decode()
    assert f"8{NBSP}800,00{NBSP}kr" in text
    assert "Startade i oktober" in text


def test_a_reduction_larger_than_the_amount_is_refused(world) -> None:
    line = _basis_a(world).lines.get()
    with pytest.raises(ValidationError, match="larger than the amount"):
        fee_line_update(line=line, reduction=Decimal("10000"), note="")
    line.refresh_from_db()
    assert line.reduction == Decimal("0")


def test_a_sent_basis_is_locked_and_a_change_is_refused_with_a_message(world, client_for) -> None:
    basis = _basis_a(world)
    line = basis.lines.get()
    client = client_for("coordinator")
    client.post(reverse("fees:invoice_basis_send", kwargs={"pk": basis.pk}))
    basis.refresh_from_db()
    assert basis.status == InvoiceStatus.SENT and basis.sent_at is not None
    response = client.post(
        reverse("fees:fee_line_edit", kwargs={"pk": line.pk}),
        {"reduction": "500", "note": "för sent"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "locked" in text or "låst" in text
    line.refresh_from_db()
    assert (line.reduction, line.note) == (Decimal("0"), "")


def test_a_correction_on_a_locked_basis_is_a_new_line_and_the_sent_lines_stay(world) -> None:
    basis = _basis_a(world)
    invoice_basis_mark_sent(basis=basis)
    with pytest.raises(ValidationError, match="Say why"):
        fee_line_add(basis=basis, description="Kreditering", amount=Decimal("-4900"))
    correction = fee_line_add(
        basis=basis, description="Kreditering", amount=Decimal("-4900"), note="Halvår"
    )
    summary = invoice_basis_summary(basis)
    assert correction.is_correction
    assert summary.sent_total == Decimal("9800")
    assert summary.total == Decimal("4900")


def test_paid_follows_sent_and_not_the_other_way_round(world) -> None:
    basis = _basis_a(world)
    with pytest.raises(ValidationError, match="sent to invoicing"):
        invoice_basis_mark_paid(basis=basis)
    invoice_basis_mark_sent(basis=basis)
    invoice_basis_mark_paid(basis=basis)
    basis.refresh_from_db()
    assert basis.status == InvoiceStatus.PAID and basis.paid_at is not None
    with pytest.raises(ValidationError):
        invoice_basis_mark_sent(basis=basis)


def test_a_locked_basis_refuses_a_new_admission_line(world) -> None:
    basis = _basis_a(world)
    invoice_basis_mark_sent(basis=basis)
    FeeLine.objects.filter(enrolment=world.adept_enrolment).delete()
    with pytest.raises(ValidationError, match="locked"):
        fee_line_for_admission(enrolment=world.adept_enrolment)


def test_contact_sees_their_own_basis_read_only_and_not_another(world, client_for) -> None:
    invoice_bases_prepare(cohort=world.cohort)
    own = InvoiceBasis.objects.get(municipality=world.municipality_a)
    other = InvoiceBasis.objects.get(municipality=world.municipality_b)
    client = client_for("contact_a")
    page = client.get(reverse("fees:invoice_basis_detail", kwargs={"pk": own.pk}))
    text = page.content.decode()
    assert "Ada Adept" in text
    assert reverse("fees:invoice_basis_send", kwargs={"pk": own.pk}) not in text
    assert (
        client.get(reverse("fees:invoice_basis_detail", kwargs={"pk": other.pk})).status_code == 404
    )
    listing = client.get(reverse("fees:invoice_basis_list")).content.decode()
    assert "Håbo" in listing and "Enköping" not in listing
    assert client.post(reverse("fees:invoice_basis_send", kwargs={"pk": own.pk})).status_code == 404


def test_the_csv_export_opens_in_swedish_excel(world, client_for) -> None:
    basis = _basis_a(world)
    fee_line_update(line=basis.lines.get(), reduction=Decimal("800"), note="-rabatt")
    response = client_for("contact_a").get(
        reverse("fees:invoice_basis_csv", kwargs={"pk": basis.pk})
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[1].split(";")[2:6] == ["9800,00", "800,00", "9000,00", "'-rabatt"]
    assert lines[-1].split(";")[4] == "9000,00"


def test_the_pdf_export_is_a_pdf(world, client_for) -> None:
    basis = _basis_a(world)
    response = client_for("coordinator").get(
        reverse("fees:invoice_basis_pdf", kwargs={"pk": basis.pk})
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_the_pdf_export_is_tagged_for_screen_readers_in_the_readers_language(
    world, client_for
) -> None:
    import io

    from pypdf import PdfReader

    basis = _basis_a(world)
    client = client_for("coordinator")
    client.cookies["mentorship_language"] = "en"
    response = client.get(reverse("fees:invoice_basis_pdf", kwargs={"pk": basis.pk}))
    root = PdfReader(io.BytesIO(response.content)).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"


def test_the_list_of_bases_costs_the_same_queries_for_many_bases(
    world, client_for, django_assert_max_num_queries
) -> None:
    invoice_bases_prepare(cohort=world.cohort)
    client = client_for("coordinator")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("fees:invoice_basis_list"))
    assert response.content.decode().count(f"9{NBSP}800,00{NBSP}kr") == 2


def test_a_contact_without_invoice_bases_is_told_who_prepares_them(world, client_for) -> None:
    page = client_for("contact_a").get(reverse("fees:invoice_basis_list")).content.decode()
    assert "No invoice bases yet." in page
    assert "prepares an invoice basis per municipality and cohort" in page
    # The coordinator, who prepares them, gets the buttons instead of the explanation.
    coordinator = client_for("coordinator").get(reverse("fees:invoice_basis_list"))
    assert "prepares an invoice basis per municipality" not in coordinator.content.decode()

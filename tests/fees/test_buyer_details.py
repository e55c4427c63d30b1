"""The buyer's reference and cost centre a municipality asks its invoices to carry."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from fees.models import BuyerDetails, InvoiceBasis, InvoiceStatus
from fees.services import buyer_details_update, invoice_bases_prepare, invoice_basis_mark_sent
from tests.programmes.factories_running import in_english

pytestmark = pytest.mark.usefixtures("in_english")
__all__ = ["in_english"]

HABO = {"buyer_reference": "Anna Ek, HR", "cost_centre": "1100-345", "order_number": "PO 2026/17"}


def _edit_url(world) -> str:  # type: ignore[no-untyped-def]
    return reverse("fees:buyer_details_edit", kwargs={"pk": world.municipality_a.pk})


def _basis_a(world) -> InvoiceBasis:  # type: ignore[no-untyped-def]
    invoice_bases_prepare(cohort=world.cohort)
    return InvoiceBasis.objects.get(cohort=world.cohort, municipality=world.municipality_a)


def test_the_coordinator_sets_a_municipalitys_reference_and_cost_centre(world, client_for) -> None:
    client = client_for("coordinator")
    response = client.post(_edit_url(world), HABO)
    assert response.status_code == 302
    details = BuyerDetails.objects.get(municipality=world.municipality_a)
    assert (details.buyer_reference, details.cost_centre, details.order_number) == (
        "Anna Ek, HR",
        "1100-345",
        "PO 2026/17",
    )
    listing = client.get(reverse("fees:invoice_basis_list")).content.decode()
    assert "Anna Ek, HR" in listing and "1100-345" in listing


def test_a_prepared_basis_carries_the_reference_on_its_page_pdf_and_csv(world, client_for) -> None:
    buyer_details_update(municipality=world.municipality_a, **HABO)
    basis = _basis_a(world)
    assert (basis.buyer_reference, basis.cost_centre, basis.order_number) == (
        "Anna Ek, HR",
        "1100-345",
        "PO 2026/17",
    )
    client = client_for("contact_a")
    page = client.get(reverse("fees:invoice_basis_detail", kwargs={"pk": basis.pk}))
    text = page.content.decode()
    assert "Buyer's reference" in text and "Anna Ek, HR" in text
    assert "1100-345" in text and "PO 2026/17" in text

    pdf = client.get(reverse("fees:invoice_basis_pdf", kwargs={"pk": basis.pk}))
    pdf_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Buyer's reference: Anna Ek, HR" in pdf_text
    assert "Cost centre: 1100-345" in pdf_text
    assert "Purchase order number: PO 2026/17" in pdf_text

    csv = client.get(reverse("fees:invoice_basis_csv", kwargs={"pk": basis.pk}))
    header, first, *_rest, total = csv.content.decode("utf-8-sig").splitlines()
    assert header.split(";")[-3:] == ["Buyer's reference", "Cost centre", "Purchase order number"]
    assert first.split(";")[-3:] == ["Anna Ek, HR", "1100-345", "PO 2026/17"]
    assert total.split(";")[-3:] == ["Anna Ek, HR", "1100-345", "PO 2026/17"]


def test_a_changed_reference_reaches_the_municipalitys_draft_basis_at_once(world) -> None:
    basis = _basis_a(world)
    assert basis.buyer_reference == ""
    buyer_details_update(municipality=world.municipality_a, **HABO)
    basis.refresh_from_db()
    assert (basis.buyer_reference, basis.cost_centre) == ("Anna Ek, HR", "1100-345")
    other = InvoiceBasis.objects.get(cohort=world.cohort, municipality=world.municipality_b)
    assert other.buyer_reference == ""


def test_a_changed_municipality_reference_does_not_change_a_sent_basis(world, client_for) -> None:
    buyer_details_update(municipality=world.municipality_a, **HABO)
    basis = invoice_basis_mark_sent(basis=_basis_a(world))
    buyer_details_update(
        municipality=world.municipality_a, buyer_reference="Bo Ek", cost_centre="2200"
    )
    invoice_bases_prepare(cohort=world.cohort)
    basis.refresh_from_db()
    assert basis.status == InvoiceStatus.SENT
    assert (basis.buyer_reference, basis.cost_centre, basis.order_number) == (
        "Anna Ek, HR",
        "1100-345",
        "PO 2026/17",
    )
    page = client_for("coordinator").get(
        reverse("fees:invoice_basis_detail", kwargs={"pk": basis.pk})
    )
    assert "Anna Ek, HR" in page.content.decode() and "Bo Ek" not in page.content.decode()


def test_sending_a_draft_takes_the_municipalitys_current_details(world) -> None:
    basis = _basis_a(world)
    buyer_details_update(municipality=world.municipality_a, **HABO)
    basis = invoice_basis_mark_sent(basis=basis)
    basis.refresh_from_db()
    assert basis.cost_centre == "1100-345"


def test_a_draft_without_reference_warns_and_links_to_the_details(world, client_for) -> None:
    basis = _basis_a(world)
    text = (
        client_for("coordinator")
        .get(reverse("fees:invoice_basis_detail", kwargs={"pk": basis.pk}))
        .content.decode()
    )
    assert "no buyer's reference or no cost centre" in text
    assert _edit_url(world) in text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("buyer_reference", '=HYPERLINK("http://x")', "Write the reference as plain text"),
        ("buyer_reference", "x" * 101, "Ensure this value has at most 100 characters"),
        ("cost_centre", "1100;345", "A cost centre holds letters and digits"),
        ("cost_centre", "-1100", "A cost centre holds letters and digits"),
        ("order_number", "PO\t17", "A purchase order number holds letters and digits"),
    ],
)
def test_bad_invoicing_details_are_refused_with_a_message_and_change_nothing(
    world, client_for, field: str, value: str, message: str
) -> None:
    buyer_details_update(municipality=world.municipality_a, **HABO)
    response = client_for("coordinator").post(_edit_url(world), {**HABO, field: value})
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    details = BuyerDetails.objects.get(municipality=world.municipality_a)
    assert (details.buyer_reference, details.cost_centre, details.order_number) == tuple(
        HABO.values()
    )


def test_a_bad_cost_centre_is_refused_in_swedish_for_a_swedish_reader(world, client_for) -> None:
    world.coordinator.preferred_language = "sv"
    world.coordinator.save(update_fields=["preferred_language"])
    response = client_for("coordinator").post(_edit_url(world), {**HABO, "cost_centre": "1;2"})
    assert "Ett kostnadsställe består av bokstäver och siffror" in response.content.decode()
    assert not BuyerDetails.objects.exists()


@pytest.mark.parametrize("role", ["contact_a", "mentor", "outsider"])
def test_only_those_who_may_edit_a_municipality_set_its_invoicing_details(
    world, client_for, role: str
) -> None:
    response = client_for(role).post(_edit_url(world), HABO)
    assert response.status_code == 403
    assert not BuyerDetails.objects.exists()


def test_the_contact_does_not_see_the_table_of_every_municipalitys_details(
    world, client_for
) -> None:
    buyer_details_update(
        municipality=world.municipality_b, buyer_reference="Kalle", cost_centre="9"
    )
    listing = client_for("contact_a").get(reverse("fees:invoice_basis_list")).content.decode()
    assert "Invoicing details per municipality" not in listing
    assert "Kalle" not in listing

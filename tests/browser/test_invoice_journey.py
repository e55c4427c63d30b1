"""Invoice journey: the coordinator reduces a line, sends the basis, which locks it, and marks
it paid; the municipality's contact sees it read-only."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext

from fees.models import InvoiceBasis, InvoiceStatus
from fees.services import invoice_bases_prepare
from programmes.models import Role
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    MembershipFactory,
    MunicipalityFactory,
    ProgrammeFactory,
)

from .conftest import sign_in, switch_language

pytestmark = pytest.mark.browser
NBSP = "\xa0"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_basis_is_reduced_sent_locked_and_paid(
    page,
    make_persona,
    language: str,
) -> None:
    from playwright.sync_api import expect

    coordinator = make_persona(staff=True, full_name="Sara Samordnare", preferred_language=language)
    contact = make_persona(staff=True, full_name="Karin Kontakt", preferred_language=language)
    habo = MunicipalityFactory(name="Håbo", code="0305")
    habo.contacts.add(contact.user)
    programme = ProgrammeFactory(coordinators=[coordinator.user])
    MembershipFactory(programme=programme, municipality=habo)
    cohort = CohortFactory(programme=programme, name="2026/27")
    EnrolmentFactory(
        cohort=cohort, municipality=habo, role=Role.ADEPT, person__full_name="Ada Adept"
    )
    invoice_bases_prepare(cohort=cohort)
    basis = InvoiceBasis.objects.get()

    page.goto("/accounts/login/")
    switch_language(page, language)
    with translation.override(language):
        sign_in(page, coordinator)
        page.goto("/fees/")
        page.get_by_role("link", name="Håbo", exact=True).click()
        expect(page.locator("#basis-total")).to_contain_text(f"9{NBSP}800,00{NBSP}kr")
        page.get_by_role("link", name=gettext("Change")).first.click()
        page.locator("#id_reduction").fill("800")
        page.locator("#id_note").fill("Började i oktober")
        page.get_by_role("button", name=gettext("Save")).click()
        expect(page.locator("#basis-total")).to_contain_text(f"9{NBSP}000,00{NBSP}kr")

        page.get_by_role("button", name=gettext("Mark as sent to invoicing")).click()
        expect(page.locator("#basis-status")).to_contain_text(gettext("Sent to invoicing"))
        # Locked: no line can be changed any more.
        expect(page.get_by_role("link", name=gettext("Change"))).to_have_count(0)
        page.get_by_role("button", name=gettext("Mark as paid")).click()
        expect(page.locator("#basis-status")).to_contain_text(gettext("Paid"))
        basis.refresh_from_db()
        assert basis.status == InvoiceStatus.PAID

        with page.expect_download() as download:
            page.get_by_role("link", name=gettext("Export CSV (Excel)")).click()
        content = Path(download.value.path()).read_bytes()
        assert content.startswith(b"\xef\xbb\xbf") and b"9000,00" in content
        page.get_by_role("button", name=gettext("Sign out")).click()
        page.wait_for_load_state()

        sign_in(page, contact)
        page.goto(f"/fees/{basis.pk}/")
        expect(page.locator("#basis-total")).to_contain_text(f"9{NBSP}000,00{NBSP}kr")
        expect(page.get_by_role("button", name=gettext("Mark as paid"))).to_have_count(0)

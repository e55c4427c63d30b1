"""Report journey: the coordinator produces and downloads the yearly report; the Håbo contact
produces and downloads Håbo's report from the municipality's page."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from pairs.models import Pair
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


def _pdf_text(path: str) -> str:
    with open(path, "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_coordinator_and_the_contact_download_their_reports(
    page,
    make_persona,
    settings,
    tmp_path,
    language: str,
) -> None:
    from playwright.sync_api import expect

    settings.MEDIA_ROOT = tmp_path / "media"
    coordinator = make_persona(staff=True, full_name="Sara Samordnare", preferred_language=language)
    contact = make_persona(staff=True, full_name="Karin Kontakt", preferred_language=language)
    habo = MunicipalityFactory(name="Håbo", code="0305")
    enkoping = MunicipalityFactory(name="Enköping", code="0381")
    habo.contacts.add(contact.user)
    programme = ProgrammeFactory(name="Mentorprogrammet", coordinators=[coordinator.user])
    for municipality in (habo, enkoping):
        MembershipFactory(programme=programme, municipality=municipality)
    cohort = CohortFactory(programme=programme, name="2026/27")
    adept = EnrolmentFactory(
        cohort=cohort, municipality=habo, role=Role.ADEPT, person__full_name="Ada Adept"
    )
    mentor = EnrolmentFactory(
        cohort=cohort, municipality=enkoping, role=Role.MENTOR, person__full_name="Mona Mentor"
    )
    Pair.objects.create(cohort=cohort, adept=adept, mentor=mentor)

    page.goto("/accounts/login/")
    switch_language(page, language)
    with translation.override(language):
        sign_in(page, coordinator)
        page.get_by_role("link", name=gettext("Reports"), exact=True).click()
        page.get_by_role("link", name=f"{gettext('Yearly report and exports')} 2026/27").click()
        page.locator("#id_language").select_option(language)
        page.get_by_role("button", name=gettext("Produce report")).click()
        download_link = page.locator("main a[href$='/download/']")
        expect(download_link).to_be_visible()
        with page.expect_download() as download:
            download_link.click()
        text = _pdf_text(download.value.path())
        assert "Mentorprogrammet" in text and "2026/27" in text
        assert gettext("Contents") in text
        page.get_by_role("button", name=gettext("Sign out")).click()
        page.wait_for_load_state()

        sign_in(page, contact)
        page.get_by_role("link", name=gettext("Reports"), exact=True).click()
        page.get_by_role("link", name="Håbo").click()
        expect(page.get_by_role("cell", name="Enköping")).to_be_visible()
        expect(page.locator("main")).not_to_contain_text("Mona Mentor")
        page.get_by_role("link", name="Mentorprogrammet, 2026/27").click()
        page.get_by_role("button", name=gettext("Produce report")).click()
        download_link = page.locator("main a[href$='/download/']")
        with page.expect_download() as download:
            download_link.click()
        text = _pdf_text(download.value.path())
        assert "Håbo" in text
        assert "Mona Mentor" not in text

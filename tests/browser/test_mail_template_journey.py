"""A coordinator shapes the admission mail, previews it, and the next admission mail uses it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from programmes.models import AdmissionRule, EnrolmentStatus, Role
from tests.factories import MembershipFactory, MunicipalityFactory
from tests.programmes.factories_enrolment import ApplicationFactory, open_cohort

from .conftest import sign_in, switch_language

pytestmark = pytest.mark.browser

SUBJECT = "Välkommen till {programme}, {first_name}!"
BODY = "Hej {first_name}!\n\nVi ses på uppstarten i {cohort}. Dina ansökningar: {link}"
PHONE = {"width": 375, "height": 800}


def _programme_with_an_applicant():
    habo = MunicipalityFactory(name="Håbo", code="0305")
    cohort = open_cohort(rule=AdmissionRule.SELECTION, places=5, name="Hösten 2027")
    cohort.programme.name = "Ledarprogrammet Håbo"
    cohort.programme.save(update_fields=["name"])
    MembershipFactory(programme=cohort.programme, municipality=habo)
    applicant = ApplicationFactory(
        cohort=cohort,
        role=Role.ADEPT,
        municipality=habo,
        completed_at=timezone.now(),
        person__full_name="Rebecka Holm",
        person__preferred_language="sv",
    )
    return cohort, applicant


def test_the_coordinator_edits_and_previews_the_admission_mail_and_the_next_one_uses_it(
    page, make_persona
) -> None:
    from playwright.sync_api import expect

    cohort, applicant = _programme_with_an_applicant()
    coordinator = make_persona(staff=True, full_name="Sara Samordnare")
    cohort.programme.coordinators.add(coordinator.user)

    with translation.override("sv"):
        sign_in(page, coordinator)
        page.goto(f"/programmes/{cohort.programme.pk}/")
        page.get_by_role("link", name=gettext("Mail templates")).click()
        admitted = page.locator('a[href$="/mails/admitted/sv/"]')
        expect(admitted).to_contain_text(pgettext("mail text", "Default"))
        admitted.click()

        page.get_by_label(gettext("Subject")).fill(SUBJECT)
        page.get_by_label(gettext("Text")).fill(BODY)
        page.get_by_role("button", name=gettext("Show preview")).click()
        # The preview merges the real applicant's data, before anything is saved.
        expect(page.locator("#preview-subject")).to_have_text(
            "Välkommen till Ledarprogrammet Håbo, Rebecka!"
        )
        expect(page.locator("#preview-text")).to_contain_text("Hej Rebecka!")
        expect(page.locator("#preview-text")).to_contain_text("Vi ses på uppstarten i Hösten 2027")

        page.get_by_role("button", name=gettext("Save"), exact=True).click()
        expect(page.locator("main")).to_contain_text(
            gettext("The text is saved; the next mail uses it.")
        )
        expect(page.locator('a[href$="/mails/admitted/sv/"]')).to_contain_text(gettext("Changed"))

        page.goto(f"/cohorts/{cohort.pk}/applications/")
        row = page.locator("tr", has_text="Rebecka Holm")
        row.get_by_label(gettext("Admit")).check()
        mail.outbox.clear()
        row.get_by_role("button", name=gettext("Save")).click()
        expect(page.locator("tr", has_text="Rebecka Holm")).to_contain_text(gettext("Admitted"))

    applicant.refresh_from_db()
    assert applicant.status == EnrolmentStatus.ADMITTED
    (sent,) = [m for m in mail.outbox if m.to == [applicant.person.email]]
    assert sent.subject == "Välkommen till Ledarprogrammet Håbo, Rebecka!"
    assert "Vi ses på uppstarten i Hösten 2027" in sent.body
    html = sent.alternatives[0][0]
    assert "Vi ses på uppstarten i Hösten 2027" in html and "/me/applications/</a>" in html


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_mail_template_and_message_pages_fit_a_phone(
    page, make_persona, language, tmp_path
) -> None:
    cohort, _applicant = _programme_with_an_applicant()
    coordinator = make_persona(staff=True, full_name="Sara Samordnare")
    cohort.programme.coordinators.add(coordinator.user)
    shots = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    sign_in(page, coordinator)
    switch_language(page, language)
    page.set_viewport_size(PHONE)
    programme = cohort.programme.pk
    for name, path in (
        ("list", f"/programmes/{programme}/mails/"),
        ("edit", f"/programmes/{programme}/mails/admitted/{language}/"),
        ("message", f"/cohorts/{cohort.pk}/messages/new/"),
    ):
        page.goto(path)
        if name == "edit":
            page.locator("details.mail-preview-part summary").click()
        page.screenshot(path=str(shots / f"mail-templates-{name}-{language}.png"), full_page=True)
        # Nothing is wider than the phone: no sideways scrolling on the page itself.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

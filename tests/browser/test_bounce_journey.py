"""Bounce journey: the coordinator finds an address the mail server refused and corrects it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from notifications.models import Delivery, DeliveryStatus
from pairs.services.notify import PAIR_NUDGE
from programmes.models import EnrolmentStatus, Role
from tests.factories import CohortFactory, EnrolmentFactory, ProgrammeFactory

from .conftest import sign_in, switch_language

pytestmark = pytest.mark.browser
REFUSAL = "550 5.1.1 Recipient address rejected: User unknown"


def _shot(page, name: str) -> None:
    # BROWSER_SHOTS_DIR=... keeps the pages as pictures for a person to look at.
    folder = os.environ.get("BROWSER_SHOTS_DIR")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_coordinator_corrects_a_refused_address_and_the_mail_goes(
    page,
    make_persona,
    language: str,
) -> None:
    from playwright.sync_api import expect

    coordinator = make_persona(staff=True, full_name="Sara Samordnare", preferred_language=language)
    adept = make_persona(
        full_name="Ada Adept", email="ada.adept@hbo.se", preferred_language=language
    )
    programme = ProgrammeFactory(name="Mentorprogrammet", coordinators=[coordinator.user])
    cohort = CohortFactory(programme=programme, name="2026/27")
    enrolment = EnrolmentFactory(
        person=adept.user, cohort=cohort, role=Role.ADEPT, status=EnrolmentStatus.ADMITTED
    )
    # A nudge the mail server refused four times: given up.
    Delivery.objects.create(
        kind=PAIR_NUDGE,
        key="pair:1:nudge:1",
        recipient=adept.user,
        payload={"pair_id": 0},
        status=DeliveryStatus.FAILED,
        attempts=4,
        address=adept.user.email,
        last_error=REFUSAL,
    )
    mail.outbox.clear()

    page.goto("/accounts/login/")
    switch_language(page, language)
    with translation.override(language):
        sign_in(page, coordinator)
        page.goto(f"/cohorts/{cohort.pk}/")
        section = page.locator("section[aria-labelledby=bounces-heading]")
        expect(section.locator("h2")).to_have_text(gettext("Emails that did not arrive"))
        expect(section).to_contain_text("ada.adept@hbo.se")
        expect(section).to_contain_text(REFUSAL)
        expect(section).to_contain_text(gettext("Given up"))
        _shot(page, f"bounce-cohort-{language}")
        section.locator(f"a[href='/cohorts/{cohort.pk}/bounces/{adept.user.pk}/']").click()
        page.wait_for_load_state()
        _shot(page, f"bounce-correct-{language}")
        field = page.get_by_label(gettext("Correct address"))
        expect(field).to_have_value("ada.adept@hbo.se")
        field.fill("ada.adept@habo.se")
        page.get_by_role("button", name=gettext("Save and send again")).click()
        page.wait_for_load_state()
        expect(page.locator("h1")).to_have_text("2026/27")
        expect(page.locator("main")).to_contain_text("Ada Adept")
        expect(page.locator("section[aria-labelledby=bounces-heading]")).to_have_count(0)
        _shot(page, f"bounce-corrected-{language}")

    enrolment.person.refresh_from_db()
    assert enrolment.person.email == "ada.adept@habo.se"
    # The nudge's pair is gone by now, so the retried mail is dropped rather than sent blind.
    assert Delivery.objects.get().status == DeliveryStatus.DROPPED

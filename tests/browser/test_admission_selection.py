"""Selection in the browser: the coordinator admits one complete application, declines another."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from programmes.models import AdmissionRule, EnrolmentStatus, Role
from programmes.services.enrolment import consent_answer
from tests.factories import MembershipFactory, MunicipalityFactory
from tests.programmes.factories_enrolment import ConsentRequestFactory, WorkAreaFactory, open_cohort

from .conftest import sign_in
from .test_admission_open import consent_path_for, fill_application

pytestmark = pytest.mark.browser


def test_the_coordinator_selects_among_complete_applications(page, make_persona) -> None:
    from playwright.sync_api import expect

    habo = MunicipalityFactory(name="Håbo", code="0305")
    coordinator = make_persona(staff=True, full_name="Sara Samordnare")
    cohort = open_cohort(rule=AdmissionRule.SELECTION, places=5, name="Mentorprogrammet 2027/28")
    cohort.programme.coordinators.add(coordinator.user)
    MembershipFactory(programme=cohort.programme, municipality=habo)
    WorkAreaFactory(programme=cohort.programme, name="Socialtjänst")
    applicant = make_persona(full_name="Rebecka Holm")
    other = ConsentRequestFactory(
        enrolment__cohort=cohort,
        enrolment__role=Role.ADEPT,
        enrolment__person__full_name="Tobias Ekman",
    )
    from programmes.services.enrolment import consent_link

    consent_answer(token=consent_link(consent=other).rstrip("/").rsplit("/", 1)[1], agreed=True)

    with translation.override("sv"):
        sign_in(page, applicant)
        page.goto("/me/applications/")
        page.get_by_role("link", name=gettext("Apply"), exact=True).click()
        fill_application(page, municipality="Håbo", manager_email="chef@habo.se")
        page.get_by_role("button", name=gettext("Send application")).click()
        page.goto(consent_path_for("chef@habo.se"))
        page.get_by_role("button", name=gettext("I agree"), exact=True).click()
        page.get_by_role("button", name=gettext("Sign out")).click()
        page.context.clear_cookies()

        sign_in(page, coordinator)
        page.goto(f"/cohorts/{cohort.pk}/applications/")
        row = page.locator("tr", has_text="Rebecka Holm")
        row.get_by_label(gettext("Admit")).check()
        row.get_by_role("button", name=gettext("Save")).click()
        expect(page.locator("main")).to_contain_text("Rebecka Holm")
        row = page.locator("tr", has_text="Tobias Ekman")
        row.get_by_label(gettext("Decline")).check()
        row.get_by_label(gettext("Reason")).fill("Vi prioriterar chefer med personalansvar.")
        mail.outbox.clear()
        row.get_by_role("button", name=gettext("Save")).click()
        expect(page.locator("tr", has_text="Tobias Ekman")).to_contain_text(gettext("Declined"))
        expect(page.locator("tr", has_text="Rebecka Holm")).to_contain_text(gettext("Admitted"))

    applicant_enrolment = applicant.user.enrolments.get(cohort=cohort)
    assert applicant_enrolment.status == EnrolmentStatus.ADMITTED
    other.enrolment.refresh_from_db()
    assert other.enrolment.status == EnrolmentStatus.DECLINED
    assert "Vi prioriterar chefer med personalansvar." in mail.outbox[-1].body

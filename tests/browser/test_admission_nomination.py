"""Nomination in the browser: the manager nominates, the coordinator records both stages."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from programmes.models import AdmissionRule, EnrolmentStatus, Nomination
from tests.factories import MembershipFactory, MunicipalityFactory
from tests.programmes.factories_enrolment import ApprovalStageFactory, WorkAreaFactory, open_cohort

from .conftest import sign_in

pytestmark = pytest.mark.browser

GUIDANCE = "Beskriv konkreta situationer där medarbetaren har tagit ledaransvar."


def test_a_nomination_passes_both_stages_and_the_nominee_is_admitted(page, make_persona) -> None:
    from playwright.sync_api import expect

    norrtalje = MunicipalityFactory(name="Norrtälje", code="0188")
    coordinator = make_persona(staff=True, full_name="Monica Dahlström")
    manager = make_persona(full_name="Peter Gustafsson")
    cohort = open_cohort(rule=AdmissionRule.NOMINATION, places=15, name="Ledartalang våren 2027")
    programme = cohort.programme
    programme.coordinators.add(coordinator.user)
    programme.nomination_guidance = GUIDANCE
    programme.save()
    MembershipFactory(programme=programme, municipality=norrtalje)
    WorkAreaFactory(programme=programme, name="Äldreomsorg")
    ApprovalStageFactory(programme=programme, name="Förvaltningens ledningsgrupp", position=1)
    ApprovalStageFactory(programme=programme, name="Kommunkoncernledningen", position=2)

    with translation.override("sv"):
        sign_in(page, manager)
        page.goto("/me/applications/")
        page.get_by_role("link", name=gettext("Nominate an employee")).click()
        expect(page.locator("main")).to_contain_text(GUIDANCE)
        page.locator("#id_nominee_name").fill("Alva Persson")
        page.locator("#id_nominee_email").fill("alva.persson@norrtalje.se")
        page.locator("#id_municipality").select_option(label="Norrtälje")
        page.locator("#id_department").fill("Vård och omsorg")
        page.locator("#id_title").fill("Samordnare")
        page.locator("#id_work_area").select_option("Äldreomsorg")
        page.locator("#id_motivation").fill("Alva leder redan arbetsgrupper med stort förtroende.")
        page.get_by_role("button", name=gettext("Send nomination")).click()
        expect(page.locator("h1")).to_contain_text("Alva Persson")
        nomination = Nomination.objects.get()
        page.get_by_role("button", name=gettext("Sign out")).click()
        page.context.clear_cookies()

        sign_in(page, coordinator)
        page.goto(f"/nominations/{nomination.pk}/")
        expect(page.locator("main")).to_contain_text("Alva leder redan arbetsgrupper")
        for stage in ("Förvaltningens ledningsgrupp", "Kommunkoncernledningen"):
            expect(page.locator("form h3")).to_contain_text(stage)
            page.get_by_label(gettext("Yes"), exact=True).check()
            page.locator("#id_comment").fill(f"{stage}: ja.")
            page.get_by_role("button", name=gettext("Record decision")).click()
            expect(page.locator("table")).to_contain_text(f"{stage}: ja.")
        expect(page.locator("dl")).to_contain_text(gettext("Admitted"))

    nomination.enrolment.refresh_from_db()
    assert nomination.enrolment.status == EnrolmentStatus.ADMITTED
    told = {m.to[0] for m in mail.outbox}
    assert {"alva.persson@norrtalje.se", manager.user.email} <= told

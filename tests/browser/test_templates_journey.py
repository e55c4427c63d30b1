"""A coordinator starts a programme from a template, adds its first cohort and copies it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation
from django.utils.translation import gettext

from events.models import Event
from programmes.models import AdmissionRule, Cohort, CohortFormat, Programme
from tests.factories import MembershipFactory, MunicipalityFactory, ProgrammeFactory
from tests.programmes.factories_running import EventFactory

from .conftest import sign_in, switch_language

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_talent_programme_from_its_template_carries_on_next_year(
    page, make_persona, language: str
) -> None:
    from playwright.sync_api import expect

    coordinator = make_persona(staff=True, full_name="Mona Samordnare")
    ProgrammeFactory(name="Mentorprogrammet", coordinators=[coordinator.user])
    page.goto("/accounts/login/")
    switch_language(page, language)
    sign_in(page, coordinator)

    with translation.override(language):
        page.goto("/programmes/new/")
        expect(page.locator("h1")).to_have_text(gettext("New programme"))
        # The whole card chooses the template: a click on its description will do.
        page.get_by_text(gettext("As Ledartalang in Norrtälje")).click(force=True)
        expect(page.locator("#shape-nominated_talent")).to_be_checked()
        page.get_by_role("button", name=gettext("Continue")).click()

        expect(page.locator("#id_admission_rule")).to_have_value("nomination")
        expect(page.locator("#id_approval_stages")).to_contain_text(
            gettext("The administration's management group")
        )
        page.locator("#id_name").fill(f"Ledartalang {language}")
        page.locator("#id_planned_meetings").fill("5")
        page.get_by_role("button", name=gettext("Save")).click()

        # Next the first cohort, with the template's suggestion of format and places.
        expect(page.locator("h1")).to_have_text(gettext("New cohort"))
        expect(page.locator("#id_format")).to_have_value(CohortFormat.SESSIONS)
        expect(page.locator("#id_adept_places")).to_have_value("15")
        page.locator("#id_name").fill("Våren 2027")
        page.locator("#id_starts_on").fill("2027-01-20")
        page.locator("#id_ends_on").fill("2027-06-15")
        page.get_by_role("button", name=gettext("Save")).click()
        expect(page.locator("h1")).to_have_text("Våren 2027")

        programme = Programme.objects.get(name=f"Ledartalang {language}")
        assert programme.admission_rule == AdmissionRule.NOMINATION
        assert programme.planned_meetings == 5
        assert programme.approval_stages.count() == 2
        cohort = Cohort.objects.get(programme=programme)
        MembershipFactory(programme=programme, municipality=MunicipalityFactory())
        EventFactory(
            programme=programme,
            cohort=cohort,
            title="Uppstart",
            starts_at=datetime.datetime(2027, 1, 21, 8, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2027, 1, 21, 12, tzinfo=datetime.UTC),
        )

        page.get_by_role("link", name=gettext("Copy to a new cohort")).click()
        expect(page.locator("#id_name")).to_have_value("Våren 2028")
        expect(page.locator("#id_starts_on")).to_have_value("2028-01-20")
        page.get_by_role("button", name=gettext("Create the new cohort")).click()

        expect(page.locator("h1")).to_have_text("Våren 2028")
        counted = translation.ngettext("%(count)d event", "%(count)d events", 1) % {"count": 1}
        expect(page.locator(".alert-success")).to_contain_text(counted)
        copy = Cohort.objects.get(programme=programme, name="Våren 2028")
        assert copy.format == CohortFormat.SESSIONS
        assert Event.objects.get(cohort=copy).title == "Uppstart"

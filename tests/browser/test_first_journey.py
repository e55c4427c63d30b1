"""First journey: a coordinator signs in, creates a programme and a cohort, and sees it listed."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from programmes.models import Cohort, Programme
from tests.factories import ProgrammeFactory

from .conftest import sign_in, switch_language

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_coordinator_creates_a_programme_and_a_cohort_and_sees_them_listed(
    page,
    make_persona,
    language: str,
) -> None:
    from playwright.sync_api import expect

    coordinator = make_persona(staff=True, full_name="Sara Samordnare")
    ProgrammeFactory(name="Mentorprogrammet för chefer", coordinators=[coordinator.user])

    page.goto("/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "sv"  # Swedish is the default
    expect(page.locator("h1")).to_have_text("Logga in")
    switch_language(page, language)
    sign_in(page, coordinator)

    with translation.override(language):
        page.goto("/programmes/")
        expect(page.locator("h1")).to_have_text(gettext("Programmes"))
        page.get_by_role("link", name=gettext("New programme")).click()
        expect(page.locator("h1")).to_have_text(gettext("New programme"))
        # The page offers templates first; this journey starts from the defaults.
        page.get_by_label(gettext("Start blank")).check()
        page.get_by_role("button", name=gettext("Continue")).click()
        page.locator("#id_name").fill(f"Ledartalang ({language})")
        page.locator("#id_description").fill("Talangprogram för blivande chefer.")
        page.locator("#id_admission_rule").select_option("nomination")
        page.locator("#id_fee_sek").fill("0")
        page.locator("#id_mentor_fee_sek").fill("0")
        page.locator("#id_planned_meetings").fill("6")
        page.get_by_role("button", name=gettext("Save")).click()

        expect(page.locator("h1")).to_have_text(f"Ledartalang ({language})")
        programme = Programme.objects.get(name=f"Ledartalang ({language})")
        assert list(programme.coordinators.all()) == [coordinator.user]
        assert programme.admission_rule == "nomination"

        page.get_by_role("link", name=gettext("New cohort")).click()
        expect(page.locator("h1")).to_have_text(gettext("New cohort"))
        page.locator("#id_name").fill("Våren 2027")
        page.locator("#id_starts_on").fill("2027-01-20")
        page.locator("#id_ends_on").fill("2027-06-15")
        page.locator("#id_applications_open_on").fill("2026-10-01")
        page.locator("#id_applications_close_on").fill("2026-12-15")
        page.locator("#id_mentor_places").fill("0")
        page.locator("#id_adept_places").fill("15")
        page.get_by_role("button", name=gettext("Save")).click()

        # A nominated programme without approval stages or municipalities cannot take
        # applications yet: the window is refused with the reason and nothing is saved.
        expect(page.locator("h1")).to_have_text(gettext("New cohort"))
        expect(page.locator("#id_applications_open_on")).to_have_class(re.compile("is-invalid"))
        assert not Cohort.objects.filter(programme__name=f"Ledartalang ({language})").exists()
        page.locator("#id_applications_open_on").fill("")
        page.locator("#id_applications_close_on").fill("")
        page.get_by_role("button", name=gettext("Save")).click()

        expect(page.locator("h1")).to_have_text("Våren 2027")
        cohort = Cohort.objects.get(programme=programme)
        assert (cohort.name, cohort.adept_places) == ("Våren 2027", 15)

        # Listed: the programme with its cohort count, and the cohort in the programme.
        page.goto("/programmes/")
        row = page.locator("li", has=page.get_by_role("link", name=f"Ledartalang ({language})"))
        cohorts_label = translation.ngettext("%(counter)s cohort", "%(counter)s cohorts", 1)
        expect(row).to_contain_text(cohorts_label % {"counter": 1})
        row.get_by_role("link", name=f"Ledartalang ({language})").click()
        table = page.locator("section[aria-labelledby=cohorts-heading] table")
        expect(table.get_by_role("link", name="Våren 2027")).to_be_visible()
        expect(table).to_contain_text(re.compile(r"0 / 15"))
        assert page.locator("html").get_attribute("lang") == language

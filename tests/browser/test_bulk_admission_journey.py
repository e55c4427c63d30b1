"""The coordinator admits 30 of 60 applicants, those of one municipality, in one bulk action."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

from audit.models import AuditEvent
from programmes.models import AdmissionRule, Enrolment, EnrolmentStatus
from tests.factories import MembershipFactory, MunicipalityFactory
from tests.programmes.factories_enrolment import open_cohort
from tests.programmes.lists_data import people_enrol

from .conftest import sign_in

pytestmark = pytest.mark.browser


def _first_page_of(total: int) -> str:
    """What the list says above its first page of 25 rows."""
    return ngettext(
        "%(total)s row; showing %(first)s–%(last)s.",
        "%(total)s rows; showing %(first)s–%(last)s.",
        total,
    ) % {"total": total, "first": 1, "last": 25}


def test_the_coordinator_admits_one_municipalitys_thirty_applicants_at_once(
    page, make_persona
) -> None:
    from playwright.sync_api import expect

    coordinator = make_persona(staff=True, full_name="Sara Samordnare")
    cohort = open_cohort(rule=AdmissionRule.SELECTION, places=40, name="Mentorprogrammet 2027")
    cohort.programme.coordinators.add(coordinator.user)
    towns = [
        MunicipalityFactory(name="Håbo", code="0305"),
        MunicipalityFactory(name="Enköping", code="0381"),
        MunicipalityFactory(name="Knivsta", code="0330"),
    ]
    for town in towns:
        MembershipFactory(programme=cohort.programme, municipality=town)
    habo = people_enrol(cohort, 30, municipality=towns[0])
    others = [
        *people_enrol(cohort, 15, municipality=towns[1]),
        *people_enrol(cohort, 15, municipality=towns[2]),
    ]

    with translation.override("sv"):
        sign_in(page, coordinator)
        page.goto(f"/cohorts/{cohort.pk}/")
        page.get_by_role("link", name=gettext("Applications"), exact=True).click()
        results = page.locator("#list-results")
        expect(results).to_contain_text(_first_page_of(60))
        # Choosing a municipality updates the list in place (htmx), no button needed.
        municipality = page.get_by_label(gettext("Municipality"), exact=True)
        municipality.focus()
        municipality.select_option(label="Håbo")
        expect(results).to_contain_text(_first_page_of(30))
        assert "municipality=" in page.url
        # Screen readers hear the new count; the keyboard stays in the filter it was using.
        expect(page.locator("#live-region")).to_have_text(
            ngettext("%(total)s row matches.", "%(total)s rows match.", 30) % {"total": 30}
        )
        expect(municipality).to_be_focused()
        expect(page.locator("tbody tr", has_text="Enköping")).to_have_count(0)

        page.get_by_label(
            ngettext(
                "The %(total)s row that matches the filter",
                "All %(total)s rows that match the filter",
                30,
            )
            % {"total": 30}
        ).check()
        action = page.get_by_label(pgettext("what to do with rows", "Action"), exact=True)
        action.select_option(value="admit")
        page.get_by_role("button", name=gettext("Continue")).click()

        admit_thirty = gettext("Admit %(people)s") % {
            "people": ngettext("%(count)d applicant", "%(count)d applicants", 30) % {"count": 30}
        }
        expect(page.get_by_role("heading", level=1)).to_have_text(f"{admit_thirty}?")
        expect(page.locator(".list-chosen li")).to_have_count(30)
        assert Enrolment.objects.filter(status=EnrolmentStatus.ADMITTED).count() == 0
        # The confirmation fits a phone without sideways scrolling.
        page.set_viewport_size({"width": 375, "height": 740})
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
        page.set_viewport_size({"width": 1280, "height": 800})
        page.get_by_role("button", name=admit_thirty).click()

        expect(page.locator("main")).to_contain_text(
            gettext("Admitted: %(people)s.")
            % {
                "people": ngettext("%(count)d applicant", "%(count)d applicants", 30)
                % {"count": 30}
            }
        )
        page.get_by_label(gettext("Status"), exact=True).select_option(value="admitted")
        expect(results).to_contain_text(_first_page_of(30))
        # Typing a name narrows the list as one types.
        page.get_by_label(gettext("Name or email"), exact=True).type("Håbo 0007")
        expect(results).to_contain_text(
            ngettext("%(total)s row.", "%(total)s rows.", 1) % {"total": 1}
        )
        expect(page.locator("tbody tr")).to_have_count(1)

    admitted = set(
        Enrolment.objects.filter(status=EnrolmentStatus.ADMITTED).values_list("pk", flat=True)
    )
    assert admitted == {e.pk for e in habo}
    assert not admitted & {e.pk for e in others}
    (entry,) = AuditEvent.objects.filter(action="enrolment.admit_many")
    assert sorted(entry.object_ids) == sorted(admitted)
    assert entry.actor == coordinator.user

"""Attendance for a leader day of 340: the coordinator finds the 300 from Håbo and marks them
as attended in one step, after the page has said what it will do; on a phone-sized screen."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

from accounts.models import User
from events.models import Audience, EventKind, EventRegistration
from tests.factories import MunicipalityFactory, ProgrammeFactory
from tests.programmes.factories_running import EventFactory

from .conftest import sign_in

pytestmark = pytest.mark.browser

HABO, ENKOPING = 300, 40


def _leader_day(coordinator: User):  # type: ignore[no-untyped-def]
    """An open leader day with 300 people from Håbo and 40 from Enköping registered."""
    habo = MunicipalityFactory(name="Håbo", code="0305")
    enkoping = MunicipalityFactory(name="Enköping", code="0381")
    event = EventFactory(
        programme=ProgrammeFactory(coordinators=[coordinator]),
        kind=EventKind.LEADER_DAY,
        title="Ledardag i Bålsta",
        capacity=400,
        audience=Audience.OPEN,
    )
    event.open_municipalities.set([habo, enkoping])
    people = User.objects.bulk_create(
        [
            User(email=f"chef{n}@example.se", full_name=f"Chef {n:03d} Exempelsson")
            for n in range(HABO + ENKOPING)
        ]
    )
    EventRegistration.objects.bulk_create(
        [
            EventRegistration(
                event=event, person=person, municipality=habo if n < HABO else enkoping
            )
            for n, person in enumerate(people)
        ]
    )
    return event


def test_the_coordinator_marks_300_of_340_as_attended_with_a_filter_and_select_all(
    page, make_persona
) -> None:
    from playwright.sync_api import expect

    coordinator = make_persona(staff=True, full_name="Sara Samordnare")
    event = _leader_day(coordinator.user)
    page.set_viewport_size({"width": 375, "height": 800})
    with translation.override("sv"):
        sign_in(page, coordinator)
        page.goto(f"/events/{event.pk}/")
        page.get_by_role("link", name=gettext("Mark attendance")).click()
        results = page.locator("#list-results")
        expect(results).to_contain_text(str(HABO + ENKOPING))
        expect(page.locator("input[name=chosen]")).to_have_count(25)

        # A search by name finds one person; clearing it shows everyone again.
        search = page.get_by_label(gettext("Name or email"))
        search.fill("Chef 007")
        expect(page.locator("input[name=chosen]")).to_have_count(1)
        expect(results).to_contain_text("Chef 007 Exempelsson")
        search.fill("")
        expect(page.locator("input[name=chosen]")).to_have_count(25)

        # The filter narrows to Håbo; everyone who matches is chosen, not only the page.
        page.get_by_label(gettext("Municipality")).select_option(label="Håbo")
        expect(page).to_have_url(re.compile(r"municipality=\d+"))
        everyone = page.locator("#scope-all")
        expect(page.locator("label[for=scope-all]")).to_contain_text(str(HABO))
        everyone.check()
        page.get_by_label(pgettext("what to do with rows", "Action")).select_option(
            label=gettext("Mark as attended")
        )
        page.get_by_role("button", name=gettext("Continue")).click()

        # The confirmation says what will happen to how many, and nothing has happened yet.
        people = ngettext("%(count)d person", "%(count)d people", HABO) % {"count": HABO}
        description = gettext("Mark %(people)s as attended") % {"people": people}
        expect(page.locator("h1")).to_have_text(f"{description}?")
        assert not EventRegistration.objects.filter(attended=True).exists()
        page.get_by_role("button", name=description).click()

        expect(page.locator(".alert-success")).to_be_visible()
        figures = gettext("%(attended)s of %(registered)s registered attended (%(places)s places).")
        expect(page.locator("#attendance-figures")).to_contain_text(
            figures % {"attended": HABO, "registered": HABO + ENKOPING, "places": 400}
        )
    attended = EventRegistration.objects.filter(event=event, attended=True)
    assert attended.count() == HABO
    assert not attended.filter(municipality__name="Enköping").exists()
    # The page fits a phone: nothing wider than the screen but the table's own scroller.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

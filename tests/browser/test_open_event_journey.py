"""An open leader day: an employee without an account registers through the shared link with
an emailed code, and the coordinator checks people in on a phone at the door."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from events.models import Audience, EventKind, EventRegistration, RegistrationStatus
from events.services.events import event_register
from tests.factories import MunicipalityFactory, ProgrammeFactory, UserFactory
from tests.programmes.factories_running import EventFactory

from .conftest import sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
CODE = re.compile(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", re.MULTILINE)


def _leader_day(coordinator, **fields):  # type: ignore[no-untyped-def]
    kungsbacka = MunicipalityFactory(name="Kungsbacka", code="1384")
    programme = ProgrammeFactory(name="Kungsbackaledaren", coordinators=[coordinator])
    event = EventFactory(
        programme=programme,
        title="Ledardag 2027",
        kind=EventKind.LEADER_DAY,
        capacity=340,
        audience=Audience.OPEN,
        email_domains="kungsbacka.se",
        **fields,
    )
    event.open_municipalities.set([kungsbacka])
    return event, kungsbacka


def _fits_the_phone(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]


def test_an_employee_without_an_account_registers_through_the_shared_link(
    page, make_persona
) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    coordinator = make_persona(staff=True, full_name="Sara Samordnare")
    event, kungsbacka = _leader_day(coordinator.user)
    mail.outbox.clear()
    page.set_viewport_size(PHONE)
    with translation.override("sv"):
        page.goto(f"/events/{event.pk}/open/")
        expect(page.locator("h1")).to_have_text("Ledardag 2027")
        _fits_the_phone(page)

        # An address outside the municipality's domain is refused with the reason.
        page.get_by_label(gettext("Your work email address")).fill("nina@gmail.com")
        page.get_by_role("button", name=gettext("Send me a code")).click()
        expect(page.locator("main")).to_contain_text("kungsbacka.se")
        assert mail.outbox == []

        page.get_by_label(gettext("Your work email address")).fill("nina.nyfiken@kungsbacka.se")
        page.get_by_role("button", name=gettext("Send me a code")).click()
        page.wait_for_url("**/accounts/login/code/confirm/**")
        code = CODE.search(mail.outbox[-1].body)
        assert code, mail.outbox[-1].body
        page.locator("input[name=code]").fill(code.group(1))
        page.locator("input[name=code]").press("Enter")
        page.wait_for_url(f"**/events/{event.pk}/open/")

        page.get_by_label(gettext("Name")).fill("Nina Nyfiken")
        page.get_by_label(gettext("Workplace or administration")).fill("Förskoleförvaltningen")
        page.get_by_label(gettext("Woman")).check()
        page.get_by_label(gettext("40–49")).check()
        _fits_the_phone(page)
        page.get_by_role("button", name=gettext("Register"), exact=True).click()
        expect(page.locator("#my-status")).to_contain_text(gettext("You are registered."))

    registration = EventRegistration.objects.get(event=event)
    assert registration.person.full_name == "Nina Nyfiken"
    assert registration.status == RegistrationStatus.REGISTERED
    assert (registration.municipality, registration.gender, registration.age_group) == (
        kungsbacka,
        "woman",
        "40-49",
    )


def test_the_coordinator_checks_people_in_on_a_phone(page, make_persona) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    coordinator = make_persona(staff=True, full_name="Sara Samordnare")
    event, kungsbacka = _leader_day(coordinator.user)
    names = ["Ada Andersson", "Bo Berg", "Cecilia Carlsson", "David Dahl"]
    for name in names:
        registration = event_register(event=event, person=UserFactory(full_name=name))
        registration.municipality = kungsbacka
        registration.save()

    with translation.override("sv"):
        sign_in(page, coordinator)
        page.set_viewport_size(PHONE)
        page.goto(f"/events/{event.pk}/check-in/")
        _fits_the_phone(page)
        expect(page.locator("#check-in-count")).to_contain_text("0")

        # Search as you type narrows the list without reloading the page.
        page.get_by_label(gettext("Find a person (name, email, municipality)")).press_sequentially(
            "cecil"
        )
        expect(page.locator("#check-in-results li")).to_have_count(1)
        row = page.locator("#check-in-results li").first
        expect(row).to_contain_text("Cecilia Carlsson")
        row.get_by_role("button", name=re.compile(gettext("Present"))).click()
        expect(row.locator(".badge")).to_have_text(re.compile(gettext("Present")))
        expect(page.locator("#check-in-count")).to_contain_text("1")
        # Focus stays on the person's row (on "Undo"), not lost to the page.
        expect(row.get_by_role("button")).to_be_focused()
        expect(row.get_by_role("button")).to_contain_text(gettext("Undo"))
        _fits_the_phone(page)

        # The keyboard alone: search, Tab to the person's button, Enter.
        search = page.get_by_label(gettext("Find a person (name, email, municipality)"))
        search.fill("")
        search.press_sequentially("bo b")
        # Each key asks again: wait for the last answer (Bo Berg alone), not an earlier one.
        expect(page.locator("#check-in-results li", has_text="Bo Berg")).to_have_count(1)
        page.wait_for_function("() => !document.querySelector('.htmx-request')")
        expect(page.locator("#check-in-results li")).to_have_count(1)
        search.press("Tab")
        expect(page.get_by_role("button", name=gettext("Search"), exact=True)).to_be_focused()
        page.keyboard.press("Tab")
        bo = page.locator("#check-in-results li").first.get_by_role("button")
        expect(bo).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator("#check-in-count")).to_contain_text("2")
        expect(page.locator("#check-in-status")).to_have_text(
            gettext("%(name)s is present.") % {"name": "Bo Berg"}
        )

    attended = set(
        EventRegistration.objects.filter(event=event, attended=True).values_list(
            "person__full_name", flat=True
        )
    )
    assert attended == {"Cecilia Carlsson", "Bo Berg"}

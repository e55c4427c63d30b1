"""Events journey: register, a waiting list that moves up on cancellation, attendance."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from events.models import Audience, EventRegistration, RegistrationStatus
from tests.factories import ProgrammeFactory
from tests.programmes.factories_running import EventFactory

from .conftest import sign_in, switch_language
from .seed_steps import mark_attended

pytestmark = pytest.mark.browser


def _sign_out(page) -> None:
    page.get_by_role("button", name=gettext("Sign out")).click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_last_place_the_waiting_list_and_attendance(
    page,
    make_persona,
    language: str,
) -> None:
    from playwright.sync_api import expect

    coordinator = make_persona(staff=True, full_name="Sara Samordnare", preferred_language=language)
    adept = make_persona(full_name="Ada Adept", preferred_language=language)
    mentor = make_persona(full_name="Mona Mentor", preferred_language=language)
    programme = ProgrammeFactory(coordinators=[coordinator.user])
    event = EventFactory(
        programme=programme, title="Mentordag", capacity=1, audience=Audience.INVITED
    )
    event.invitees.set([adept.user, mentor.user])
    mail.outbox.clear()

    page.goto("/accounts/login/")
    switch_language(page, language)
    with translation.override(language):
        sign_in(page, adept)
        page.goto(f"/events/{event.pk}/")
        expect(page.locator("h1")).to_have_text("Mentordag")
        page.get_by_role("button", name=gettext("Register"), exact=True).click()
        expect(page.locator("#my-status")).to_have_text(gettext("You are registered."))
        _sign_out(page)

        sign_in(page, mentor)
        page.goto(f"/events/{event.pk}/")
        page.get_by_role("button", name=gettext("Join the waiting list")).click()
        expect(page.locator("#my-status")).to_contain_text("1")
        assert (
            EventRegistration.objects.get(person=mentor.user).status == RegistrationStatus.WAITING
        )
        _sign_out(page)

        sign_in(page, adept)
        page.goto(f"/events/{event.pk}/")
        page.get_by_role("button", name=gettext("Cancel my registration")).click()
        # The freed place went to the first on the waiting list, so the event is full again.
        expect(page.locator("#my-status")).to_have_text(
            gettext("The event is full. Join the waiting list to get a place if one frees up.")
        )
        assert EventRegistration.objects.get(person=mentor.user).status == (
            RegistrationStatus.REGISTERED
        )
        assert [m.to for m in mail.outbox] == [[mentor.user.email]]
        _sign_out(page)

        sign_in(page, coordinator)
        page.goto(f"/events/{event.pk}/")
        page.get_by_role("link", name=gettext("Mark attendance")).click()
        mark_attended(page, ["Mona Mentor"])
        page.goto(f"/events/{event.pk}/")
        expect(page.locator("section[aria-labelledby=participants-heading]")).to_contain_text(
            "Mona Mentor"
        )
        assert EventRegistration.objects.get(person=mentor.user).attended

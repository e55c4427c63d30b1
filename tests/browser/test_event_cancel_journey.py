"""A leader day is cancelled: the coordinator (in Swedish) cancels it with a note, a person
registered (in English) finds the mail, the page and the list saying so, and someone without
an account opening the shared link cannot register."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from events.models import Event
from events.services.events import event_register

from .conftest import Browsers
from .seed_steps import screenshot
from .test_open_event_journey import _leader_day

pytestmark = pytest.mark.browser


def test_a_cancelled_leader_day_is_told_shown_and_closed(browsers: Browsers, make_persona) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    coordinator = make_persona(staff=True, full_name="Sara Samordnare")
    nina = make_persona(full_name="Nina Nyfiken", preferred_language="en")
    event, kungsbacka = _leader_day(coordinator.user)
    olle = make_persona(full_name="Olle Olsson")
    for person in (nina.user, olle.user):
        registration = event_register(event=event, person=person)
        registration.municipality = kungsbacka
        registration.save()
    mail.outbox.clear()

    desk = browsers.page(coordinator)
    with translation.override("sv"):
        desk.goto(f"/events/{event.pk}/")
        desk.get_by_role("link", name=gettext("Cancel the event")).click()
        expect(desk.locator("#told")).to_contain_text("2 personer får ett mejl")
        screenshot(desk, "event-call-off-sv")
        desk.get_by_label(gettext("Note to the people registered")).fill(
            "Föreläsaren är sjuk. Vi återkommer med ett nytt datum."
        )
        desk.get_by_role("button", name=gettext("Cancel the event")).click()
        expect(desk.locator(".alert-success")).to_contain_text("2 personer får besked via mejl")
        expect(desk.locator("#cancelled-notice")).to_contain_text("Föreläsaren är sjuk.")
        expect(desk.get_by_role("link", name=gettext("Cancel the event"))).to_have_count(0)
        expect(desk.get_by_role("link", name=gettext("Check-in at the door"))).to_have_count(0)
        screenshot(desk, "event-cancelled-coordinator-sv")

    assert Event.objects.get(pk=event.pk).is_cancelled
    told = {message.to[0]: message for message in mail.outbox}
    assert set(told) == {nina.user.email, olle.user.email} and len(mail.outbox) == 2
    english = told[nina.user.email]
    assert english.subject.startswith("Kungsbackaledaren: Ledardag 2027 on ")
    assert english.subject.endswith(" is cancelled")
    assert f"/events/{event.pk}/" in english.body and "Föreläsaren är sjuk." in english.body
    assert "är inställd" in told[olle.user.email].subject

    reader = browsers.page(nina)
    reader.goto("/events/")
    row = reader.locator("tr", has_text="Ledardag 2027")
    expect(row.locator(".badge")).to_have_text("Cancelled")
    row.get_by_role("link", name="Ledardag 2027").click()
    expect(reader.locator("#my-status")).to_have_text("The event is cancelled.")
    expect(reader.locator("#cancelled-notice")).to_contain_text("Föreläsaren är sjuk.")
    expect(reader.get_by_role("button", name="Cancel my registration")).to_have_count(0)
    screenshot(reader, "event-cancelled-participant-en")

    stranger = browsers.page()
    with translation.override("sv"):
        stranger.goto(f"/events/{event.pk}/open/")
        expect(stranger.locator("#my-status")).to_have_text(gettext("The event is cancelled."))
        expect(stranger.get_by_role("button", name=gettext("Send me a code"))).to_have_count(0)
        screenshot(stranger, "event-cancelled-open-page-sv")

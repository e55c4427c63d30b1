"""The calendar address page: copy the address with one press, or hand it to the calendar app."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_the_copy_button_copies_the_address_and_says_so(page, make_persona) -> None:
    from playwright.sync_api import expect

    person = make_persona(full_name="Ada Adept", preferred_language="sv")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in(page, person)
    page.goto("/pairs/calendar/")
    address = page.locator("#feed-url").input_value()
    with translation.override("sv"):
        page.get_by_role("button", name=gettext("Copy the address")).click()
        expect(page.locator("#live-region")).to_have_text(gettext("The address is copied."))
        webcal = page.get_by_role("link", name=gettext("Open in my calendar app"))
    assert page.evaluate("navigator.clipboard.readText()") == address
    assert webcal.get_attribute("href") == "webcal://" + address.split("://", 1)[1]

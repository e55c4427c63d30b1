"""A refused form says each problem once: in the summary at the top, not again inside the form."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.factories import CohortFactory, ProgrammeFactory

from .conftest import pair_across_two_towns, sign_in

pytestmark = pytest.mark.browser


def test_a_general_error_is_shown_once_in_the_summary(page, make_persona) -> None:
    from playwright.sync_api import expect

    adept = make_persona(full_name="Ada Adept", preferred_language="sv")
    cohort = CohortFactory(programme=ProgrammeFactory(name="Mentorprogrammet"))
    pair = pair_across_two_towns(adept.user, make_persona(full_name="Mona Mentor").user, cohort)
    sign_in(page, adept)
    page.goto(f"/pairs/{pair.pk}/meetings/new/")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with translation.override("sv"):
        page.get_by_label(gettext("Date")).fill(yesterday.isoformat())
        page.get_by_label(gettext("Time")).fill("10:00")
        page.get_by_label(gettext("Place"), exact=True).fill("Kommunhuset")
        page.get_by_role("button", name=gettext("Save the meeting")).click()
        message = gettext("A planned meeting must be in the future.")
    summary = page.locator(".error-summary[role=alert]")
    expect(summary).to_contain_text(message)
    said = page.get_by_text(message, exact=True)
    assert said.evaluate_all("els => els.filter(e => e.offsetParent !== null).length") == 1
    # Without the summary (no script) the form's own box says it: there it is only hidden.
    assert page.locator("form").get_by_text(message).count() == 1

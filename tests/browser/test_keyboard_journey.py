"""A participant's errand with the keyboard alone: skip link, sign-in, the pair page, planning
a meeting (with a mistake first: the error summary takes focus and each error is tied to its
field), logging it and writing a reflection. Every element that takes focus shows it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from pairs.models import Meeting, MeetingStatus, Pair, Reflection
from tests.factories import CohortFactory, ProgrammeFactory

from .conftest import pair_across_two_towns

pytestmark = pytest.mark.browser

FOCUS_STYLE = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  const r = e.getBoundingClientRect();
  return {visible: outline || shadow, shown: r.width > 0 && r.height > 0,
          what: e.outerHTML.slice(0, 120) + ' ' + [s.outlineStyle, s.outlineWidth, s.boxShadow,
                e.matches(':focus'), e.matches(':focus-visible'), document.hasFocus()].join(' / ')};
}"""


def focus_is_visible(page) -> None:
    style = page.evaluate(FOCUS_STYLE)
    assert style["visible"] and style["shown"], f"focus not visible on {style['what']}"


def tab_to(page, target, *, limit: int = 60) -> None:
    """Presses Tab until ``target`` has focus, checking that focus shows at every stop."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            focus_is_visible(page)
            return
        if page.evaluate("document.activeElement !== document.body"):
            focus_is_visible(page)
    raise AssertionError(f"{limit} presses of Tab never reached {target}")


def _pair(adept, mentor) -> Pair:
    cohort = CohortFactory(
        programme=ProgrammeFactory(name="Mentorprogrammet"),
        starts_on=timezone.localdate() - datetime.timedelta(days=60),
        ends_on=timezone.localdate() + datetime.timedelta(days=300),
    )
    return pair_across_two_towns(adept, mentor, cohort)


def test_a_participant_plans_logs_and_reflects_with_the_keyboard_alone(page, make_persona) -> None:
    from playwright.sync_api import expect

    adept = make_persona(full_name="Ada Adept", preferred_language="sv")
    mentor = make_persona(full_name="Mona Mentor", preferred_language="sv")
    pair = _pair(adept.user, mentor.user)
    page.set_viewport_size({"width": 1280, "height": 900})

    with translation.override("sv"):
        # The skip link is the first stop and moves focus to the content.
        page.goto("/accounts/login/")
        page.keyboard.press("Tab")
        skip = page.locator("a.skip-link")
        assert skip.evaluate("element => element === document.activeElement")
        expect(skip).to_be_visible()
        focus_is_visible(page)
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"

        # Sign in.
        form = page.locator("main form").filter(has=page.locator("input[name=password]"))
        tab_to(page, form.locator("input[name=login]"))
        page.keyboard.type(adept.user.email)
        tab_to(page, form.locator("input[name=password]"))
        page.keyboard.type(adept.password)
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/accounts/" not in url)

        # The pair page, from the menu.
        tab_to(page, page.locator("header a[href='/pairs/']"))
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/pairs/{pair.pk}/")
        expect(page.locator("h1")).to_contain_text("Mona Mentor")

        # Plan a meeting: first sent empty, then filled in.
        tab_to(page, page.get_by_role("link", name=gettext("Plan a meeting")).first)
        page.keyboard.press("Enter")
        page.wait_for_url("**/meetings/**")
        tab_to(page, page.get_by_role("button", name=gettext("Save the meeting")))
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        summary = page.locator(".error-summary[role=alert]")
        expect(summary).to_be_visible()
        expect(summary).to_be_focused()
        day = page.get_by_label(gettext("Date"))
        expect(day).to_have_attribute("aria-invalid", "true")
        described_by = day.get_attribute("aria-describedby") or ""
        error_ids = [name for name in described_by.split() if name.endswith("_error")]
        assert error_ids, described_by
        expect(page.locator(f"#{error_ids[0]}")).to_be_visible()
        assert Meeting.objects.filter(pair=pair).count() == 0
        # The summary's first link leads to the field.
        tab_to(page, summary.locator("a").first)
        page.keyboard.press("Enter")
        expect(summary.locator("a").first).not_to_be_focused()
        assert page.evaluate("document.activeElement.name") in {"day", "time"}

        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        # Chromium's segmented date and time widgets order their parts by the machine's
        # locale, not the page's; those two fields are reached by keyboard and then filled.
        if page.evaluate("document.activeElement.name") != "day":
            tab_to(page, day)
        day.fill(tomorrow.isoformat())
        time_field = page.get_by_label(gettext("Time"))
        tab_to(page, time_field)
        time_field.fill("10:00")
        tab_to(page, page.get_by_label(gettext("Place"), exact=True))
        page.keyboard.type("Kommunhuset i Enköping")
        tab_to(page, page.get_by_role("button", name=gettext("Save the meeting")))
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/pairs/{pair.pk}/**")
        expect(page.locator("#meetings")).to_contain_text("Kommunhuset i Enköping")
        meeting = Meeting.objects.get(pair=pair)
        assert timezone.localtime(meeting.starts_at).date() == tomorrow

        # Time passes: the meeting has taken place. Log it.
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=timezone.now() - datetime.timedelta(hours=2)
        )
        page.reload()
        tab_to(page, page.get_by_role("link", name=gettext("Log the meeting")).first)
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        tab_to(page, page.get_by_label(gettext("Actual length (minutes)")))
        page.keyboard.type("80")
        tab_to(page, page.get_by_label(gettext("Shared notes")))
        page.keyboard.type("Vi pratade om att delegera.")
        tab_to(page, page.get_by_role("button", name=gettext("Save")))
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/pairs/{pair.pk}/**")
        expect(page.locator("#meetings")).to_contain_text("Vi pratade om att delegera.")
        assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.HELD

        # A reflection shared with the mentor; the checkbox is ticked with the space bar.
        tab_to(page, page.get_by_role("link", name=gettext("Write a reflection")))
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        tab_to(page, page.get_by_label(gettext("Reflection")))
        page.keyboard.type("Jag vill öva på att säga nej.")
        tab_to(page, page.get_by_label(gettext("Share with my partner")))
        page.keyboard.press("Space")
        tab_to(page, page.get_by_role("button", name=gettext("Save")))
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/pairs/{pair.pk}/**")
        expect(page.locator("#reflections")).to_contain_text("Jag vill öva på att säga nej.")
        reflection = Reflection.objects.get(pair=pair)
        assert reflection.author == adept.user and reflection.shared

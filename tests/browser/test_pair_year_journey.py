"""The pair's year in a browser: agreement, plan, reminder from a real sweep, log, reflect
privately and shared, rate a goal, answer the evaluation; on a phone-sized screen."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from pairs.models import Agreement, Meeting, MeetingStatus, Question, Questionnaire, Response
from pairs.services.sweep import sweep_run
from programmes.models import Role
from tests.factories import CohortFactory, ProgrammeFactory

from .conftest import pair_across_two_towns, sign_in, switch_language

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _sign_out(page) -> None:
    # The menu folds away on a phone; sign out at desktop width.
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name=gettext("Sign out")).click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_pairs_year_on_a_phone(page, make_persona, settings, language: str) -> None:
    from playwright.sync_api import expect

    # Tomorrow at 10 is 24 to 48 hours away, depending on when the test runs.
    settings.PAIRS_REMINDER_HOURS_BEFORE = 48

    adept = make_persona(full_name="Ada Adept", preferred_language=language)
    mentor = make_persona(full_name="Mona Mentor", preferred_language=language)
    programme = ProgrammeFactory(name="Mentorprogrammet")
    cohort = CohortFactory(
        programme=programme,
        starts_on=timezone.localdate() - datetime.timedelta(days=300),
        ends_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    pair = pair_across_two_towns(adept.user, mentor.user, cohort)
    questionnaire = Questionnaire.objects.create(cohort=cohort, send_days_before_end=30)
    question = Question.objects.create(
        questionnaire=questionnaire, audience=Role.ADEPT, kind="scale", text="Hur nöjd är du?"
    )
    mail.outbox.clear()

    page.goto("/accounts/login/")
    switch_language(page, language)
    with translation.override(language):
        sign_in(page, adept)
        page.set_viewport_size(PHONE)
        page.goto("/pairs/")
        expect(page.locator("h1")).to_contain_text("Mona Mentor")
        expect(page.locator("#partner-heading")).to_be_visible()
        _no_sideways_scroll(page)

        # The agreement, confirmed by the adept.
        page.get_by_role("link", name=gettext("Write our agreement")).click()
        page.get_by_label(gettext("how often we meet"), exact=False).fill("En gång i månaden")
        page.get_by_label(gettext("where we meet"), exact=False).fill("Hos Mona i Enköping")
        page.get_by_label(gettext("what the adept wants from the year"), exact=False).fill(
            "Bli tryggare i svåra samtal"
        )
        page.get_by_role("button", name=gettext("Save")).click()
        page.get_by_role("button", name=gettext("I confirm the agreement")).click()
        expect(page.locator("#agreement")).to_contain_text(gettext("The adept has confirmed."))

        # Plan a meeting for tomorrow; the mentor is invited by email with the calendar entry.
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        page.get_by_role("link", name=gettext("Plan a meeting")).first.click()
        page.get_by_label(gettext("Date")).fill(tomorrow.isoformat())
        page.get_by_label(gettext("Time")).fill("10:00")
        page.get_by_label(gettext("Place"), exact=True).fill("Kommunhuset i Enköping")
        _no_sideways_scroll(page)
        page.get_by_role("button", name=gettext("Save the meeting")).click()
        expect(page.locator("#meetings")).to_contain_text("Kommunhuset i Enköping")
        meeting = Meeting.objects.get(pair=pair)
        assert [m.to for m in mail.outbox] == [[mentor.user.email]]

        # The sweep reminds both, once.
        assert sweep_run().reminders == 2
        assert sweep_run().reminders == 0
        reminded = sorted(m.to[0] for m in mail.outbox[1:])
        assert adept.user.email in reminded and mentor.user.email in reminded

        # The meeting has taken place: log it with shared notes.
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=timezone.now() - datetime.timedelta(hours=2)
        )
        page.reload()
        page.get_by_role("link", name=gettext("Log the meeting")).click()
        page.get_by_label(gettext("Actual length (minutes)")).fill("80")
        page.get_by_label(gettext("Shared notes")).fill("Vi pratade om att delegera.")
        page.get_by_role("button", name=gettext("Save")).click()
        expect(page.locator("#meetings")).to_contain_text("Vi pratade om att delegera.")
        assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.HELD

        # A private reflection and a shared one.
        for text, share in (("Privat tanke om mig själv", False), ("Delad tanke om träffen", True)):
            page.get_by_role("link", name=gettext("Write a reflection")).click()
            page.get_by_label(gettext("Reflection")).fill(text)
            if share:
                page.get_by_label(gettext("Share with my partner")).check()
            page.get_by_role("button", name=gettext("Save")).click()
            expect(page.locator("#reflections")).to_contain_text(text)

        # A goal, rated on the page; the chart and its table appear.
        page.get_by_role("link", name=gettext("New goal")).click()
        page.get_by_label(gettext("Goal")).fill("Gå hem i tid")
        page.get_by_role("button", name=gettext("Save")).click()
        page.locator("#goals input[name=rating]").fill("6")
        page.get_by_role("button", name=gettext("Save rating")).click()
        expect(page.locator("#goals svg")).to_be_visible()
        expect(page.locator("#goals table")).to_contain_text("6")
        _no_sideways_scroll(page)

        # The evaluation.
        page.goto(f"/pairs/evaluation/{questionnaire.pk}/")
        page.locator(f"input[name=q{question.pk}][value='4']").check()
        page.get_by_role("button", name=gettext("Send my answers")).click()
        expect(page.locator("main")).to_contain_text(gettext("You have answered. Thank you!"))
        assert Response.objects.filter(person=adept.user).count() == 1
        _sign_out(page)

        # The mentor reads the shared reflection, never the private one, and confirms.
        sign_in(page, mentor)
        page.goto(f"/pairs/{pair.pk}/")
        expect(page.locator("#reflections")).to_contain_text("Delad tanke om träffen")
        expect(page.locator("main")).not_to_contain_text("Privat tanke om mig själv")
        page.get_by_role("button", name=gettext("I confirm the agreement")).click()
        assert Agreement.objects.get(pair=pair).is_confirmed

"""A pulse survey in a browser: the coordinator builds it (a scale, a single choice, an NPS
and a free-text question), previews it and sends it now; five participants answer from
their pair page; the coordinator reads the results with the NPS and downloads the CSV.
The builder and the results are looked at on a phone-sized screen in Swedish and English."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from notifications.models import Delivery
from pairs.models import QuestionKind, Questionnaire, SurveyKind
from pairs.services.notify import EVALUATION_INVITE
from tests.factories import CohortFactory, ProgrammeFactory

from .conftest import Browsers, pair_across_two_towns, switch_language
from .seed_steps import screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
# Scale, single choice (option number), NPS and free text of each participant.
ANSWERS = [
    ("5", "0", "10", "Mer tid för samtal"),
    ("4", "0", "9", "Fler träffar"),
    ("4", "1", "10", ""),
    ("3", "0", "7", "Bra"),
    ("2", "2", "4", "Svårt att hitta tid"),
]


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _look_on_a_phone(page, url: str, name: str) -> None:
    """The page at 375 px in English and Swedish (screenshots in $SEED_SCREENSHOTS if set)."""
    for language in ("en", "sv"):
        # The language buttons are in the menu, which folds away on a phone.
        page.set_viewport_size(DESKTOP)
        page.goto(url)
        switch_language(page, language)
        page.set_viewport_size(PHONE)
        _no_sideways_scroll(page)
        screenshot(page, f"pulse-{name}-{language}")
    page.set_viewport_size(DESKTOP)


def test_a_coordinator_builds_sends_and_reads_a_pulse_survey(
    browsers: Browsers, make_persona
) -> None:
    from playwright.sync_api import expect

    coordinator = make_persona(full_name="Sara Samordnare", staff=True, preferred_language="sv")
    programme = ProgrammeFactory(name="Mentorprogrammet", coordinators=[coordinator.user])
    cohort = CohortFactory(
        programme=programme,
        name="2026/27",
        starts_on=timezone.localdate() - datetime.timedelta(days=150),
        ends_on=timezone.localdate() + datetime.timedelta(days=200),
    )
    participants = []
    for n in range(3):
        adept = make_persona(full_name=f"Adept {n}", preferred_language="sv")
        mentor = make_persona(full_name=f"Mentor {n}", preferred_language="sv")
        pair = pair_across_two_towns(adept.user, mentor.user, cohort)
        participants += [(adept, pair), (mentor, pair)]
    mail.outbox.clear()

    with translation.override("sv"):
        page = browsers.page(coordinator)
        page.goto(f"/cohorts/{cohort.pk}/")
        page.get_by_role("link", name=gettext("Surveys"), exact=True).click()
        page.get_by_role("button", name=gettext("New pulse survey")).click()
        survey = Questionnaire.objects.get(cohort=cohort, kind=SurveyKind.PULSE)
        expect(page.locator("h1")).to_have_text(gettext("Pulse survey"))
        # The default: a scale, an NPS and a free-text question; a single choice is added.
        page.locator("select[name=new-audience]").select_option("both")
        page.locator("select[name=new-kind]").select_option("single")
        page.locator("input[name=new-text]").fill("Hur ofta ses ni?")
        page.locator("textarea[name=new-options]").fill("Varje månad\nVarannan månad\nMer sällan")
        page.get_by_role("button", name=gettext("Add the question")).click()
        expect(page.locator(".alert-success")).to_contain_text(gettext("The question was added."))
        questions = {q.kind: q for q in survey.questions.all()}
        assert set(questions) == {
            QuestionKind.SCALE,
            QuestionKind.SINGLE,
            QuestionKind.NPS,
            QuestionKind.TEXT,
        }
        builder = page.url
        _look_on_a_phone(page, builder, "builder")

        # The preview, as an adept sees it; nothing can be sent from it.
        page.get_by_role(
            "link", name=gettext("Preview as %(role)s") % {"role": gettext("Adept").lower()}
        ).click()
        expect(page.locator("main form")).to_contain_text("Varannan månad")
        expect(page.get_by_role("button", name=gettext("Send my answers"))).to_be_disabled()
        page.get_by_role("link", name=gettext("Back to the survey")).click()

        page.get_by_role("button", name=gettext("Send now")).click()
        expect(page.locator(".alert-success")).to_contain_text("6")
        assert Delivery.objects.filter(kind=EVALUATION_INVITE).count() == 6

        # Five of the six answer, each from their pair page.
        for (person, pair), (scale, single, nps, text) in zip(participants, ANSWERS, strict=False):
            answering = browsers.page(person)
            answering.set_viewport_size(PHONE)
            answering.goto(f"/pairs/{pair.pk}/")
            answering.locator("#surveys-heading ~ ul").get_by_role("link").click()
            answering.locator(f"input[name=q{questions['scale'].pk}][value='{scale}']").check()
            answering.locator(f"input[name=q{questions['single'].pk}][value='{single}']").check()
            answering.locator(f"input[name=q{questions['nps'].pk}][value='{nps}']").check()
            answering.locator(f"textarea[name=q{questions['text'].pk}]").fill(text)
            # Eleven NPS choices still fit a phone.
            _no_sideways_scroll(answering)
            screenshot(answering, "pulse-answer-sv")
            answering.get_by_role("button", name=gettext("Send my answers")).click()
            expect(answering.locator(".alert-success")).to_contain_text(
                gettext("Thank you! Your answers were saved anonymously.")
            )
            answering.goto(f"/pairs/{pair.pk}/")
            expect(answering.locator("#surveys-heading")).to_have_count(0)

        # The results: three promoters, one passive, one detractor make an NPS of 40.
        page.goto(builder)
        page.get_by_role("link", name=gettext("See the results")).click()
        expect(page.locator("main")).to_contain_text(gettext("NPS %(nps)s") % {"nps": 40})
        expect(page.locator("main")).to_contain_text("Svårt att hitta tid")
        results = page.url
        with page.expect_download() as download_info:
            page.get_by_role("link", name=gettext("Download the results (CSV)")).click()
        content = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
        assert "Hur ofta ses ni?;" in content and "Varje månad;3;60" in content
        for person, _pair in participants:
            assert person.user.full_name not in content
        _look_on_a_phone(page, results, "results")

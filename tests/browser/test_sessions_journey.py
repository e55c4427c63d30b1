"""A programme of sessions, in Swedish: the coordinator plans two sessions with materials, a
participant reads them and writes a reflection, the coordinator marks attendance. Then one
page in English, with no Swedish in it."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation.trans_real import translation as catalogue

from events.models import Event, EventKind, EventRegistration, SessionReflection
from programmes.models import CohortFormat
from tests.factories import CohortFactory, EnrolmentFactory, ProgrammeFactory

from .conftest import sign_in, switch_language
from .seed_steps import mark_attendance

pytestmark = pytest.mark.browser


def _sign_out(page) -> None:
    page.get_by_role("button", name=gettext("Sign out")).click()
    page.wait_for_load_state()


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _swedish_phrases() -> set[str]:
    """The events app's Swedish sentences and phrases (two words or more), to find on a page."""
    phrases = set()
    for _msgid, msgstr in catalogue("sv")._catalog.items():
        text = str(msgstr)
        if "%" not in text and len(text.split()) >= 2:
            phrases.add(text)
    return phrases


def test_a_programme_of_sessions_from_plan_to_reflection_and_attendance(page, make_persona) -> None:
    from playwright.sync_api import expect

    coordinator = make_persona(staff=True, full_name="Sara Samordnare", preferred_language="sv")
    adept = make_persona(full_name="Ada Adept", preferred_language="sv")
    other = make_persona(full_name="Otto Chef", preferred_language="sv")
    programme = ProgrammeFactory(name="Ledarprogrammet", coordinators=[coordinator.user])
    cohort = CohortFactory(programme=programme, name="2027", format=CohortFormat.SESSIONS)
    EnrolmentFactory(person=adept.user, cohort=cohort)
    EnrolmentFactory(person=other.user, cohort=cohort)
    starts = (timezone.localtime() + datetime.timedelta(days=7)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    mail.outbox.clear()

    page.goto("/accounts/login/")
    switch_language(page, "sv")
    with translation.override("sv"):
        sign_in(page, coordinator)
        page.goto(f"/cohorts/{cohort.pk}/sessions/")
        page.get_by_role("link", name=gettext("Plan the first session")).click()
        page.locator("#id_title").fill("Träff 1")
        page.locator("#id_theme").fill("Att leda sig själv")
        page.locator("#id_starts_at").fill(_local(starts))
        page.locator("#id_ends_at").fill(_local(starts + datetime.timedelta(hours=3)))
        page.locator("#id_place").fill("Stadshuset, sal 3")
        page.locator("#id_preparation").fill("Läs kapitel 1 i boken.")
        page.locator("#id_reflection_questions").fill(
            "Vad tar du med dig?\nVad prövar du på jobbet?"
        )
        page.get_by_role("button", name=gettext("Save and add the next")).click()
        # The next is pre-filled four weeks later at the same place.
        expect(page.locator("#id_place")).to_have_value("Stadshuset, sal 3")
        page.locator("#id_theme").fill("Att leda förändring")
        page.get_by_role("button", name=gettext("Save"), exact=True).click()
        table = page.locator("#sessions")
        expect(table).to_contain_text("1 av 2")
        expect(table).to_contain_text("Att leda förändring")

        first, second = Event.objects.filter(kind=EventKind.SESSION).order_by("starts_at")
        assert second.starts_at - first.starts_at == datetime.timedelta(weeks=4)
        for session, title in ((first, "Bok, kapitel 1"), (second, "Artikel om förändring")):
            page.goto(f"/sessions/{session.pk}/")
            page.get_by_role("link", name=gettext("Add material")).click()
            page.locator("#id_title").fill(title)
            page.locator("#id_url").fill(f"https://example.se/{session.pk}")
            page.get_by_role("button", name=gettext("Add"), exact=True).click()
            expect(page.locator("#materials-heading + ul")).to_contain_text(title)
        _sign_out(page)

        # The day of the first session comes.
        Event.objects.filter(pk=first.pk).update(
            starts_at=timezone.now() - datetime.timedelta(hours=3),
            ends_at=timezone.now() - datetime.timedelta(hours=1),
        )

        sign_in(page, adept)
        page.goto("/events/")
        page.locator("main").get_by_role("link", name=gettext("My sessions")).click()
        main = page.locator("main")
        expect(main).to_contain_text("Att leda sig själv")
        expect(main).to_contain_text("Att leda förändring")
        expect(main).to_contain_text("Bok, kapitel 1")
        expect(main).to_contain_text("Artikel om förändring")
        page.get_by_role("link", name=gettext("Write your reflection")).click()
        page.locator("#id_answer_0").fill("Att fråga mer än jag berättar.")
        page.get_by_role("button", name=gettext("Save"), exact=True).click()
        expect(page.locator("#own-reflection")).to_contain_text("Att fråga mer än jag berättar.")
        expect(page.locator("#preparation")).to_have_text("Läs kapitel 1 i boken.")
        assert SessionReflection.objects.get().author == adept.user
        _sign_out(page)

        sign_in(page, coordinator)
        mark_attendance(page, first, ["Ada Adept"])
        page.goto(f"/sessions/{first.pk}/")
        counts = page.locator("#session-counts")
        expect(counts).to_contain_text("1 av 2 var med.")
        expect(counts).to_contain_text("1 har skrivit en reflektion.")
        expect(page.locator("main")).not_to_contain_text("Att fråga mer än jag berättar.")
        assert set(
            EventRegistration.objects.filter(event=first, attended=True).values_list(
                "person_id", flat=True
            )
        ) == {adept.user.pk}

        switch_language(page, "en")
    page.goto(f"/cohorts/{cohort.pk}/sessions/")
    text = page.locator("main").inner_text()
    assert "1 of 2" in text and "Add the next session" in text
    found = [phrase for phrase in _swedish_phrases() if phrase in text]
    assert found == []

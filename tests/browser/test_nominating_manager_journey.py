"""A nominating manager follows a nomination from the start page to its last stage, while the
management group's decisions are recorded on the nomination's page (issue 15)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from programmes.models import AdmissionRule, Nomination, Role
from tests.factories import EnrolmentFactory, MembershipFactory, MunicipalityFactory, UserFactory
from tests.programmes.factories_enrolment import (
    ApplicationFactory,
    ApprovalStageFactory,
    open_cohort,
)

from .a11y.test_axe import axe_violations
from .conftest import Browsers, sign_in, switch_language

pytestmark = pytest.mark.browser

STAGES = ("Förvaltningens ledningsgrupp", "Kommunkoncernledningen")
NOMINEES = ("Alva Persson", "Bengt Ek", "Cecilia Holm")


def _nominations(manager, coordinator):  # type: ignore[no-untyped-def]
    """Three nominations by ``manager`` to a Ledartalang cohort with two approval stages."""
    norrtalje = MunicipalityFactory(name="Norrtälje", code="0188")
    cohort = open_cohort(rule=AdmissionRule.NOMINATION, places=15, name="Ledartalang våren 2027")
    programme = cohort.programme
    programme.name = "Ledartalang"
    programme.save()
    programme.coordinators.add(coordinator)
    MembershipFactory(programme=programme, municipality=norrtalje)
    for position, name in enumerate(STAGES, start=1):
        ApprovalStageFactory(programme=programme, name=name, position=position)
    return [
        Nomination.objects.create(
            enrolment=ApplicationFactory(
                person=UserFactory(full_name=name),
                cohort=cohort,
                municipality=norrtalje,
                completed_at=timezone.now(),
            ),
            nominated_by=manager,
            motivation=f"{name} leder redan arbetsgrupper med stort förtroende.",
        )
        for name in NOMINEES
    ]


def _my_nomination(page, name: str):  # type: ignore[no-untyped-def]
    """The start page's line about the nomination of ``name``."""
    section = page.locator("section[aria-labelledby=nominations-heading]")
    return section.locator("li").filter(has=page.get_by_role("link", name=name))


def test_a_manager_follows_a_nomination_from_the_start_page_to_its_last_stage(
    browsers: Browsers, make_persona
) -> None:
    from playwright.sync_api import expect

    manager = make_persona(full_name="Peter Gustafsson")
    coordinator = make_persona(staff=True, full_name="Monica Dahlström")
    alva, *_others = _nominations(manager.user, coordinator.user)

    with translation.override("sv"):
        mine = browsers.page(manager)
        mine.goto("/")
        expect(mine.locator("#nominations-heading")).to_have_text(gettext("My nominations"))
        expect(mine.locator("main")).not_to_contain_text(
            gettext("You are not taking part in a programme yet.")
        )
        for name in NOMINEES:
            expect(_my_nomination(mine, name)).to_contain_text(
                gettext("Waiting for: %(stage)s") % {"stage": STAGES[0]}
            )
        # The menu leads to every nomination the manager has made.
        expect(
            mine.locator("header").get_by_role("link", name=gettext("My nominations"))
        ).to_be_visible()

        _my_nomination(mine, "Alva Persson").get_by_role("link").click()
        expect(mine.locator("h1")).to_contain_text("Alva Persson")
        expect(mine.locator("main")).to_contain_text(gettext("No stage has decided yet."))
        # The manager follows the decisions; recording them is the stages' own.
        expect(mine.get_by_role("button", name=gettext("Record decision"))).to_have_count(0)

        group = browsers.page(coordinator)
        for number, stage in enumerate(STAGES):
            group.goto(f"/nominations/{alva.pk}/")
            expect(group.locator("form h3")).to_contain_text(stage)
            group.get_by_label(gettext("Yes"), exact=True).check()
            group.locator("#id_comment").fill(f"{stage}: stark kandidat.")
            group.locator("#id_message").fill(f"{stage} säger ja.")
            group.get_by_role("button", name=gettext("Record decision")).click()
            expect(group.locator("table")).to_contain_text(f"{stage}: stark kandidat.")

            mine.goto("/")
            if number + 1 < len(STAGES):
                expect(_my_nomination(mine, "Alva Persson")).to_contain_text(
                    gettext("Waiting for: %(stage)s") % {"stage": STAGES[number + 1]}
                )
        # The last stage said yes: the start page tells the outcome.
        expect(_my_nomination(mine, "Alva Persson")).to_contain_text(gettext("Admitted"))
        expect(_my_nomination(mine, "Bengt Ek")).to_contain_text(
            gettext("Waiting for: %(stage)s") % {"stage": STAGES[0]}
        )
        _my_nomination(mine, "Alva Persson").get_by_role("link").click()
        table = mine.locator("table")
        for stage in STAGES:
            expect(table).to_contain_text(f"{stage} säger ja.")
            # The internal comment stays with those who decide.
            expect(table).not_to_contain_text(f"{stage}: stark kandidat.")
        expect(mine.locator("dl")).to_contain_text(gettext("Admitted"))

        mine.goto("/")
        mine.get_by_role("link", name=gettext("All my nominations")).click()
        expect(mine.locator("h1")).to_have_text(gettext("My nominations"))
        expect(mine.locator("main")).to_contain_text(pgettext("enrolment status", "Nominated"))


# The start page of each persona at 375 px, in Swedish and English ----------------------


def _personas(make_persona):  # type: ignore[no-untyped-def]
    """A coordinator, a municipality contact, a nominating manager and an adept, each with
    something on their to-do list."""
    coordinator = make_persona(staff=True, full_name="Monica Dahlström")
    contact = make_persona(staff=True, full_name="Karin Kontaktperson Norrtälje")
    manager = make_persona(full_name="Peter Gustafsson")
    adept = make_persona(full_name="Ada Adeptsson")
    nominations = _nominations(manager.user, coordinator.user)
    cohort = nominations[0].enrolment.cohort
    municipality = nominations[0].enrolment.municipality
    municipality.contacts.add(contact.user)
    ApplicationFactory.create_batch(
        4, cohort=cohort, municipality=municipality, completed_at=timezone.now()
    )
    EnrolmentFactory(person=adept.user, cohort=cohort, role=Role.ADEPT, municipality=municipality)
    return {"coordinator": coordinator, "contact": contact, "manager": manager, "adept": adept}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_personas_start_page_fits_a_375_px_screen_and_passes_axe(
    page, make_persona, language: str
) -> None:
    from playwright.sync_api import expect

    # TODO_SCREENSHOTS=/tmp/start keeps a picture of each page to look at.
    shots = Path(os.environ["TODO_SCREENSHOTS"]) if os.environ.get("TODO_SCREENSHOTS") else None
    for persona_name, persona in _personas(make_persona).items():
        page.context.clear_cookies()
        # The language buttons sit in the menu, which a phone's screen folds away.
        page.set_viewport_size({"width": 1280, "height": 800})
        sign_in(page, persona)
        switch_language(page, language)
        page.set_viewport_size({"width": 375, "height": 812})
        page.goto("/")
        expect(page.locator("#todo-heading")).to_be_visible()
        if shots:
            page.screenshot(
                path=str(shots / f"start-{persona_name}-{language}.png"), full_page=True
            )
        # Nothing sticks out sideways: no horizontal scrolling on a phone.
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{persona_name} ({language}): {overflow} px too wide"
        assert axe_violations(page) == [], persona_name

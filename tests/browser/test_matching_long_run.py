"""A large cohort's run in the browser: the run page follows its stage in place, with the
keyboard, and then leads to the proposals; the objective chosen in the settings shows."""

from __future__ import annotations

import pytest

from matching.models import MatchRun, RunStage
from matching.services import long_runs
from tests.factories import MembershipFactory, MunicipalityFactory, ProgrammeFactory
from tests.matching.factories import profiled_cohort

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_the_run_page_follows_a_long_run_until_its_proposals(page, make_persona, settings) -> None:
    from playwright.sync_api import expect

    # Three adepts count as large here; the live server commits, so the task runs at once:
    # the run is put back to a stage under way to be followed.
    settings.MATCHING_TASK_FROM_ADEPTS = 2
    coordinator = make_persona(staff=True, full_name="Sara Samordnare")
    places = [
        MunicipalityFactory(name="Håbo", code="0305"),
        MunicipalityFactory(name="Enköping", code="0381"),
        MunicipalityFactory(name="Knivsta", code="0330"),
    ]
    programme = ProgrammeFactory(name="Mentorprogrammet", coordinators=[coordinator.user])
    for municipality in places:
        MembershipFactory(programme=programme, municipality=municipality)
    profiled = profiled_cohort(
        programme,
        adepts=[("Anna Adept", places[0]), ("Bo Adept", places[1]), ("Cia Adept", places[2])],
        mentors=[("Mia Mentor", places[1]), ("Nils Mentor", places[2]), ("Olga Mentor", places[0])],
    )
    sign_in(page, coordinator)

    page.goto(f"/matching/cohorts/{profiled.cohort.pk}/settings/")
    page.get_by_label("Inget svagt par", exact=False).check()
    page.get_by_role("button", name="Spara").click()
    page.goto(f"/matching/cohorts/{profiled.cohort.pk}/")
    page.get_by_role("button", name="Kör matchningen").click()
    expect(page.locator("h1")).to_have_text("Körning 1")
    run = MatchRun.objects.get()
    assert run.stage == RunStage.DONE

    MatchRun.objects.filter(pk=run.pk).update(stage=RunStage.QUEUED)
    run.proposals.all().delete()
    page.reload()
    expect(page.locator("#run-stage")).to_contain_text("Väntar på att starta")
    MatchRun.objects.filter(pk=run.pk).update(stage=RunStage.SOLVING)
    # The page asks every two seconds and shows the new stage without a reload.
    expect(page.locator("#run-stage")).to_contain_text("Söker den bästa matchningen")
    MatchRun.objects.filter(pk=run.pk).update(stage=RunStage.QUEUED)
    long_runs.match_run_compute(run_id=run.pk)
    expect(page.locator("#run-stage")).to_contain_text("Körningen är klar")
    link = page.get_by_role("link", name="Visa de föreslagna paren")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#pair-count")).to_have_text("3")
    expect(page.locator("#objective")).to_have_text("Inget svagt par")
    expect(page.locator("main")).to_contain_text("Vad varje mål ger")

"""Matching in the browser: run, lock, re-run, publish; and a participant's autosaved profile."""

from __future__ import annotations

import pytest
from django.utils.translation import gettext

from matching.models import MatchRun, PairLock, ProfileAnswer
from tests.factories import MembershipFactory, MunicipalityFactory, ProgrammeFactory
from tests.matching.factories import profiled_cohort

from .conftest import sign_in

pytestmark = pytest.mark.browser


def _cohort(coordinator):
    a = MunicipalityFactory(name="Håbo", code="0305")
    b = MunicipalityFactory(name="Enköping", code="0381")
    c = MunicipalityFactory(name="Knivsta", code="0330")
    programme = ProgrammeFactory(name="Mentorprogrammet", coordinators=[coordinator])
    for municipality in (a, b, c):
        MembershipFactory(programme=programme, municipality=municipality)
    return profiled_cohort(
        programme,
        adepts=[("Anna Adept", a), ("Bo Adept", b), ("Cia Adept", c)],
        mentors=[("Mia Mentor", b), ("Nils Mentor", c), ("Olga Mentor", a)],
    )


def test_coordinator_runs_locks_reruns_and_publishes(page, make_persona) -> None:
    from playwright.sync_api import expect

    coordinator = make_persona(staff=True, full_name="Sara Samordnare")
    profiled = _cohort(coordinator.user)
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, coordinator)

    page.goto(f"/matching/cohorts/{profiled.cohort.pk}/")
    page.get_by_role("button", name=gettext("Run the matching")).click()
    expect(page.locator("h1")).to_have_text("Körning 1")
    expect(page.locator("#pair-count")).to_have_text("3")
    page.get_by_role("button", name="Lås Anna Adept").click()
    expect(page.locator(".alert-success")).to_contain_text("låst")
    lock = PairLock.objects.get()
    assert lock.adept.person.full_name == "Anna Adept"

    page.goto(f"/matching/cohorts/{profiled.cohort.pk}/")
    page.get_by_role("button", name="Kör matchningen").click()
    expect(page.locator("h1")).to_have_text("Körning 2")
    expect(page.locator("table")).to_contain_text("låst")
    page.get_by_role("button", name="Publicera paren").click()
    expect(page.locator(".alert-success")).to_contain_text("3 par skapades")
    run = MatchRun.objects.get(number=2)
    assert run.published_at is not None
    assert profiled.cohort.pairs.count() == 3
    assert profiled.cohort.pairs.get(adept=lock.adept).mentor_id == lock.mentor_id


def test_participant_answers_are_saved_as_they_go(page, make_persona) -> None:
    from playwright.sync_api import expect

    coordinator = make_persona(staff=True)
    profiled = _cohort(coordinator.user)
    adept = profiled.adepts[0]
    ProfileAnswer.objects.filter(enrolment=adept).delete()
    persona = make_persona()
    adept.person = persona.user
    adept.save(update_fields=["person"])
    sign_in(page, persona)

    page.goto(f"/matching/profile/{adept.pk}/")
    expect(page.locator("h1")).to_have_text("Min ledarprofil")
    question = profiled.scale_questions[0]
    page.locator(f"label[for='q{question.pk}-4']").click()
    expect(page.locator(f"#status-q{question.pk}")).to_have_text("Sparat")
    assert ProfileAnswer.objects.get(enrolment=adept, question=question).scale_value == 4
    page.get_by_label("Kommunikation").check()
    expect(page.locator(f"#status-q{profiled.needs_question.pk}")).to_have_text("Sparat")
    assert ProfileAnswer.objects.get(enrolment=adept, question=profiled.needs_question).choices == [
        "Kommunikation"
    ]

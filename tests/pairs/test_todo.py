"""The pairs' to-dos on the start page: for those who run the programme and for the members."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pairs import schedule
from pairs.models import (
    Agreement,
    Audience,
    FitAnswer,
    MeetingStatus,
    PairNudge,
    Question,
    Questionnaire,
    Response,
    SurveyKind,
)
from pairs.selectors import cohort_health
from programmes.models import Role
from tests.programmes.factories_enrolment import english
from tests.todos import find, todos_on_start_page, url
from tests.world import World

from .factories import HeldMeetingFactory, MeetingFactory

__all__ = ["english"]

pytestmark = pytest.mark.django_db

ATTENTION = "Pairs that need attention"
DOES_NOT_WORK = "Pairs that say it does not work"
EVALUATION = "Have not answered the evaluation"


def _nudge(pair, *, days_ago: int, times: int) -> None:
    for number in range(1, times + 1):
        PairNudge.objects.create(
            pair=pair,
            number=number,
            sent_at=timezone.now() - datetime.timedelta(days=days_ago - number),
        )


def test_the_coordinator_sees_the_pairs_the_cohort_health_says_need_attention(
    world: World, client_for
) -> None:
    threshold = schedule.nudges_before_attention()
    _nudge(world.pair, days_ago=30, times=threshold)
    # Nudged as often, but met after the nudges: no longer waiting.
    _nudge(world.other_pair, days_ago=30, times=threshold)
    HeldMeetingFactory(pair=world.other_pair, starts_at=timezone.now() - datetime.timedelta(days=2))
    (todo,) = find(todos_on_start_page(client_for("coordinator")), ATTENTION)
    assert todo.count == sum(row.needs_attention for row in cohort_health(world.cohort)) == 1
    assert todo.url == url("pairs:cohort_health", world.cohort.pk, "attention=1")
    assert todo.is_urgent


def test_the_coordinator_sees_the_pairs_where_someone_says_it_does_not_work(
    world: World, client_for
) -> None:
    FitAnswer.objects.create(pair=world.pair, person=world.adept, works=False)
    FitAnswer.objects.create(pair=world.pair, person=world.mentor, works=True)
    FitAnswer.objects.create(pair=world.other_pair, person=world.other_mentor, works=True)
    (todo,) = find(todos_on_start_page(client_for("coordinator")), DOES_NOT_WORK)
    assert todo.count == 1
    assert todo.url == url("pairs:cohort_health", world.cohort.pk, "fit=no")


def test_the_pairs_counts_are_for_those_who_run_the_programme_only(
    world: World, client_for
) -> None:
    _nudge(world.pair, days_ago=30, times=schedule.nudges_before_attention())
    FitAnswer.objects.create(pair=world.pair, person=world.adept, works=False)
    # The cohort health page is theirs alone (administrators get 404 there), so is the count.
    for persona in ("administrator", "other_coordinator", "contact_a", "adept", "mentor"):
        todos = todos_on_start_page(client_for(persona))
        assert find(todos, ATTENTION) == find(todos, DOES_NOT_WORK) == [], persona


def _evaluation_sent(world: World, *, days_ago: int) -> Questionnaire:
    world.cohort.ends_on = timezone.localdate() + datetime.timedelta(days=30 - days_ago)
    world.cohort.save()
    evaluation = Questionnaire.objects.create(cohort=world.cohort, send_days_before_end=30)
    for role in (Role.ADEPT, Role.MENTOR):
        Question.objects.create(
            questionnaire=evaluation, audience=role, kind="scale", text="Hur nöjd är du?"
        )
    return evaluation


def _answered(evaluation: Questionnaire, enrolment) -> None:
    Response.objects.create(
        questionnaire=evaluation,
        person=enrolment.person,
        role=enrolment.role,
        municipality=enrolment.municipality,
    )


def test_an_evaluation_few_have_answered_after_a_week_is_shown(world: World, client_for) -> None:
    evaluation = _evaluation_sent(world, days_ago=8)
    _answered(evaluation, world.adept_enrolment)
    (todo,) = find(todos_on_start_page(client_for("coordinator")), EVALUATION)
    assert todo.count == 3
    assert todo.url == reverse("pairs:evaluation_results", args=[world.cohort.pk])
    assert todo.detail == "Mentorprogrammet – 2026/27 · 1 of 4 has answered"


def test_an_evaluation_is_not_shown_in_its_first_week_nor_when_half_answered(
    world: World, client_for
) -> None:
    evaluation = _evaluation_sent(world, days_ago=3)
    assert find(todos_on_start_page(client_for("coordinator")), EVALUATION) == []
    Questionnaire.objects.filter(pk=evaluation.pk).update(send_days_before_end=25)
    world.cohort.ends_on = timezone.localdate() + datetime.timedelta(days=10)
    world.cohort.save()
    _answered(evaluation, world.adept_enrolment)
    _answered(evaluation, world.mentor_enrolment)
    assert find(todos_on_start_page(client_for("coordinator")), EVALUATION) == []


# The members ------------------------------------------------------------------------


def test_a_member_is_asked_to_confirm_the_agreement_only_until_they_have(
    world: World, client_for
) -> None:
    Agreement.objects.create(
        pair=world.pair,
        meeting_frequency="Månadsvis",
        meeting_place="Enköping",
        adept_wishes="Leda förändring",
        mentor_confirmed_at=timezone.now(),
    )
    pair_page = reverse("pairs:pair_detail", args=[world.pair.pk])
    (todo,) = todos_on_start_page(client_for("adept"))
    assert (todo.label, todo.url) == ("Confirm your mentor agreement", f"{pair_page}#agreement")
    assert todos_on_start_page(client_for("mentor")) == []
    # The other pair has nothing to confirm.
    assert todos_on_start_page(client_for("other_mentor")) == []


def test_a_member_is_asked_to_log_past_meetings_and_then_whether_the_pair_works(
    world: World, client_for
) -> None:
    past = timezone.now() - datetime.timedelta(days=3)
    MeetingFactory(pair=world.pair, starts_at=past)
    MeetingFactory(pair=world.pair, starts_at=past - datetime.timedelta(days=30))
    MeetingFactory(pair=world.pair)  # still to come
    MeetingFactory(pair=world.pair, starts_at=past, status=MeetingStatus.CANCELLED)
    pair_page = reverse("pairs:pair_detail", args=[world.pair.pk])
    (todo,) = todos_on_start_page(client_for("mentor"))
    assert (todo.label, todo.count, todo.url) == ("Meetings to log", 2, f"{pair_page}#meetings")
    HeldMeetingFactory(pair=world.pair)
    fit = [t.url for t in todos_on_start_page(client_for("mentor")) if t.label.startswith("Tell")]
    assert fit == [reverse("pairs:fit_answer", args=[world.pair.pk])]
    FitAnswer.objects.create(pair=world.pair, person=world.mentor, works=True)
    assert find(todos_on_start_page(client_for("mentor")), "Tell us whether your pair works") == []
    # The other pair's members are not asked about this pair.
    assert todos_on_start_page(client_for("other_mentor")) == []


def test_a_pulse_survey_few_have_answered_is_named_and_leads_to_its_results(
    world: World, client_for
) -> None:
    pulse = Questionnaire.objects.create(
        cohort=world.cohort,
        kind=SurveyKind.PULSE,
        title="Halvtid",
        open_from=timezone.localdate() - datetime.timedelta(days=8),
    )
    Question.objects.create(
        questionnaire=pulse, audience=Audience.BOTH, kind="scale", text="Hur går det?"
    )
    _answered(pulse, world.adept_enrolment)
    todos = todos_on_start_page(client_for("coordinator"))
    assert find(todos, EVALUATION) == []
    (todo,) = find(todos, "Have not answered the survey: Halvtid")
    assert todo.count == 3
    assert todo.url == reverse("pairs:survey_results", args=[pulse.pk])

"""Matching's to-dos on the start page: leader profiles not finished before matching."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from matching.models import ProfileAnswer
from matching.selectors import unfinished_enrolments
from pairs.models import Pair
from tests.todos import find, todos_on_start_page, url
from tests.world import World

from .factories import Profiled

pytestmark = pytest.mark.django_db

COORDINATOR_LINE = "Leader profiles not finished before matching"
PARTICIPANT_LINE = "Fill in your leader profile"


def _unfinish(profiled: Profiled) -> None:
    """The first adept has answered nothing, the first mentor all but the needs."""
    ProfileAnswer.objects.filter(enrolment=profiled.adepts[0]).delete()
    ProfileAnswer.objects.filter(
        enrolment=profiled.mentors[0], question=profiled.needs_question
    ).delete()
    # A free-text answer is never required: the second adept is still finished.
    ProfileAnswer.objects.create(
        enrolment=profiled.adepts[1], question=profiled.text_question, text=""
    )


def test_coordinator_sees_the_unfinished_profiles_of_a_cohort(
    world: World, client_for, profiled: Profiled
) -> None:
    _unfinish(profiled)
    (todo,) = find(todos_on_start_page(client_for("coordinator")), COORDINATOR_LINE)
    assert todo.count == len(unfinished_enrolments(profiled.cohort)) == 2
    assert todo.url == url("matching:profile_status", profiled.cohort.pk)
    assert todo.detail == f"Mentorprogrammet – {profiled.cohort.name}"


def test_a_paired_participant_is_no_longer_waited_for(
    world: World, client_for, profiled: Profiled
) -> None:
    _unfinish(profiled)
    Pair.objects.create(
        cohort=profiled.cohort, adept=profiled.adepts[0], mentor=profiled.mentors[0]
    )
    assert find(todos_on_start_page(client_for("coordinator")), COORDINATOR_LINE) == []


def test_profiles_not_yet_open_ask_for_nothing(
    world: World, client_for, profiled: Profiled
) -> None:
    _unfinish(profiled)
    profiled.cohort.matching.profiles_opened_at = None
    profiled.cohort.matching.save()
    assert find(todos_on_start_page(client_for("coordinator")), COORDINATOR_LINE) == []


def test_the_participant_is_asked_to_fill_in_their_own_profile_only(
    world: World, profiled: Profiled
) -> None:
    _unfinish(profiled)
    unfinished, finished = Client(), Client()
    unfinished.force_login(profiled.adepts[0].person)
    finished.force_login(profiled.adepts[1].person)
    (todo,) = todos_on_start_page(unfinished)
    assert todo.label == PARTICIPANT_LINE
    assert todo.url == reverse("matching:profile", args=[profiled.adepts[0].pk])
    assert todos_on_start_page(finished) == []


def test_no_one_else_sees_the_cohorts_unfinished_profiles(
    world: World, client_for, profiled: Profiled
) -> None:
    _unfinish(profiled)
    for persona in ("other_coordinator", "contact_a", "manager", "adept", "outsider"):
        todos = todos_on_start_page(client_for(persona))
        assert find(todos, COORDINATOR_LINE) == [], persona

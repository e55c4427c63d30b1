"""pairs/carry_over.py: next year's evaluation asks the same questions and has no answers."""

from __future__ import annotations

import pytest
from django.utils import translation

from pairs.carry_over import copy_cohort
from pairs.models.evaluation import Answer, Question, Questionnaire, Response
from programmes.copying import CopyContext
from tests.factories import CohortFactory
from tests.world import World

pytestmark = pytest.mark.django_db


def test_the_questions_are_copied_in_order_and_the_answers_stay(world: World) -> None:
    source = Questionnaire.objects.create(cohort=world.cohort, introduction="Tack!")
    for position, text in enumerate(["Vad tar du med dig?", "Hur nöjd är du?"]):
        Question.objects.create(
            questionnaire=source, audience="adept", kind="text", text=text, position=position
        )
    Response.objects.create(
        questionnaire=source, person=world.adept, role="adept", municipality=world.municipality_a
    )
    Answer.objects.create(question=source.questions.first(), text="Mycket")
    target = CohortFactory(programme=world.programme, name="Nästa år")

    with translation.override("sv"):
        lines = copy_cohort(
            source=world.cohort, target=target, copy=CopyContext(actor=world.coordinator)
        )

    copy = Questionnaire.objects.get(cohort=target)
    assert lines == ["utvärderingen inför avslutet med 2 frågor"]
    assert copy.introduction == "Tack!"
    assert list(copy.questions.values_list("text", flat=True)) == [
        "Vad tar du med dig?",
        "Hur nöjd är du?",
    ]
    assert not copy.responses.exists()
    assert not Answer.objects.filter(question__questionnaire=copy).exists()


def test_a_cohort_without_an_evaluation_copies_nothing(world: World) -> None:
    target = CohortFactory(programme=world.programme, name="Nästa år")
    copy = CopyContext(actor=world.coordinator)
    assert copy_cohort(source=world.cohort, target=target, copy=copy) == []
    assert not Questionnaire.objects.filter(cohort=target).exists()

"""matching/carry_over.py: the leader profile and the weights, never answers or runs."""

from __future__ import annotations

import pytest
from django.utils import timezone, translation

from matching.carry_over import copy_cohort, copy_programme
from matching.models import (
    CohortMatching,
    Dimension,
    DimensionMode,
    Objective,
    ProfileAnswer,
    Question,
    QuestionKind,
    Questionnaire,
)
from programmes.copying import CopyContext
from tests.factories import CohortFactory, ProgrammeFactory
from tests.world import World

pytestmark = pytest.mark.django_db


def test_the_questionnaire_keeps_its_dimensions_and_loses_its_answers(world: World) -> None:
    source = Questionnaire.objects.create(programme=world.programme, introduction="Om dig")
    values = Dimension.objects.create(
        questionnaire=source, name="Värderingar", mode=DimensionMode.COMPLEMENT, position=1
    )
    scale = Question.objects.create(
        questionnaire=source,
        kind=QuestionKind.SCALE,
        text="Jag lyssnar först",
        mentor_text="Jag låter adepten tala först",
        dimension=values,
    )
    ProfileAnswer.objects.create(enrolment=world.adept_enrolment, question=scale, scale_value=4)
    target = ProgrammeFactory(name="Kopia")

    with translation.override("sv"):
        lines = copy_programme(
            source=world.programme, target=target, copy=CopyContext(actor=world.coordinator)
        )

    copy = Questionnaire.objects.get(programme=target)
    assert lines == ["ledarprofilens frågeformulär med 1 fråga"]
    dimension = copy.dimensions.get()
    assert (dimension.name, dimension.mode, dimension.position) == (
        "Värderingar",
        DimensionMode.COMPLEMENT,
        1,
    )
    question = copy.questions.get()
    assert question.dimension == dimension
    assert question.mentor_text == "Jag låter adepten tala först"
    assert not ProfileAnswer.objects.filter(question__questionnaire=copy).exists()


def test_the_weights_come_along_and_the_profiles_stay_closed(world: World) -> None:
    CohortMatching.objects.create(
        cohort=world.cohort,
        weights={"needs": 1, "travel": 9},
        min_years_ahead=2,
        profiles_opened_at=timezone.now(),
        objective=Objective.NO_WEAK_PAIR,
    )
    target = CohortFactory(programme=world.programme, name="Nästa år")
    copy_cohort(source=world.cohort, target=target, copy=CopyContext(actor=world.coordinator))
    settings = CohortMatching.objects.get(cohort=target)
    assert settings.weights == {"needs": 1, "travel": 9}
    assert settings.min_years_ahead == 2
    assert settings.objective == Objective.NO_WEAK_PAIR
    assert settings.profiles_opened_at is None

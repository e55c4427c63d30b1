"""Cohorts with leader profiles for the matching tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from matching.models import (
    ChoicePurpose,
    CohortMatching,
    Dimension,
    DimensionMode,
    ProfileAnswer,
    Question,
    QuestionKind,
    Questionnaire,
)
from programmes.models import Cohort, Enrolment, Municipality, Programme, Role
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory

NEEDS = ["Förändringsledning", "Kommunikation", "Ekonomi", "Arbetsmiljö"]


@dataclass
class Profiled:
    cohort: Cohort
    questionnaire: Questionnaire
    scale_questions: list[Question]
    needs_question: Question
    text_question: Question
    adepts: list[Enrolment] = field(default_factory=list)
    mentors: list[Enrolment] = field(default_factory=list)


def questionnaire_for(
    programme: Programme,
) -> tuple[Questionnaire, list[Question], Question, Question]:
    questionnaire, created = Questionnaire.objects.get_or_create(programme=programme)
    if not created:
        questions = list(questionnaire.questions.order_by("position"))
        return questionnaire, questions[:2], questions[2], questions[3]
    change = Dimension.objects.create(questionnaire=questionnaire, name="Leda förändring")
    structure = Dimension.objects.create(
        questionnaire=questionnaire, name="Struktur", mode=DimensionMode.COMPLEMENT
    )
    scale = [
        Question.objects.create(
            questionnaire=questionnaire,
            kind=QuestionKind.SCALE,
            text="Jag driver förändring",
            dimension=change,
            position=1,
        ),
        Question.objects.create(
            questionnaire=questionnaire,
            kind=QuestionKind.SCALE,
            text="Jag planerar noga",
            dimension=structure,
            position=2,
        ),
    ]
    needs = Question.objects.create(
        questionnaire=questionnaire,
        kind=QuestionKind.CHOICE,
        text="Vad vill du utveckla?",
        mentor_text="Vad kan du bidra med?",
        purpose=ChoicePurpose.NEEDS,
        options="\n".join(NEEDS),
        position=3,
    )
    text = Question.objects.create(
        questionnaire=questionnaire, kind=QuestionKind.TEXT, text="Något mer?", position=4
    )
    return questionnaire, scale, needs, text


def answer(
    enrolment: Enrolment, profiled: Profiled, scale: tuple[int, int], needs: list[str]
) -> None:
    for question, value in zip(profiled.scale_questions, scale, strict=True):
        ProfileAnswer.objects.update_or_create(
            enrolment=enrolment, question=question, defaults={"scale_value": value}
        )
    ProfileAnswer.objects.update_or_create(
        enrolment=enrolment, question=profiled.needs_question, defaults={"choices": needs}
    )


def profiled_cohort(
    programme: Programme,
    *,
    adepts: list[tuple[str, Municipality]],
    mentors: list[tuple[str, Municipality]],
    capacity: int = 1,
    name: str = "Matchning 2027",
) -> Profiled:
    """A cohort of the programme whose participants have all finished the leader profile."""
    cohort = CohortFactory(programme=programme, name=name)
    questionnaire, scale, needs, text = questionnaire_for(programme)
    CohortMatching.objects.create(cohort=cohort, profiles_opened_at=timezone.now())
    profiled = Profiled(cohort, questionnaire, scale, needs, text)
    for i, (full_name, municipality) in enumerate(adepts):
        enrolment = EnrolmentFactory(
            person=UserFactory(full_name=full_name),
            cohort=cohort,
            role=Role.ADEPT,
            municipality=municipality,
            years_as_manager=1,
        )
        answer(enrolment, profiled, (1 + i % 5, 5 - i % 5), NEEDS[i % 4 : i % 4 + 2])
        profiled.adepts.append(enrolment)
    for i, (full_name, municipality) in enumerate(mentors):
        enrolment = EnrolmentFactory(
            person=UserFactory(full_name=full_name),
            cohort=cohort,
            role=Role.MENTOR,
            municipality=municipality,
            years_as_manager=8 + i,
            mentor_capacity=capacity,
        )
        answer(enrolment, profiled, (2 + i % 4, 1 + i % 5), NEEDS[i % 4 :])
        profiled.mentors.append(enrolment)
    return profiled

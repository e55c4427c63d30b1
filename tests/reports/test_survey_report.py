"""The yearly report's evaluation section with pulse surveys and the new question kinds."""

from __future__ import annotations

import pytest
from django.utils import timezone, translation

from pairs.models import Audience, Question, QuestionKind, Questionnaire, SurveyKind
from pairs.services.evaluation import evaluation_answer
from programmes.models import Role
from reports.figures import collect_figures
from tests.factories import EnrolmentFactory
from tests.world import World

pytestmark = pytest.mark.django_db


def test_a_pulse_survey_gets_its_own_table_with_the_nps_and_the_most_chosen_option(
    world: World,
) -> None:
    survey = Questionnaire.objects.create(
        cohort=world.cohort,
        kind=SurveyKind.PULSE,
        title="Halvtid",
        open_from=timezone.localdate(),
    )
    nps, single, text, rare = (
        Question.objects.create(
            questionnaire=survey,
            audience=audience,
            kind=kind,
            text=label,
            options=options,
            position=n,
        )
        for n, (audience, kind, label, options) in enumerate(
            [
                (Audience.BOTH, QuestionKind.NPS, "Rekommendera?", ""),
                (Audience.BOTH, QuestionKind.SINGLE, "Hur ofta?", "Ofta\nSällan"),
                (Audience.BOTH, QuestionKind.TEXT, "Något mer?", ""),
                (Audience.MENTOR, QuestionKind.SCALE, "Mentorerna?", ""),
            ]
        )
    )
    people = [world.adept, world.other_adept] + [
        EnrolmentFactory(cohort=world.cohort, role=Role.ADEPT).person for _n in range(3)
    ]
    for person, score, chosen in zip(people, [10, 10, 9, 7, 3], [0, 0, 0, 1, 0], strict=True):
        evaluation_answer(
            questionnaire=survey,
            person=person,
            answers={nps.pk: score, single.pk: chosen, text.pk: "Hemligt"},
        )
    evaluation_answer(questionnaire=survey, person=world.mentor, answers={rare.pk: 5})
    with translation.override("en"):
        figures = collect_figures(cohort=world.cohort)
    table = figures.table(f"survey_{survey.pk}")
    assert table is not None and table.title == "Halvtid"
    rows = {row[0]: row[2:] for row in table.rows}
    assert rows["Rekommendera?"] == [5, "NPS +40"]
    assert rows["Hur ofta?"] == [5, "Ofta (80 %)"]
    # One mentor answered: hidden. Free text is never in the report.
    assert rows["Mentorerna?"] == ["<5", "<5"]
    assert "Något mer?" not in rows
    # The pulse survey's answers do not count as answers to the end-of-year evaluation.
    rates = {row[0]: row[2] for row in figures.table("response_rates").rows}
    assert rates == {"Mentor": 0, "Adept": 0}

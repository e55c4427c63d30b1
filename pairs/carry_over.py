"""What the next year takes over from the pairs: the end-of-year evaluation's questions.

Never the answers, the responses, the pairs or anything the pairs wrote.
"""

from __future__ import annotations

from django.utils.translation import ngettext

from pairs.models.evaluation import Question as EvaluationQuestion
from pairs.models.evaluation import Questionnaire as EvaluationQuestionnaire
from pairs.models.evaluation import SurveyKind
from programmes.copying import CopyContext
from programmes.models import Cohort


def copy_cohort(*, source: Cohort, target: Cohort, copy: CopyContext) -> list[str]:
    questionnaire = EvaluationQuestionnaire.objects.filter(
        cohort=source, kind=SurveyKind.EVALUATION
    ).first()
    if questionnaire is None:
        return []
    questions = list(questionnaire.questions.all())
    new = EvaluationQuestionnaire.objects.create(
        cohort=target,
        introduction=questionnaire.introduction,
        send_days_before_end=questionnaire.send_days_before_end,
        send_reminder=questionnaire.send_reminder,
    )
    EvaluationQuestion.objects.bulk_create(
        EvaluationQuestion(
            questionnaire=new,
            audience=question.audience,
            kind=question.kind,
            text=question.text,
            options=question.options,
            position=question.position,
        )
        for question in questions
    )
    return [
        ngettext(
            "the end-of-year evaluation with %(count)d question",
            "the end-of-year evaluation with %(count)d questions",
            len(questions),
        )
        % {"count": len(questions)}
    ]

"""What the next year takes over from matching: the leader profile, the weights and the
objective.

The leader profile questionnaire belongs to the programme, so a new cohort of the same
programme uses it as it is; a copied programme gets its own copy. A cohort's criteria,
weights and objective come along, its profiles stay closed until the coordinator opens
them. Never the answers, exclusions, locks, runs or proposals.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from matching.models import CohortMatching, Dimension, Question, Questionnaire
from programmes.copying import CopyContext
from programmes.models import Cohort, Programme


def copy_cohort(*, source: Cohort, target: Cohort, copy: CopyContext) -> list[str]:
    settings = CohortMatching.objects.filter(cohort=source).first()
    if settings is None:
        return []
    CohortMatching.objects.create(
        cohort=target,
        weights=dict(settings.weights),
        min_years_ahead=settings.min_years_ahead,
        shortlist_open=settings.shortlist_open,
        objective=settings.objective,
    )
    return [_("the matching criteria and weights")]


def copy_programme(*, source: Programme, target: Programme, copy: CopyContext) -> list[str]:
    questionnaire = Questionnaire.objects.filter(programme=source).first()
    if questionnaire is None:
        return []
    new = Questionnaire.objects.create(programme=target, introduction=questionnaire.introduction)
    dimensions = {
        dimension.pk: Dimension.objects.create(
            questionnaire=new, name=dimension.name, mode=dimension.mode, position=dimension.position
        )
        for dimension in questionnaire.dimensions.order_by("position", "pk")
    }
    questions = list(questionnaire.questions.order_by("position", "pk"))
    Question.objects.bulk_create(
        Question(
            questionnaire=new,
            kind=question.kind,
            text=question.text,
            mentor_text=question.mentor_text,
            dimension=dimensions.get(question.dimension_id) if question.dimension_id else None,
            purpose=question.purpose,
            options=question.options,
            audience=question.audience,
            position=question.position,
        )
        for question in questions
    )
    return [
        ngettext(
            "the leader profile questionnaire with %(count)d question",
            "the leader profile questionnaire with %(count)d questions",
            len(questions),
        )
        % {"count": len(questions)}
    ]

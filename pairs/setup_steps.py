"""The pairs' setup step: each cohort's end-of-year evaluation."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pairs.models import Question
from programmes.models import Cohort, Programme
from programmes.setup import Phase, SettingsLink, SetupStep


def setup_steps(*, programme: Programme, cohorts: Sequence[Cohort]) -> list[SetupStep]:
    if not cohorts:
        return []
    with_questions = set(
        Question.objects.filter(questionnaire__cohort__in=[c.pk for c in cohorts])
        .values_list("questionnaire__cohort_id", flat=True)
        .distinct()
    )
    return [
        SetupStep(
            key="pairs.evaluation",
            label=_("End-of-year evaluation"),
            done=cohort.pk in with_questions,
            url=reverse("pairs:questionnaire_edit", kwargs={"pk": cohort.pk}),
            phase=Phase.BEFORE_THE_YEAR,
            why=_("The evaluation has no questions, so nobody is asked how the year went."),
            cohort=cohort,
            coordinators_only=True,
        )
        for cohort in cohorts
    ]


def settings_links(*, programme: Programme, cohort: Cohort | None) -> list[SettingsLink]:
    if cohort is None:
        return []
    return [
        SettingsLink(
            _("End-of-year evaluation"),
            reverse("pairs:questionnaire_edit", kwargs={"pk": cohort.pk}),
            coordinators_only=True,
        )
    ]

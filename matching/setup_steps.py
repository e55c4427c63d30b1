"""Matching's setup steps: the leader profile questionnaire, each cohort's settings and profiles."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from matching.models import CohortMatching, Question
from programmes.models import Cohort, CohortFormat, Programme
from programmes.setup import Phase, SettingsLink, SetupStep


def setup_steps(*, programme: Programme, cohorts: Sequence[Cohort]) -> list[SetupStep]:
    # A programme of sessions has no mentors, and nothing to match.
    cohorts = [cohort for cohort in cohorts if cohort.has_mentors]
    if not cohorts and programme.cohort_format == CohortFormat.SESSIONS:
        return []
    steps = [
        SetupStep(
            key="matching.questionnaire",
            label=_("Leader profile questionnaire"),
            done=Question.objects.filter(questionnaire__programme=programme).exists(),
            url=reverse("matching:questionnaire", kwargs={"pk": programme.pk}),
            phase=Phase.BEFORE_MATCHING,
            why=_(
                "The questionnaire has no questions, so the leader profiles tell matching nothing."
            ),
        )
    ]
    if not cohorts:
        return steps
    configs = {
        config.cohort_id: config
        for config in CohortMatching.objects.filter(cohort__in=[c.pk for c in cohorts])
    }
    for cohort in cohorts:
        config = configs.get(cohort.pk)
        steps += [
            SetupStep(
                key="matching.settings",
                label=_("Matching settings: criteria and weights"),
                done=config is not None,
                url=reverse("matching:settings", kwargs={"pk": cohort.pk}),
                phase=Phase.BEFORE_MATCHING,
                why=_("Not reviewed yet; matching would use the default weights."),
                cohort=cohort,
            ),
            SetupStep(
                key="matching.profiles_open",
                label=_("Leader profiles open to the participants"),
                done=config is not None and config.profiles_opened_at is not None,
                url=reverse("matching:profile_status", kwargs={"pk": cohort.pk}),
                phase=Phase.BEFORE_MATCHING,
                why=_("The admitted participants cannot fill in their leader profiles yet."),
                cohort=cohort,
            ),
        ]
    return steps


def settings_links(*, programme: Programme, cohort: Cohort | None) -> list[SettingsLink]:
    if cohort is not None and not cohort.has_mentors:
        return []
    if cohort is None and programme.cohort_format == CohortFormat.SESSIONS:
        return []
    if cohort is not None:
        return [
            SettingsLink(
                _("Matching settings"), reverse("matching:settings", kwargs={"pk": cohort.pk})
            )
        ]
    return [
        SettingsLink(
            _("Leader profile questionnaire"),
            reverse("matching:questionnaire", kwargs={"pk": programme.pk}),
        ),
        SettingsLink(
            _("Travel times between the municipalities"),
            reverse("matching:travel_times", kwargs={"pk": programme.pk}),
        ),
    ]

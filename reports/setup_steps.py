"""The reports' setup step: the outcome target of a talent programme."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from programmes.models import Cohort, Programme, ProgrammeKind
from programmes.setup import Phase, SettingsLink, SetupStep
from reports.models import OutcomeTarget

# Programmes that train future managers measure how many hold a manager post afterwards.
KINDS_WITH_TARGET = (ProgrammeKind.TALENT,)


def setup_steps(*, programme: Programme, cohorts: Sequence[Cohort]) -> list[SetupStep]:
    if programme.kind not in KINDS_WITH_TARGET:
        return []
    return [
        SetupStep(
            key="reports.outcome_target",
            label=_("Outcome target"),
            done=OutcomeTarget.objects.filter(programme=programme).exists(),
            url=reverse("reports:outcome_target", kwargs={"pk": programme.pk}),
            phase=Phase.BEFORE_THE_YEAR,
            why=_("No target yet: the yearly report cannot say whether the programme reaches it."),
        )
    ]


def settings_links(*, programme: Programme, cohort: Cohort | None) -> list[SettingsLink]:
    if cohort is not None:
        return []
    return [
        SettingsLink(
            _("Outcome target"), reverse("reports:outcome_target", kwargs={"pk": programme.pk})
        )
    ]

"""The coordinator's setup checklist: what a programme and its cohorts still need.

Each app that has something to set up has a ``setup_steps`` module with

- ``setup_steps(*, programme, cohorts)``: a list of :class:`SetupStep`, the programme's own
  steps and one set per cohort in ``cohorts``;
- optionally ``settings_links(*, programme, cohort)``: the app's settings pages, of the
  programme (``cohort`` None) or of the cohort, as :class:`SettingsLink`.

The framework finds these modules through the app registry, in INSTALLED_APPS order, so
this module imports nothing from the apps above programmes. Each app's functions cost a
few queries whatever the number of cohorts: they ask for all the cohorts at once.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from types import ModuleType

from django.apps import apps
from django.db import models
from django.utils.functional import Promise
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _

from programmes.models import Cohort, Programme


class Phase(models.TextChoices):
    """When a step must be done, in the order the checklist shows them."""

    BEFORE_APPLICATIONS = "applications", _("Before applications open")
    BEFORE_MATCHING = "matching", _("Before matching")
    BEFORE_THE_YEAR = "year", _("Before the year starts")


PHASE_ORDER = list(Phase)


@dataclass(frozen=True)
class SetupStep:
    """One thing to set up; ``why`` says what is missing while it is not done."""

    key: str
    label: str | Promise
    done: bool
    url: str
    phase: Phase
    why: str | Promise = ""
    # The cohort the step belongs to; None for the programme's own steps.
    cohort: Cohort | None = None
    # Not done, it leaves the application (or nomination) form impossible to submit.
    blocks_applications: bool = False
    # The page is for the programme's own coordinators, administrators not included.
    coordinators_only: bool = False


@dataclass(frozen=True)
class SettingsLink:
    label: str | Promise
    url: str
    coordinators_only: bool = False


@dataclass(frozen=True)
class PhaseSteps:
    phase: Phase
    steps: list[SetupStep]

    @property
    def remaining(self) -> int:
        return sum(1 for step in self.steps if not step.done)


@dataclass(frozen=True)
class Checklist:
    phases: list[PhaseSteps]

    @property
    def remaining(self) -> int:
        return sum(phase.remaining for phase in self.phases)


def setup_modules() -> list[ModuleType]:
    """The ``setup_steps`` module of every installed app that has one, in app order."""
    return [
        importlib.import_module(f"{config.name}.setup_steps")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "setup_steps")
    ]


def all_setup_steps(*, programme: Programme, cohorts: Sequence[Cohort] = ()) -> list[SetupStep]:
    return [
        step
        for module in setup_modules()
        for step in module.setup_steps(programme=programme, cohorts=cohorts)
    ]


def application_blockers(programme: Programme) -> list[str]:
    """Why the programme's application form cannot be submitted; empty when it can.

    The same steps as on the checklist, so the page and the refusal to open a window agree.
    """
    return [
        str(step.why)
        for step in all_setup_steps(programme=programme)
        if step.blocks_applications and not step.done
    ]


def _for_viewer(step: SetupStep, runs_programme: bool) -> SetupStep:
    """The step without its link when the viewer may not open the page."""
    if step.coordinators_only and not runs_programme:
        return replace(step, url="")
    return step


def setup_checklist(
    *, programme: Programme, cohorts: Sequence[Cohort] = (), runs_programme: bool
) -> Checklist:
    """Every app's steps for the programme and ``cohorts``, grouped by phase.

    ``runs_programme``: the viewer coordinates the programme (not only administers the site).
    """
    steps = [
        _for_viewer(s, runs_programme)
        for s in all_setup_steps(programme=programme, cohorts=cohorts)
    ]
    return Checklist(
        phases=[
            PhaseSteps(phase=phase, steps=[s for s in steps if s.phase == phase])
            for phase in PHASE_ORDER
            if any(s.phase == phase for s in steps)
        ]
    )


def settings_links(
    *, programme: Programme, cohort: Cohort | None = None, runs_programme: bool
) -> list[SettingsLink]:
    """Every app's settings pages of the programme, or of the cohort, the viewer may open."""
    links = [
        link
        for module in setup_modules()
        if hasattr(module, "settings_links")
        for link in module.settings_links(programme=programme, cohort=cohort)
    ]
    return [link for link in links if runs_programme or not link.coordinators_only]

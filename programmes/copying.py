"""Carrying a cohort or a programme over to the next year: what each app copies.

Each app that keeps something per cohort or per programme has a ``carry_over`` module with

- ``copy_cohort(*, source, target, copy)``: copies the app's setup of the ``source`` cohort
  (questionnaires, the event plan, documents) to the new ``target`` cohort;
- ``copy_programme(*, source, target, copy)``: the same for a programme's own setup;

each optional, each returning a list of short lines saying what it copied ("3 events"),
already translated. ``copy`` is the :class:`CopyContext`: who copies, how far dates move,
and where to register the undoing of anything written outside the database.

The framework finds these modules through the app registry, in INSTALLED_APPS order, so
this module imports nothing from the apps above programmes. The services in
programmes/services/copying.py call them all inside one transaction: a copy is whole or
nothing. People, enrolments, pairs, answers and registrations are never copied.
"""

from __future__ import annotations

import datetime
import importlib
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import ModuleType

from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from accounts.models import User
from programmes.models import Cohort, Programme

logger = logging.getLogger(__name__)

DAYS_PER_WEEK = 7


@dataclass
class CopyContext:
    """One copy in progress: who copies, by how much dates move, and how to undo files."""

    actor: User
    # How far the new cohort's start is from the old one's; dates of the plan move as much.
    offset: datetime.timedelta = datetime.timedelta(0)
    _undo: list[Callable[[], None]] = field(default_factory=list)

    def shift_date(self, day: datetime.date | None) -> datetime.date | None:
        return day + self.offset if day is not None else None

    def shift_datetime(self, moment: datetime.datetime) -> datetime.datetime:
        """``moment`` moved by the offset in whole weeks, at the same local time of day.

        An event on a Thursday afternoon stays on a Thursday afternoon next year, also
        across a change to or from summer time.
        """
        weeks = round(self.offset.days / DAYS_PER_WEEK)
        local = timezone.localtime(moment).replace(tzinfo=None)
        return timezone.make_aware(local + datetime.timedelta(weeks=weeks))

    def on_rollback(self, undo: Callable[[], None]) -> None:
        """Runs ``undo`` if the copy fails: e.g. deletes a file written to the storage."""
        self._undo.append(undo)

    @contextmanager
    def undone_on_failure(self) -> Iterator[None]:
        """Around the copy's transaction: a failure undoes what the database cannot."""
        try:
            yield
        except BaseException:
            for undo in reversed(self._undo):
                try:
                    undo()
                except Exception:
                    logger.exception("Undoing part of a failed copy failed")
            raise


def carry_over_modules() -> list[ModuleType]:
    """The ``carry_over`` module of every installed app that has one, in app order."""
    return [
        importlib.import_module(f"{config.name}.carry_over")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "carry_over")
    ]


def carry_over_cohort(*, source: Cohort, target: Cohort, copy: CopyContext) -> list[str]:
    """Every app's copy of ``source``'s setup to ``target``; the lines say what was copied."""
    return [
        line
        for module in carry_over_modules()
        if hasattr(module, "copy_cohort")
        for line in module.copy_cohort(source=source, target=target, copy=copy)
    ]


def carry_over_programme(*, source: Programme, target: Programme, copy: CopyContext) -> list[str]:
    """Every app's copy of ``source``'s own setup to ``target``."""
    return [
        line
        for module in carry_over_modules()
        if hasattr(module, "copy_programme")
        for line in module.copy_programme(source=source, target=target, copy=copy)
    ]

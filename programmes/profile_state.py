"""Whether an admitted participant's leader profile is done: asked here, answered by matching.

The participants list filters on it, but the leader profiles belong to matching, above
programmes (.importlinter). matching registers its answer in its ``AppConfig.ready``: a
condition on :class:`~programmes.models.Enrolment` for one cohort, true of those whose
profile answers every required question of their role.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q

from programmes.models import Cohort

ProfileDone = Callable[[Cohort], Q]

_registered: list[ProfileDone] = []


def profile_done_register(condition: ProfileDone) -> None:
    _registered[:] = [condition]


def profile_done_condition(cohort: Cohort) -> Q | None:
    """The condition for ``cohort``, or None where nothing keeps leader profiles."""
    if not _registered or not cohort.has_mentors:
        return None
    return _registered[0](cohort)

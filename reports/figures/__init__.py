"""Collects a report's figures: one or two aggregate queries per section, whatever the size.

A report covers a cohort, or one municipality's part of it (its participants and the pairs
they are in). Only counts, averages and spreads leave this package: never a note, a
reflection or an answer's text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from events.models import Event, EventKind
from programmes.models import Cohort, Municipality

from ..tables import ReportFigures, Section
from .activity import evaluation_section, events_section
from .groups import groups_section
from .money import fees_section
from .outcomes import outcomes_section
from .pairs import goals_section, pairs_section
from .people import demography_section, funnel_section, participants_section
from .scope import Scope, _fmt
from .sessions import sessions_section


def format_section(scope: Scope) -> Section:
    """The cohort's own unit in its own terms: pairs, mentor groups, or sessions."""
    if not scope.cohort.has_mentors:
        return sessions_section(scope)
    if scope.cohort.is_group_mentoring:
        return groups_section(scope)
    return pairs_section(scope)


def extra_sessions_section(scope: Scope) -> Section | None:
    """A cohort with mentors that also meets in sessions (Ledartalang) reports those too."""
    if not scope.cohort.has_mentors:
        return None
    if not Event.objects.filter(cohort=scope.cohort, kind=EventKind.SESSION).exists():
        return None
    return sessions_section(scope)


def goals_of_mentored(scope: Scope) -> Section | None:
    """Goals are kept in pairs: a programme of sessions has none to report."""
    return goals_section(scope) if scope.cohort.has_mentors else None


SECTIONS: tuple[Callable[[Scope], Section | None], ...] = (
    participants_section,
    demography_section,
    funnel_section,
    format_section,
    extra_sessions_section,
    goals_of_mentored,
    events_section,
    evaluation_section,
    fees_section,
    outcomes_section,
)


def collect_figures(
    *, cohort: Cohort, municipality: Municipality | None = None, language: str | None = None
) -> ReportFigures:
    """The figures with their labels, charts and numbers in `language` (or the active one)."""
    if language is not None:
        with translation.override(language):
            return collect_figures(cohort=cohort, municipality=municipality)
    scope = Scope(cohort=cohort, municipality=municipality)
    programme = cohort.programme
    consortium = list(
        programme.memberships.filter(joined_on__lte=cohort.ends_on)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=cohort.starts_on))
        .values_list("municipality__name", flat=True)
        .distinct()
        .order_by("municipality__name")
    )
    sections = [section for build in SECTIONS if (section := build(scope)) is not None]
    # The participants table's last column: a plain count per municipality, never hidden.
    participants = sum(cast(int, row[3]) for row in sections[0].tables[0].rows)
    summary = [
        (_("Participants"), _fmt(participants)),
        (_("Municipalities"), _fmt(len(consortium))),
        *sections[3].facts[:3],
    ]
    return ReportFigures(
        language=translation.get_language(),
        programme=programme,
        cohort=cohort,
        municipality=municipality,
        consortium=consortium,
        summary=summary,
        sections=sections,
    )

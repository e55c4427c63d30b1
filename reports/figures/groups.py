"""Group mentoring in its own terms: groups, adepts per group, and the groups' meetings."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from pairs.models import MeetingMode, MeetingStatus, MentorGroup

from ..tables import Section, percent, spread
from .pairs import matching_facts, meeting_tables
from .scope import Scope, _fmt


def scope_groups(scope: Scope) -> QuerySet[MentorGroup]:
    """The cohort's groups; for a municipality, those its people lead or belong to."""
    groups = MentorGroup.objects.filter(cohort=scope.cohort)
    if scope.municipality is not None:
        groups = groups.filter(
            Q(mentor__municipality=scope.municipality)
            | Q(pairs__adept__municipality=scope.municipality)
        ).distinct()
    return groups


def groups_section(scope: Scope) -> Section:
    planned = scope.cohort.programme.planned_meetings
    held = Q(meetings__status=MeetingStatus.HELD)
    rows = list(
        scope_groups(scope)
        .annotate(
            held=Count("meetings", filter=held, distinct=True),
            digital=Count(
                "meetings", filter=held & Q(meetings__mode=MeetingMode.DIGITAL), distinct=True
            ),
            adepts=Count("pairs", distinct=True),
        )
        .values("held", "digital", "adepts", "dissolved_at")
    )
    active = [row for row in rows if row["dissolved_at"] is None]
    held_counts = [row["held"] for row in active]
    total_held = sum(row["held"] for row in rows)
    total_digital = sum(row["digital"] for row in rows)
    adepts = [row["adepts"] for row in rows]
    size = spread(adepts)
    facts = [
        (_("Mentor groups formed"), _fmt(len(rows))),
        (_("Adepts in groups"), _fmt(sum(adepts))),
        (_("Group meetings held"), _fmt(total_held)),
        (_("Adepts per group (median)"), _fmt(size["median"])),
        (_("Planned meetings per group"), _fmt(planned)),
        (_("Share of meetings held digitally"), f"{_fmt(percent(total_digital, total_held))} %"),
    ]
    facts += matching_facts(scope)
    return Section(
        "groups",
        _("Mentor groups and their meetings"),
        meeting_tables(
            held_counts,
            planned=planned,
            keys=("group_meetings", "group_meeting_distribution"),
            titles=(
                _("Meetings held per group against the plan"),
                _("Groups by number of meetings held"),
            ),
            unit=_("Groups"),
            reached=(
                _("Groups that met as planned"),
                sum(1 for h in held_counts if h >= planned),
            ),
        ),
        facts=facts,
    )

"""Copying a cohort to the next year, and a programme to a new one (programmes/copying.py)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from accounts.models import User
from audit.services import audit_record
from programmes.copying import CopyContext, carry_over_cohort, carry_over_programme
from programmes.models import (
    JOURNEY_MAIL_SETTINGS,
    ApprovalStage,
    Cohort,
    CohortFormat,
    Membership,
    Programme,
    WorkArea,
)
from programmes.services.core import cohort_create, programme_create

# The programme's settings a copy takes over; its name, coordinators and lists are apart.
PROGRAMME_COPIED_FIELDS = (
    "kind",
    "description",
    "mentor_from_other_municipality",
    "admission_rule",
    "fee_sek",
    "mentor_fee_sek",
    "fee_includes",
    "planned_meetings",
    "meeting_minutes",
    "nomination_guidance",
    "adept_kind",
    "mentor_kind",
    "manager_consent",
    "asks_work_area",
    "asks_languages",
    "asks_wants",
    "cohort_format",
    *JOURNEY_MAIL_SETTINGS,
)
# The cohort's own settings a copy takes over; its name and dates are the new year's.
COHORT_COPIED_FIELDS = ("format", "group_size", "mentor_places", "adept_places")
# The format in a word or two, for the line that says what was copied.
FORMAT_IN_SHORT: dict[str, Promise] = {
    CohortFormat.PAIRS: gettext_lazy("pairs"),
    CohortFormat.GROUPS: gettext_lazy("group mentoring"),
    CohortFormat.SESSIONS: pgettext_lazy("programme meetings", "sessions"),
}


@dataclass(frozen=True)
class CohortDates:
    """The new cohort's name and dates, as the coordinator confirmed them."""

    name: str
    starts_on: datetime.date
    ends_on: datetime.date
    applications_open_on: datetime.date | None = None
    applications_close_on: datetime.date | None = None
    withdrawal_fee_deadline: datetime.date | None = None


@dataclass(frozen=True)
class CopyResult:
    cohort: Cohort | None
    programme: Programme
    # What was copied, one short line each, in the actor's language.
    copied: list[str]


def _a_year_later(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        # 29 February: the last day of February next year.
        return day.replace(year=day.year + 1, day=28)


def cohort_dates_next_year(source: Cohort) -> CohortDates:
    """The source's dates a year later and its name with the years counted on."""

    def later(day: datetime.date | None) -> datetime.date | None:
        return _a_year_later(day) if day is not None else None

    return CohortDates(
        name=name_next_year(source.name, fallback_year=_a_year_later(source.starts_on).year),
        starts_on=_a_year_later(source.starts_on),
        ends_on=_a_year_later(source.ends_on),
        applications_open_on=later(source.applications_open_on),
        applications_close_on=later(source.applications_close_on),
        withdrawal_fee_deadline=later(source.withdrawal_fee_deadline),
    )


# A year in a cohort's name: four digits, or two right after a slash or dash (2026/27).
YEAR_IN_NAME = re.compile(r"(?<!\d)(\d{4})(?!\d)|(?<=[/\-–])(\d{2})(?!\d)")


def name_next_year(name: str, *, fallback_year: int) -> str:
    """``2026/27`` → ``2027/28``, ``Våren 2026`` → ``Våren 2027``; else the year appended."""

    def next_year(match: re.Match[str]) -> str:
        if match.group(1):
            return str(int(match.group(1)) + 1)
        return f"{(int(match.group(2)) + 1) % 100:02d}"

    counted, found = YEAR_IN_NAME.subn(next_year, name)
    return counted if found else f"{name} {fallback_year}"


def _new_cohort(
    *, source: Cohort, programme: Programme, dates: CohortDates, copy: CopyContext
) -> tuple[Cohort, list[str]]:
    cohort = cohort_create(
        programme=programme,
        name=dates.name.strip(),
        starts_on=dates.starts_on,
        ends_on=dates.ends_on,
        applications_open_on=dates.applications_open_on,
        applications_close_on=dates.applications_close_on,
        withdrawal_fee_deadline=dates.withdrawal_fee_deadline,
        **{name: getattr(source, name) for name in COHORT_COPIED_FIELDS},
    )
    copied = [
        _("the format and places: %(format)s, %(mentors)d mentors, %(adepts)d adepts")
        % {
            "format": FORMAT_IN_SHORT[cohort.format],
            "mentors": cohort.mentor_places,
            "adepts": cohort.adept_places,
        },
        *carry_over_cohort(source=source, target=cohort, copy=copy),
    ]
    return cohort, copied


def cohort_copy(*, source: Cohort, actor: User, dates: CohortDates) -> CopyResult:
    """A new cohort of the same programme with ``source``'s settings and plan, moved in time.

    Its questionnaires, event plan and documents come along; nobody's enrolment, pair,
    answer or registration does. All or nothing.
    """
    copy = CopyContext(actor=actor, offset=dates.starts_on - source.starts_on)
    with copy.undone_on_failure(), transaction.atomic():
        cohort, copied = _new_cohort(
            source=source, programme=source.programme, dates=dates, copy=copy
        )
        audit_record(
            actor=actor,
            action="cohort.copy",
            target=cohort,
            summary=_("From %(source)s: %(copied)s")
            % {"source": source.name, "copied": "; ".join(copied)},
        )
    return CopyResult(cohort=cohort, programme=cohort.programme, copied=copied)


def _copy_programme_lists(*, source: Programme, target: Programme) -> list[str]:
    stages = list(source.approval_stages.order_by("position", "pk"))
    ApprovalStage.objects.bulk_create(
        ApprovalStage(programme=target, name=stage.name, position=stage.position)
        for stage in stages
    )
    areas = list(source.work_areas.order_by("position", "name"))
    WorkArea.objects.bulk_create(
        WorkArea(programme=target, name=area.name, position=area.position) for area in areas
    )
    copied = []
    if stages:
        copied.append(
            ngettext("%(count)d approval stage", "%(count)d approval stages", len(stages))
            % {"count": len(stages)}
        )
    if areas:
        copied.append(
            ngettext("%(count)d work area", "%(count)d work areas", len(areas))
            % {"count": len(areas)}
        )
    return copied


def _copy_members(*, source: Programme, target: Programme) -> list[str]:
    """The municipalities in the consortium today join the new programme today."""
    today = timezone.localdate()
    members = list(
        Membership.objects.active_on(today)
        .filter(programme=source)
        .values_list("municipality_id", flat=True)
        .distinct()
    )
    Membership.objects.bulk_create(
        Membership(programme=target, municipality_id=pk, joined_on=today) for pk in members
    )
    if not members:
        return []
    return [
        ngettext(
            "%(count)d municipality in the consortium",
            "%(count)d municipalities in the consortium",
            len(members),
        )
        % {"count": len(members)}
    ]


def programme_copy(
    *,
    source: Programme,
    actor: User,
    name: str,
    with_members: bool = True,
    cohort_dates: CohortDates | None = None,
) -> CopyResult:
    """A new programme with ``source``'s settings, lists and each app's programme setup.

    With ``cohort_dates``, its latest cohort is copied into the new programme as well.
    ``actor`` coordinates the new programme.
    """
    latest = source.cohorts.order_by("-starts_on", "-pk").first() if cohort_dates else None
    offset = cohort_dates.starts_on - latest.starts_on if cohort_dates and latest else None
    copy = CopyContext(actor=actor, offset=offset or datetime.timedelta(0))
    with copy.undone_on_failure(), transaction.atomic():
        target = programme_create(
            created_by=actor,
            name=name.strip(),
            **{field: getattr(source, field) for field in PROGRAMME_COPIED_FIELDS},
        )
        copied = [
            _("the settings"),
            *_copy_programme_lists(source=source, target=target),
            *(_copy_members(source=source, target=target) if with_members else []),
            *carry_over_programme(source=source, target=target, copy=copy),
        ]
        cohort = None
        if cohort_dates is not None and latest is not None:
            cohort, cohort_copied = _new_cohort(
                source=latest, programme=target, dates=cohort_dates, copy=copy
            )
            copied.append(
                _("the cohort %(name)s with %(copied)s")
                % {"name": cohort.name, "copied": ", ".join(cohort_copied)}
            )
        audit_record(
            actor=actor,
            action="programme.copy",
            target=target,
            summary=_("From %(source)s: %(copied)s")
            % {"source": source.name, "copied": "; ".join(copied)},
        )
    return CopyResult(cohort=cohort, programme=target, copied=copied)

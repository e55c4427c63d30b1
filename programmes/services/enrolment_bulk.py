"""Decisions on many applications at once, from the applications list.

Each runs in one transaction with the cohort's row locked, as one decision does
(services/enrolment.py), checks every chosen application before it changes any, and
writes one audit entry that lists them all. A check that fails changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from audit.services import audit_record_bulk
from programmes.models import Cohort, Enrolment, EnrolmentStatus, Role
from programmes.services.enrolment import (
    notify_on_commit,
    place_give,
    places_left,
    status_set,
)

OPEN_STATUSES = (EnrolmentStatus.APPLIED, EnrolmentStatus.WAITING)
# A refusal names this many of the people it is about, then says how many more.
NAMES_IN_A_REFUSAL = 5


def _locked(cohort: Cohort, enrolments: Sequence[Enrolment]) -> tuple[Cohort, list[Enrolment]]:
    """The cohort, locked, and the chosen applications read again under the lock."""
    cohort = Cohort.objects.select_for_update().select_related("programme").get(pk=cohort.pk)
    rows = list(
        Enrolment.objects.filter(cohort=cohort, pk__in=[e.pk for e in enrolments])
        .select_related("person", "municipality", "nomination")
        .order_by("completed_at", "pk")
    )
    if not rows or len(rows) != len({e.pk for e in enrolments}):
        raise ValidationError(
            _("Some of the chosen applications are not in %(cohort)s.") % {"cohort": cohort.name}
        )
    for row in rows:
        row.cohort = cohort
    return cohort, rows


def _names(rows: Sequence[Enrolment]) -> str:
    names = ", ".join(row.person.full_name for row in rows[:NAMES_IN_A_REFUSAL])
    more = len(rows) - NAMES_IN_A_REFUSAL
    if more > 0:
        names += " " + ngettext("and %(count)d more", "and %(count)d more", more) % {"count": more}
    return names


def _refuse_any(rows: Sequence[Enrolment], blocked: Callable[[Enrolment], bool], why: str) -> None:
    """Raises ``why`` (with ``%(names)s``) naming the rows ``blocked`` is true of, if any."""
    found = [row for row in rows if blocked(row)]
    if found:
        raise ValidationError(why % {"names": _names(found)})


def _refuse_undecidable(
    rows: Sequence[Enrolment], *, statuses: Sequence[str], must_be_complete: bool = True
) -> None:
    """Only open applications in ``statuses`` are decided here; the approval stages decide
    on a nomination, and only a complete application (the manager agreed) gets a place."""
    _refuse_any(
        rows,
        lambda row: row.status not in statuses,
        _("%(names)s: the application is no longer open."),
    )
    _refuse_any(
        rows,
        lambda row: hasattr(row, "nomination"),
        _("%(names)s: nominated; the programme's approval stages decide."),
    )
    _refuse_any(
        rows,
        lambda row: must_be_complete and row.completed_at is None,
        _("%(names)s: the application is not complete (the manager has not agreed)."),
    )


@transaction.atomic
def enrolments_admit(
    *, cohort: Cohort, enrolments: Sequence[Enrolment], actor: User
) -> list[Enrolment]:
    """Admits every chosen application, or none: all must be open and complete, and fit
    in the places left for their role."""
    cohort, rows = _locked(cohort, enrolments)
    _refuse_undecidable(rows, statuses=OPEN_STATUSES)
    for role, count in sorted(Counter(row.role for row in rows).items()):
        left = places_left(cohort=cohort, role=role)
        if count > left:
            raise ValidationError(
                ngettext(
                    "%(role)s: %(count)d chosen, but only %(left)d place is left.",
                    "%(role)s: %(count)d chosen, but only %(left)d places are left.",
                    left,
                )
                % {"count": count, "role": Role(role).label, "left": left}
            )
    for row in rows:
        place_give(row)
    audit_record_bulk(actor=actor, action="enrolment.admit_many", objects=rows, summary=cohort.name)
    return rows


@transaction.atomic
def enrolments_decline(
    *, cohort: Cohort, enrolments: Sequence[Enrolment], actor: User, reason: str
) -> list[Enrolment]:
    """Declines every chosen application with one reason, which each applicant is mailed."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason; the applicants will read it.")})
    cohort, rows = _locked(cohort, enrolments)
    _refuse_undecidable(rows, statuses=OPEN_STATUSES, must_be_complete=False)
    for row in rows:
        status_set(row, EnrolmentStatus.DECLINED, reason=reason.strip())
        notify_on_commit(enrolment=row, template="declined")
    audit_record_bulk(
        actor=actor, action="enrolment.decline_many", objects=rows, summary=cohort.name
    )
    return rows


@transaction.atomic
def enrolments_wait(
    *, cohort: Cohort, enrolments: Sequence[Enrolment], actor: User
) -> list[Enrolment]:
    """Puts every chosen complete application on the waiting list, in the order completed."""
    cohort, rows = _locked(cohort, enrolments)
    _refuse_undecidable(rows, statuses=(EnrolmentStatus.APPLIED,))
    for row in rows:
        status_set(row, EnrolmentStatus.WAITING)
        notify_on_commit(enrolment=row, template="waiting_list")
    audit_record_bulk(actor=actor, action="enrolment.wait_many", objects=rows, summary=cohort.name)
    return rows

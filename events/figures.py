"""An event's figures by municipality, gender and age group, with small groups hidden, and a
cohort's programme of sessions in counts.

Small groups are hidden by the same rule as the yearly reports' (common/small_groups.py).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Gender
from common.small_groups import suppress_small
from events.models import Event, EventKind, EventRegistration, RegistrationStatus
from programmes.models import AgeGroup, Cohort, Enrolment, EnrolmentStatus, Municipality

Cell = int | str


@dataclass(frozen=True)
class StatisticsTable:
    key: str
    title: str
    heading: str
    # (label, registered, attended), the cells already suppressed.
    rows: list[tuple[str, Cell, Cell]]


def _table(
    key: str, title: str, heading: str, counts: dict[str, tuple[int, int]]
) -> StatisticsTable:
    registered = suppress_small({label: pair[0] for label, pair in counts.items()})
    attended = suppress_small({label: pair[1] for label, pair in counts.items()})
    return StatisticsTable(
        key=key,
        title=title,
        heading=heading,
        rows=[(label, registered[label], attended[label]) for label in counts],
    )


def event_statistics(event: Event) -> list[StatisticsTable]:
    """Registered and attended by municipality, gender and age group (three queries)."""
    registrations = event.registrations.filter(status=RegistrationStatus.REGISTERED)
    not_stated = str(_("Not stated"))

    def counted(field: str, labels: dict[str, str]) -> dict[str, tuple[int, int]]:
        rows = registrations.values(field).annotate(
            registered=Count("pk"), attended=Count("pk", filter=Q(attended=True))
        )
        counts = dict.fromkeys(labels.values(), (0, 0))
        counts[not_stated] = (0, 0)
        for row in rows:
            # Values are compared as text: the municipality is an id, the others are codes.
            label = labels.get(str(row[field] or ""), not_stated)
            registered, attended = counts[label]
            counts[label] = (registered + row["registered"], attended + row["attended"])
        return counts

    municipalities = {
        str(pk): name for pk, name in event.open_municipalities.values_list("pk", "name")
    }
    by_municipality = counted("municipality", municipalities)
    return [
        _table("municipality", _("By municipality"), _("Municipality"), by_municipality),
        _table(
            "gender",
            _("By gender"),
            _("Gender"),
            counted("gender", {value: str(label) for value, label in Gender.choices}),
        ),
        _table(
            "age_group",
            _("By age group"),
            _("Age group"),
            counted("age_group", {value: str(label) for value, label in AgeGroup.choices}),
        ),
    ]


# A programme of sessions ------------------------------------------------------------

# A participant who came to at least this share of the held sessions took part regularly.
REGULAR_ATTENDANCE_PERCENT = 75


@dataclass(frozen=True)
class SessionFigure:
    """One session of the series: counts only, nobody named."""

    number: int
    date: datetime.date
    theme: str
    held: bool
    expected: int
    attended: int


@dataclass(frozen=True)
class SessionSeriesFigures:
    sessions: list[SessionFigure]
    planned: int
    held: int
    participants: int
    # Mean over the held sessions of attended / expected, 0–1; None before any is held.
    mean_attendance_rate: float | None
    # Admitted participants expected at one session or more.
    # Participants who came to at least REGULAR_ATTENDANCE_PERCENT % of the held sessions.
    regular_attenders: int


def cohort_session_figures(
    cohort: Cohort,
    *,
    now: datetime.datetime | None = None,
    municipality: Municipality | None = None,
) -> SessionSeriesFigures:
    """A cohort's programme of sessions in figures, over its admitted participants (two queries).

    A session is held once it has started; a participant is expected at a session when
    they held a place in the cohort when it took place (their registration)."""
    now = now or timezone.now()
    enrolments = Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ADMITTED)
    if municipality is not None:
        # A municipality's report counts its own participants at every session.
        enrolments = enrolments.filter(municipality=municipality)
    people = enrolments.values("person_id")
    registrations = list(
        EventRegistration.objects.filter(
            event__cohort=cohort,
            event__kind=EventKind.SESSION,
            status=RegistrationStatus.REGISTERED,
            person_id__in=people,
        ).values_list("event_id", "person_id", "attended")
    )
    expected: Counter[int] = Counter(event_id for event_id, _person, _came in registrations)
    attended: Counter[int] = Counter(event_id for event_id, _person, came in registrations if came)
    sessions = Event.objects.filter(cohort=cohort, kind=EventKind.SESSION).order_by(
        "starts_at", "pk"
    )
    rows = [
        SessionFigure(
            number=number,
            date=timezone.localdate(session.starts_at),
            theme=session.theme,
            held=session.starts_at <= now,
            expected=expected[session.pk],
            attended=attended[session.pk],
        )
        for number, session in enumerate(sessions, start=1)
    ]
    held_ids = {s.pk for s in sessions if s.starts_at <= now}
    held = [row for row in rows if row.held]
    rates = [row.attended / row.expected for row in held if row.expected]
    came: Counter[int] = Counter(
        person for event_id, person, present in registrations if present and event_id in held_ids
    )
    regular = sum(
        1 for count in came.values() if count * 100 >= REGULAR_ATTENDANCE_PERCENT * len(held)
    )
    return SessionSeriesFigures(
        sessions=rows,
        planned=len(rows),
        held=len(held),
        participants=len({person for _event, person, _came in registrations}),
        mean_attendance_rate=sum(rates) / len(rates) if rates else None,
        regular_attenders=regular if held else 0,
    )

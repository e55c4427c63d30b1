"""Reads about events: lists with counts, the person's own registrations, attendance figures."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import (
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.ics import IcsEvent
from events.models import (
    Event,
    EventKind,
    EventRegistration,
    RegistrationStatus,
    SessionReflection,
)
from programmes.models import Cohort, Enrolment, EnrolmentStatus, Municipality, Role

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class EventCounts(TypedDict):
    """What :func:`events_with_counts` adds to each event (and `my_status` for a viewer)."""

    registered_count: int
    waiting_count: int
    attended_count: int


def events_with_counts(
    events: QuerySet[Event], *, viewer: User | None = None
) -> QuerySet[WithAnnotations[Event, EventCounts]]:
    """Adds registered_count, waiting_count, attended_count and the viewer's own status."""
    counted = events.select_related("programme", "cohort").annotate(
        registered_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
        ),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
        ),
        attended_count=Count(
            "registrations",
            filter=Q(
                registrations__status=RegistrationStatus.REGISTERED, registrations__attended=True
            ),
        ),
    )
    if viewer is not None and viewer.is_authenticated:
        own = EventRegistration.objects.filter(event=OuterRef("pk"), person=viewer)
        counted = counted.annotate(my_status=Subquery(own.values("status")[:1]))
    return counted


def event_registrations(event: Event) -> QuerySet[EventRegistration]:
    """Registered first, then the waiting list in its order; cancelled last."""
    return (
        event.registrations.select_related("person")
        .annotate(
            is_waiting=Q(status=RegistrationStatus.WAITING),
            is_cancelled=Q(status=RegistrationStatus.CANCELLED),
        )
        .order_by("is_cancelled", "is_waiting", "registered_at", "pk")
    )


class RegistrationPlace(TypedDict):
    """What :func:`registration_list` adds to each registration."""

    home_id: int | None
    home_name: str | None


def registration_list(
    event: Event,
) -> QuerySet[WithAnnotations[EventRegistration, RegistrationPlace]]:
    """Every registration of the event with the person and where they work: the answer of
    an open event's form, else their municipality in the programme's latest cohort."""
    enrolment = Enrolment.objects.filter(
        person_id=OuterRef("person_id"), cohort__programme_id=event.programme_id
    ).order_by("-cohort__starts_on", "-pk")
    return (
        event.registrations.select_related("person", "municipality")
        .annotate(
            home_id=Coalesce(
                "municipality_id",
                Subquery(enrolment.values("municipality_id")[:1]),
                output_field=IntegerField(),
            ),
            home_name=Coalesce(
                "municipality__name",
                Subquery(enrolment.values("municipality__name")[:1]),
                output_field=CharField(),
            ),
        )
        .order_by("person__full_name", "pk")
    )


def registered_people(event: Event) -> QuerySet[User]:
    """The people holding a place, by name: those whose attendance can be marked."""
    return User.objects.filter(
        event_registrations__event=event,
        event_registrations__status=RegistrationStatus.REGISTERED,
    ).order_by("full_name")


def attendance_registrations(event: Event, query: str = "") -> QuerySet[EventRegistration]:
    """The people holding a place, by name, narrowed by a search on name, email or municipality."""
    registrations = event.registrations.filter(status=RegistrationStatus.REGISTERED)
    query = query.strip()
    if query:
        registrations = registrations.filter(
            Q(person__full_name__icontains=query)
            | Q(person__email__icontains=query)
            | Q(municipality__name__icontains=query)
            | Q(workplace__icontains=query)
        )
    return registrations.select_related("person", "municipality").order_by(
        "person__full_name", "pk"
    )


def attended_person_ids(event: Event) -> list[int]:
    return list(
        event.registrations.filter(attended=True, status=RegistrationStatus.REGISTERED).values_list(
            "person_id", flat=True
        )
    )


def waiting_position(event: Event, person: User) -> int | None:
    """1 for the first on the waiting list; None when the person is not waiting."""
    own = event.registrations.filter(person=person, status=RegistrationStatus.WAITING).first()
    if own is None:
        return None
    ahead = event.registrations.filter(
        status=RegistrationStatus.WAITING, registered_at__lt=own.registered_at
    ).count()
    return ahead + 1


@dataclass(frozen=True)
class AttendanceRow:
    event: Event
    registered: int
    attended: int


def cohort_events(cohort: Cohort) -> QuerySet[Event]:
    """The events that belong to a cohort's year: its own, and the programme's events for
    every cohort that start within the cohort's dates, unless cancelled. Reports and the
    coordinator's overview both count these."""
    return Event.objects.taking_place().filter(
        Q(cohort=cohort)
        | Q(
            cohort__isnull=True,
            programme_id=cohort.programme_id,
            starts_at__date__gte=cohort.starts_on,
            starts_at__date__lte=cohort.ends_on,
        )
    )


def event_attendance_for_cohort(
    cohort: Cohort, *, municipality: Municipality | None = None
) -> list[AttendanceRow]:
    """Each of the cohort's events with registrations and attendance counted over the
    cohort's admitted participants (of one municipality, if given): guests and people
    from other cohorts are not the cohort's figures."""
    participants = Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ADMITTED)
    if municipality is not None:
        participants = participants.filter(municipality=municipality)
    people = participants.values("person_id")
    registered = Q(
        registrations__status=RegistrationStatus.REGISTERED,
        registrations__person_id__in=people,
    )
    events = (
        cohort_events(cohort)
        .annotate(
            registered=Count("registrations", filter=registered),
            attended=Count("registrations", filter=registered & Q(registrations__attended=True)),
        )
        .order_by("starts_at", "pk")
    )
    return [AttendanceRow(event=e, registered=e.registered, attended=e.attended) for e in events]


def ics_for_event(event: Event, *, base_url: str = "") -> IcsEvent:
    """The calendar entry of an event, for its .ics file and the personal calendar feed.

    SEQUENCE counts seconds since creation at the last change, so it rises with every edit."""
    path = reverse("events:event_detail", kwargs={"pk": event.pk})
    return IcsEvent(
        uid=f"programmes-event-{event.pk}@mentorship",
        sequence=max(0, int((event.updated_at - event.created_at).total_seconds())),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        summary=event.title,
        description="\n\n".join(part for part in (event.theme, event.description) if part),
        location=", ".join(part for part in (event.place, event.online_url) if part),
        url=base_url.rstrip("/") + path if base_url else path,
        cancelled=event.is_cancelled,
        updated_at=event.updated_at,
    )


# Sessions -----------------------------------------------------------------------

# Without two sessions to measure, the next session is suggested this long after the last.
DEFAULT_SESSION_INTERVAL = datetime.timedelta(weeks=4)


def cohort_sessions(cohort: Cohort) -> QuerySet[Event]:
    """The cohort's programme of sessions, in order."""
    return Event.objects.filter(cohort=cohort, kind=EventKind.SESSION).order_by("starts_at", "pk")


@dataclass(frozen=True)
class SessionRow:
    """One session of the series with its place in it and the coordinator's counts."""

    session: Event
    number: int
    total: int
    expected: int
    attended: int
    reflections: int


def session_rows(cohort: Cohort) -> list[SessionRow]:
    """The series numbered "1 of 6", counted over the cohort's admitted participants."""
    people = Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ADMITTED).values(
        "person_id"
    )
    expected = Q(
        registrations__status=RegistrationStatus.REGISTERED,
        registrations__person_id__in=people,
    )
    sessions = list(
        cohort_sessions(cohort)
        .annotate(
            expected=Count("registrations", filter=expected, distinct=True),
            attended=Count(
                "registrations", filter=expected & Q(registrations__attended=True), distinct=True
            ),
            reflection_count=Count("reflections", distinct=True),
        )
        .prefetch_related("materials")
    )
    return [
        SessionRow(
            session=session,
            number=number,
            total=len(sessions),
            expected=session.expected,
            attended=session.attended,
            reflections=session.reflection_count,
        )
        for number, session in enumerate(sessions, start=1)
    ]


def session_number(session: Event) -> tuple[int, int]:
    """The session's place in its cohort's series and the series' length."""
    ids = list(
        Event.objects.filter(kind=EventKind.SESSION)
        .filter(Q(cohort_id=session.cohort_id) if session.cohort_id else Q(pk=session.pk))
        .order_by("starts_at", "pk")
        .values_list("pk", flat=True)
    )
    return ids.index(session.pk) + 1, len(ids)


def next_session_initial(cohort: Cohort, *, now: datetime.datetime | None = None) -> dict[str, Any]:
    """The next session pre-filled: the same time, length and place, one interval after the
    last (the interval between the last two, or four weeks)."""
    now = now or timezone.now()
    sessions = list(cohort_sessions(cohort).reverse()[:2])
    number = cohort_sessions(cohort).count() + 1
    initial: dict[str, Any] = {"title": _("Session %(number)s") % {"number": number}}
    if not sessions:
        return initial
    last = sessions[0]
    interval = DEFAULT_SESSION_INTERVAL
    if len(sessions) == 2 and last.starts_at > sessions[1].starts_at:
        interval = last.starts_at - sessions[1].starts_at
    starts_at = last.starts_at + interval
    while starts_at <= now:
        starts_at += interval
    initial.update(
        starts_at=timezone.localtime(starts_at),
        ends_at=timezone.localtime(starts_at + (last.ends_at - last.starts_at)),
        place=last.place,
        online_url=last.online_url,
        for_adepts_only=last.for_adepts_only,
    )
    return initial


@dataclass(frozen=True)
class OwnSession:
    """A session as one participant sees it: their attendance and their own reflection."""

    session: Event
    number: int
    total: int
    # None until the coordinator has marked attendance of the session.
    attended: bool | None
    reflection: SessionReflection | None


def own_sessions(person: User, cohort: Cohort) -> list[OwnSession]:
    """The cohort's series as one admitted participant is expected at it (five queries);
    a mentor does not see the sessions for the adepts only."""
    is_adept = Enrolment.objects.filter(
        cohort=cohort, person=person, status=EnrolmentStatus.ADMITTED, role=Role.ADEPT
    ).exists()
    series = cohort_sessions(cohort)
    if not is_adept:
        series = series.filter(for_adepts_only=False)
    sessions = list(
        series.annotate(
            marked=Exists(EventRegistration.objects.filter(event=OuterRef("pk"), attended=True)),
            own_attended=Exists(
                EventRegistration.objects.filter(event=OuterRef("pk"), person=person, attended=True)
            ),
        ).prefetch_related("materials")
    )
    reflections = {
        r.event_id: r
        for r in SessionReflection.objects.filter(author=person, event__in=[s.pk for s in sessions])
    }
    return [
        OwnSession(
            session=session,
            number=number,
            total=len(sessions),
            attended=session.own_attended if session.marked else None,
            reflection=reflections.get(session.pk),
        )
        for number, session in enumerate(sessions, start=1)
    ]

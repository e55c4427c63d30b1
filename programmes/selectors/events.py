"""Reads about events: lists with counts, the person's own registrations, attendance figures."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse

from ..ics import IcsEvent
from ..models import (
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Event,
    EventRegistration,
    Municipality,
    RegistrationStatus,
    User,
)


def events_with_counts(events: QuerySet[Event], *, viewer: User | None = None) -> QuerySet[Event]:
    """Adds registered_count, waiting_count, attended_count and the viewer's own status."""
    events = events.select_related("programme", "cohort").annotate(
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
        events = events.annotate(my_status=Subquery(own.values("status")[:1]))
    return events


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


def registered_people(event: Event) -> QuerySet[User]:
    """The people holding a place, by name: those whose attendance can be marked."""
    return User.objects.filter(
        event_registrations__event=event,
        event_registrations__status=RegistrationStatus.REGISTERED,
    ).order_by("full_name")


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


def event_attendance_for_cohort(cohort: Cohort) -> list[AttendanceRow]:
    """Every event of the cohort's programme that its participants could attend, with figures
    counted over the cohort's admitted participants only."""
    participants = Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ADMITTED).values(
        "person_id"
    )
    events = (
        Event.objects.filter(programme_id=cohort.programme_id)
        .filter(Q(cohort=cohort) | Q(cohort__isnull=True))
        .annotate(
            registered=Count(
                "registrations",
                filter=Q(
                    registrations__status=RegistrationStatus.REGISTERED,
                    registrations__person_id__in=participants,
                ),
            ),
            attended=Count(
                "registrations",
                filter=Q(
                    registrations__status=RegistrationStatus.REGISTERED,
                    registrations__attended=True,
                    registrations__person_id__in=participants,
                ),
            ),
        )
        .order_by("starts_at")
    )
    return [AttendanceRow(event=e, registered=e.registered, attended=e.attended) for e in events]


@dataclass(frozen=True)
class MunicipalityAttendance:
    municipality: Municipality
    registered: int
    attended: int


def event_attendance_by_municipality(cohort: Cohort) -> list[MunicipalityAttendance]:
    """Registrations and attendance of the cohort's participants, summed per municipality."""
    registrations = EventRegistration.objects.filter(
        event__programme_id=cohort.programme_id,
        status=RegistrationStatus.REGISTERED,
    ).filter(Q(event__cohort=cohort) | Q(event__cohort__isnull=True))
    per_person = Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ADMITTED)
    figures = (
        Municipality.objects.filter(pk__in=per_person.values("municipality_id"))
        .annotate(
            registered=Count(
                "enrolments__person__event_registrations",
                filter=Q(
                    enrolments__cohort=cohort,
                    enrolments__status=EnrolmentStatus.ADMITTED,
                    enrolments__person__event_registrations__in=registrations,
                ),
                distinct=True,
            ),
            attended=Count(
                "enrolments__person__event_registrations",
                filter=Q(
                    enrolments__cohort=cohort,
                    enrolments__status=EnrolmentStatus.ADMITTED,
                    enrolments__person__event_registrations__in=registrations.filter(attended=True),
                ),
                distinct=True,
            ),
        )
        .order_by("name")
    )
    return [MunicipalityAttendance(m, m.registered, m.attended) for m in figures]


def ics_for_event(event: Event, *, base_url: str = "") -> IcsEvent:
    """The calendar entry of an event, for its .ics file and the personal calendar feed.

    SEQUENCE counts seconds since creation at the last change, so it rises with every edit."""
    path = reverse("programmes:event_detail", kwargs={"pk": event.pk})
    return IcsEvent(
        uid=f"programmes-event-{event.pk}@mentorship",
        sequence=max(0, int((event.updated_at - event.created_at).total_seconds())),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        summary=event.title,
        description="\n\n".join(part for part in (event.theme, event.description) if part),
        location=", ".join(part for part in (event.place, event.online_url) if part),
        url=base_url.rstrip("/") + path if base_url else path,
        updated_at=event.updated_at,
    )

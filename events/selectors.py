"""Reads about events: lists with counts, the person's own registrations, attendance figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse

from accounts.models import User
from common.ics import IcsEvent
from events.models import Event, EventRegistration, RegistrationStatus
from programmes.models import Cohort, Enrolment, EnrolmentStatus, Municipality

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
    every cohort that start within the cohort's dates. Reports and the coordinator's
    overview both count these."""
    return Event.objects.filter(
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
        updated_at=event.updated_at,
    )

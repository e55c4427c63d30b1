"""Who is expected at a session: every admitted participant of its cohort, without registering.

A session's registrations mirror the cohort's admitted participants, so that the
attendance pages, the reminders and the personal calendar feed, which all read
registrations, treat sessions like any other event.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from events.models import Event, EventKind, EventRegistration, RegistrationStatus
from programmes.models import Cohort, Enrolment, EnrolmentStatus, Role


def expected_enrolments(event: Event) -> QuerySet[Enrolment]:
    """The places of the people expected at a session: the cohort's admitted participants,
    or only its adepts when the session is for them alone."""
    if event.cohort_id is None:
        return Enrolment.objects.none()
    enrolments = Enrolment.objects.filter(
        cohort_id=event.cohort_id, status=EnrolmentStatus.ADMITTED
    )
    if event.for_adepts_only:
        enrolments = enrolments.filter(role=Role.ADEPT)
    return enrolments


@transaction.atomic
def session_participants_sync(*, event: Event) -> int:
    """Registers everyone expected; a person no longer expected is taken off
    unless their attendance was marked. Returns how many are expected."""
    if event.cohort_id is None or event.kind != EventKind.SESSION:
        return 0
    event = Event.objects.select_for_update().get(pk=event.pk)
    assert event.cohort_id is not None
    expected = set(expected_enrolments(event).values_list("person_id", flat=True))
    now = timezone.now()
    registrations = {r.person_id: r for r in event.registrations.all()}
    new = [
        EventRegistration(
            event=event,
            person_id=person_id,
            status=RegistrationStatus.REGISTERED,
            registered_at=now,
            changed_at=now,
        )
        for person_id in expected - registrations.keys()
    ]
    EventRegistration.objects.bulk_create(new)
    back = [
        r.pk
        for person_id, r in registrations.items()
        if person_id in expected and r.status != RegistrationStatus.REGISTERED
    ]
    gone = [
        r.pk
        for person_id, r in registrations.items()
        if person_id not in expected and r.status != RegistrationStatus.CANCELLED and not r.attended
    ]
    EventRegistration.objects.filter(pk__in=back).update(
        status=RegistrationStatus.REGISTERED, changed_at=now
    )
    EventRegistration.objects.filter(pk__in=gone).update(
        status=RegistrationStatus.CANCELLED, changed_at=now
    )
    # Every expected participant has a place; the capacity is never what limits a session.
    places = max(
        1, len(expected), event.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    )
    if event.capacity != places:
        Event.objects.filter(pk=event.pk).update(capacity=places)
    return len(expected)


def sessions_sync_for_cohort(*, cohort: Cohort, upcoming_only: bool = True) -> int:
    """Brings the cohort's (upcoming) sessions in line with its participants."""
    sessions = Event.objects.filter(cohort=cohort, kind=EventKind.SESSION)
    if upcoming_only:
        sessions = sessions.filter(starts_at__gt=timezone.now())
    count = 0
    for session in sessions:
        session_participants_sync(event=session)
        count += 1
    return count


def sessions_sync_starting_before(*, now: datetime.datetime, until: datetime.datetime) -> int:
    """The sessions about to be reminded of, checked against their cohorts just before."""
    sessions = Event.objects.filter(
        kind=EventKind.SESSION, starts_at__gt=now, starts_at__lte=until, cohort__isnull=False
    )
    count = 0
    for session in sessions:
        session_participants_sync(event=session)
        count += 1
    return count

"""Who may see and change events and the programme's documents.

Like programmes/access.py: the ``*_for_user`` functions return what the person may
see, ``*_for_coordinator`` what they may change, and the single-object forms raise
Http404 for anything else.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from events.models import Audience, Event, EventKind, EventRegistration, Resource
from programmes.access import AnyUser, get_or_404, is_administrator, programmes_for_coordinator
from programmes.models import (
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Membership,
    Municipality,
    Role,
)


def _admitted_cohort_ids(user: User) -> QuerySet[Enrolment, Mapping[str, Any]]:
    return Enrolment.objects.filter(person=user, status=EnrolmentStatus.ADMITTED).values(
        "cohort_id"
    )


def _own_municipality_ids(user: User) -> QuerySet[Municipality, Mapping[str, Any]]:
    """Where the person works (an enrolment or an earlier open-event answer) or is contact for."""
    return Municipality.objects.filter(
        Q(enrolments__person=user) | Q(contacts=user) | Q(event_registrations__person=user)
    ).values("pk")


def _own_municipality_programme_ids(user: User) -> QuerySet[Membership, Mapping[str, Any]]:
    """Programmes whose consortium includes a municipality the person works in or is contact for."""
    municipality_ids = Municipality.objects.filter(
        Q(enrolments__person=user) | Q(contacts=user)
    ).values("pk")
    return Membership.objects.filter(municipality_id__in=municipality_ids).values("programme_id")


# Events -----------------------------------------------------------------------


def events_for_user(user: AnyUser) -> QuerySet[Event]:
    """The audience of each event, the programme's coordinators, and everyone registered."""
    if not user.is_authenticated:
        return Event.objects.none()
    if is_administrator(user):
        return Event.objects.all()
    return Event.objects.filter(
        Q(programme__in=programmes_for_coordinator(user).values("pk"))
        | _addressed_to(user)
        # A session for the adepts only is not the mentors'.
        | _expected_at(user)
        | Q(audience=Audience.MANAGERS, programme_id__in=_own_municipality_programme_ids(user))
        | Q(
            pk__in=Event.open_municipalities.through.objects.filter(
                event__audience=Audience.OPEN, municipality_id__in=_own_municipality_ids(user)
            ).values("event_id")
        )
        | Q(pk__in=EventRegistration.objects.filter(person=user).values("event_id"))
    )


def _addressed_to(user: User) -> Q:
    """The events of the person's own cohorts (sessions aside) and their personal invitations."""
    return (
        Q(audience=Audience.COHORT, cohort_id__in=_admitted_cohort_ids(user))
        & ~Q(kind=EventKind.SESSION)
    ) | Q(pk__in=Event.invitees.through.objects.filter(user=user).values("event_id"))


def events_to_answer(user: User) -> QuerySet[Event]:
    """Coming events addressed to the person that they have not registered for (or declined)."""
    return (
        Event.objects.upcoming()
        .taking_place()
        .filter(_addressed_to(user))
        .exclude(pk__in=EventRegistration.objects.filter(person=user).values("event_id"))
    )


def open_event_for_anyone(pk: int) -> Event:
    """An open event's public registration page answers everyone, signed in or not."""
    return get_or_404(Event.objects.filter(audience=Audience.OPEN).select_related("programme"), pk)


def events_for_coordinator(user: AnyUser) -> QuerySet[Event]:
    if not user.is_authenticated:
        return Event.objects.none()
    return Event.objects.filter(programme__in=programmes_for_coordinator(user).values("pk"))


def event_for_user(user: AnyUser, pk: int) -> Event:
    return get_or_404(events_for_user(user).select_related("programme", "cohort"), pk)


def event_for_coordinator(user: AnyUser, pk: int) -> Event:
    return get_or_404(events_for_coordinator(user).select_related("programme", "cohort"), pk)


def event_taking_attendance(user: AnyUser, pk: int) -> Event:
    """The coordinator's event, unless cancelled: a cancelled event has no attendance."""
    return get_or_404(
        events_for_coordinator(user)
        .filter(cancelled_at__isnull=True)
        .select_related("programme", "cohort"),
        pk,
    )


def may_manage_event(user: AnyUser, event: Event) -> bool:
    return events_for_coordinator(user).filter(pk=event.pk).exists()


# Resources --------------------------------------------------------------------


def resources_for_user(user: AnyUser) -> QuerySet[Resource]:
    """The programme's coordinators, and the admitted participants of the cohort (or programme)."""
    if not user.is_authenticated:
        return Resource.objects.none()
    if is_administrator(user):
        return Resource.objects.all()
    cohort_ids = _admitted_cohort_ids(user)
    return Resource.objects.filter(
        Q(programme__in=programmes_for_coordinator(user).values("pk"))
        | Q(cohort_id__in=cohort_ids)
        | Q(cohort__isnull=True, programme__cohorts__in=cohort_ids)
    ).distinct()


def resources_for_coordinator(user: AnyUser) -> QuerySet[Resource]:
    if not user.is_authenticated:
        return Resource.objects.none()
    return Resource.objects.filter(programme__in=programmes_for_coordinator(user).values("pk"))


def resource_for_user(user: AnyUser, pk: int) -> Resource:
    return get_or_404(resources_for_user(user).select_related("programme", "cohort"), pk)


def resource_for_coordinator(user: AnyUser, pk: int) -> Resource:
    return get_or_404(resources_for_coordinator(user).select_related("programme", "cohort"), pk)


# Sessions ---------------------------------------------------------------------
# A cohort's programme of sessions: its coordinators plan and mark; its admitted
# participants see the series. A person whose place ended no longer sees it.


def _expected_at(user: User) -> Q:
    """The sessions the person is expected at: their cohorts', the adepts' only as an adept."""
    admitted = Enrolment.objects.filter(person=user, status=EnrolmentStatus.ADMITTED)
    return Q(kind=EventKind.SESSION) & (
        Q(cohort_id__in=admitted.values("cohort_id"), for_adepts_only=False)
        | Q(cohort_id__in=admitted.filter(role=Role.ADEPT).values("cohort_id"))
    )


def sessions_for_user(user: AnyUser) -> QuerySet[Event]:
    if not user.is_authenticated:
        return Event.objects.none()
    sessions = Event.objects.filter(kind=EventKind.SESSION, cohort__isnull=False)
    if is_administrator(user):
        return sessions
    return sessions.filter(
        Q(programme__in=programmes_for_coordinator(user).values("pk")) | _expected_at(user)
    )


def sessions_for_coordinator(user: AnyUser) -> QuerySet[Event]:
    return events_for_coordinator(user).filter(kind=EventKind.SESSION, cohort__isnull=False)


def session_for_user(user: AnyUser, pk: int) -> Event:
    return get_or_404(sessions_for_user(user).select_related("programme", "cohort"), pk)


def session_for_coordinator(user: AnyUser, pk: int) -> Event:
    return get_or_404(sessions_for_coordinator(user).select_related("programme", "cohort"), pk)


def session_for_participant(user: AnyUser, pk: int) -> Event:
    """Only a participant expected at the session, who may write a reflection."""
    if not user.is_authenticated:
        raise Http404
    sessions = Event.objects.filter(_expected_at(user)).select_related("programme", "cohort")
    return get_or_404(sessions, pk)


def cohorts_with_own_sessions(user: AnyUser) -> QuerySet[Cohort]:
    """The cohorts where the person holds a place and is expected at a session."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    return Cohort.objects.filter(
        pk__in=Event.objects.filter(_expected_at(user)).values("cohort_id")
    )


def is_session_participant(user: AnyUser, session: Event) -> bool:
    if not user.is_authenticated or session.cohort_id is None:
        return False
    return Event.objects.filter(_expected_at(user), pk=session.pk).exists()

"""What the events app holds about a person (see privacy/registry.py)."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from privacy.models import RecordKind, RetentionDecision
from privacy.registry import (
    DatedRetentionHandler,
    ExtractSection,
    Holding,
    RetentionHandler,
    by_user,
    extract_holdings,
    model_of,
    people_anonymise,
    people_past_their_time,
)
from privacy.selectors import past_everywhere
from programmes.models import Enrolment

from .models import Audience, EventRegistration

ADMIN_SEARCHABLE_TEXT = {
    "events.event": ("title", "theme", "place"),
    "events.resource": ("title", "original_name"),
}

HOLDINGS: list[Holding] = [
    Holding(
        "events.event",
        lambda person: model_of("events.event")._default_manager.filter(invitees=person),
        _("Events you were personally invited to."),
        fields=("title", "kind", "starts_at", "place"),
    ),
    Holding(
        "events.eventregistration",
        by_user("events.eventregistration", "person"),
        _(
            "Your registrations for events and whether you attended; for open events also "
            "the municipality and workplace you gave and, if you answered, your gender and "
            "age group (used only in the event's statistics)."
        ),
    ),
    Holding(
        "events.resource",
        by_user("events.resource", "uploaded_by"),
        _("Material you shared with a programme."),
        fields=("programme", "cohort", "event", "title", "original_name", "created_at"),
    ),
    Holding(
        "events.sessionreflection",
        by_user("events.sessionreflection", "author"),
        _(
            "Your answers to the reflection questions after your cohort's sessions; only you "
            "can read them."
        ),
        fields=("event", "answers", "created_at", "updated_at"),
    ),
]


def _session_reflections_empty(enrolments: QuerySet[Enrolment]) -> int:
    """A session reflection follows its author's place in the session's cohort."""
    own_place = enrolments.filter(person=OuterRef("author"), cohort=OuterRef("event__cohort"))
    return (
        model_of("events.sessionreflection")
        ._default_manager.filter(Exists(own_place))
        .exclude(answers=[])
        .update(answers=[])
    )


RETENTION: list[RetentionHandler] = [
    RetentionHandler(
        RecordKind.REFLECTIONS,
        _session_reflections_empty,
        _(
            "The answers of session reflections are emptied; that a participant reflected "
            "on a session remains."
        ),
    ),
]


def anonymise_person(person: User) -> None:
    """The workplace text and the person's reflections go; municipality, gender and age group
    stay for the statistics, and that a session was reflected on stays for the counts."""
    EventRegistration.objects.filter(person=person).exclude(workplace="").update(workplace="")
    model_of("events.sessionreflection")._default_manager.filter(author=person).exclude(
        answers=[]
    ).update(answers=[])


def extract(person: User) -> list[ExtractSection]:
    return extract_holdings(HOLDINGS, person)


# Open events -------------------------------------------------------------------------
# Who registers for an open event (a leader day) need not be in any programme: the
# registration is then the only record of the person, and the municipality they gave
# on it is the one whose decision sets its time, from the day the event ended.


def _open_registrations(
    decision: RetentionDecision, cutoff: datetime.date
) -> QuerySet[EventRegistration]:
    return EventRegistration.objects.filter(
        event__audience=Audience.OPEN,
        municipality=decision.municipality,
        event__ends_at__date__lt=cutoff,
    )


def _open_workplaces_empty(decision: RetentionDecision, cutoff: datetime.date) -> int:
    return _open_registrations(decision, cutoff).exclude(workplace="").update(workplace="")


def _open_registrants_anonymise(decision: RetentionDecision, cutoff: datetime.date) -> int:
    registrations = _open_registrations(decision, cutoff)
    candidates = User.objects.filter(event_registrations__in=registrations.values("pk"))
    return people_anonymise(people_past_their_time(candidates))


def people_within_time(kind: str) -> QuerySet[User]:
    """People registered for an open event whose time for ``kind`` has not passed: the
    event ended too recently, or the municipality they gave has no decision."""
    past = past_everywhere(kind=kind, day="event__ends_at__date")
    within = EventRegistration.objects.filter(event__audience=Audience.OPEN).exclude(past)
    return User.objects.filter(event_registrations__in=within.values("pk"))


RETENTION_BY_DATE: list[DatedRetentionHandler] = [
    DatedRetentionHandler(
        RecordKind.APPLICATIONS,
        _open_workplaces_empty,
        _(
            "The workplace given when registering for an open event is emptied; the "
            "municipality, gender, age group and attendance remain for the event's "
            "statistics. The time runs from the day of the event."
        ),
    ),
    DatedRetentionHandler(
        RecordKind.CONTACT_DETAILS,
        _open_registrants_anonymise,
        _(
            "Someone who only registered for open events is anonymised once every such "
            "event is past its time, counted from the day of the event."
        ),
    ),
]

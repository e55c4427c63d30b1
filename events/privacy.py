"""What the events app holds about a person (see privacy/registry.py)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from privacy.models import RecordKind
from privacy.registry import (
    ExtractSection,
    Holding,
    RetentionHandler,
    by_user,
    extract_holdings,
    model_of,
)
from programmes.models import Enrolment

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
    model_of("events.eventregistration")._default_manager.filter(person=person).exclude(
        workplace=""
    ).update(workplace="")
    model_of("events.sessionreflection")._default_manager.filter(author=person).exclude(
        answers=[]
    ).update(answers=[])


def extract(person: User) -> list[ExtractSection]:
    return extract_holdings(HOLDINGS, person)

"""What the events app holds about a person (see privacy/registry.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.models import User
from privacy.registry import ExtractSection, Holding, by_user, extract_holdings, model_of

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
        fields=("programme", "cohort", "title", "original_name", "created_at"),
    ),
]


def anonymise_person(person: User) -> None:
    """The workplace text goes; municipality, gender and age group stay for the statistics."""
    model_of("events.eventregistration")._default_manager.filter(person=person).exclude(
        workplace=""
    ).update(workplace="")


def extract(person: User) -> list[ExtractSection]:
    return extract_holdings(HOLDINGS, person)

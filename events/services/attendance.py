"""Attendance for events with hundreds of people: a filtered list, the door, an imported list."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from events.models import Event, EventRegistration, RegistrationStatus
from events.services.cancellation import event_locked


def _registered(event: Event) -> QuerySet[EventRegistration]:
    return event.registrations.filter(status=RegistrationStatus.REGISTERED)


@transaction.atomic
def event_check_in(
    *, event: Event, registration_id: int, attended: bool = True
) -> EventRegistration:
    """One tap at the door: the person is marked as present (or not, to undo)."""
    event = event_locked(event)
    registration = (
        _registered(event)
        .select_for_update()
        .select_related("person")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        raise ValidationError(_("Only people registered for the event can be marked as attending."))
    registration.attended = attended
    registration.save(update_fields=["attended"])
    return registration


def _normalised(emails: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for email in emails:
        email = email.strip().lower()
        if email:
            seen.setdefault(email, None)
    return list(seen)


def attendance_import_unknown(*, event: Event, emails: Iterable[str]) -> list[str]:
    """The addresses of the list that belong to nobody registered for the event."""
    emails = _normalised(emails)
    known = {
        email.lower()
        for email in _registered(event)
        .filter(person__email__in=emails)
        .values_list("person__email", flat=True)
    }
    return [email for email in emails if email not in known]


@transaction.atomic
def event_attendance_import(*, event: Event, emails: Iterable[str]) -> int:
    """Marks everyone on the list as present, or nobody when any address is unknown."""
    event = event_locked(event)
    emails = _normalised(emails)
    if not emails:
        raise ValidationError(_("The list has no email addresses."))
    unknown = attendance_import_unknown(event=event, emails=emails)
    if unknown:
        raise ValidationError(
            _("Nobody registered for the event has these addresses: %(emails)s")
            % {"emails": ", ".join(unknown)}
        )
    return _registered(event).filter(person__email__in=emails).update(attended=True)

"""Messages from the coordinator to a cohort, one role in it, or one municipality's participants.

The message is kept, and each addressee's copy is put in the outbox in the same
transaction (services/delivery.py): those admitted when it was sent get it, once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from notifications.emails import email_send
from notifications.models import Delivery
from notifications.services import (
    DeliveryNotNeeded,
    Notification,
    deliveries_queue,
    delivery_sender,
)
from programmes.models import (
    Cohort,
    CohortMessage,
    EnrolmentStatus,
    MessageAudience,
    Municipality,
    Role,
)

MESSAGE_KIND = "cohort_message"


def message_recipients(
    *,
    cohort: Cohort,
    audience: str,
    municipality: Municipality | None = None,
) -> QuerySet[User]:
    """The active people the message is for: admitted participants of the audience, now."""
    enrolments = cohort.enrolments.filter(status=EnrolmentStatus.ADMITTED)
    if audience == MessageAudience.MENTORS:
        enrolments = enrolments.filter(role=Role.MENTOR)
    elif audience == MessageAudience.ADEPTS:
        enrolments = enrolments.filter(role=Role.ADEPT)
    elif audience == MessageAudience.MUNICIPALITY:
        enrolments = enrolments.filter(municipality=municipality)
    return User.objects.filter(pk__in=enrolments.values("person_id"), is_active=True).order_by(
        "full_name"
    )


@transaction.atomic
def message_send(
    *,
    cohort: Cohort,
    sent_by: User,
    audience: str,
    subject: str,
    body: str,
    municipality: Municipality | None = None,
) -> CohortMessage:
    if audience == MessageAudience.MUNICIPALITY and municipality is None:
        raise ValidationError(
            {"municipality": _("Choose the municipality whose participants get it.")}
        )
    if audience != MessageAudience.MUNICIPALITY:
        municipality = None
    if not subject.strip() or not body.strip():
        raise ValidationError(_("Write a subject and a message."))
    recipient_ids = list(
        message_recipients(cohort=cohort, audience=audience, municipality=municipality).values_list(
            "pk", flat=True
        )
    )
    return _message_record(
        cohort=cohort,
        sent_by=sent_by,
        audience=audience,
        municipality=municipality,
        subject=subject,
        body=body,
        recipient_ids=recipient_ids,
    )


@transaction.atomic
def message_to_chosen_send(
    *, cohort: Cohort, sent_by: User, people: Iterable[User], subject: str, body: str
) -> CohortMessage:
    """A message to people ticked in one of the cohort's lists; each active one gets a copy."""
    if not subject.strip() or not body.strip():
        raise ValidationError(_("Write a subject and a message."))
    recipient_ids = sorted({person.pk for person in people if person.is_active})
    return _message_record(
        cohort=cohort,
        sent_by=sent_by,
        audience=MessageAudience.CHOSEN,
        municipality=None,
        subject=subject,
        body=body,
        recipient_ids=recipient_ids,
    )


def _message_record(
    *,
    cohort: Cohort,
    sent_by: User,
    audience: str,
    municipality: Municipality | None,
    subject: str,
    body: str,
    recipient_ids: list[int],
) -> CohortMessage:
    """Keeps the message, audits it and puts one copy per recipient in the outbox."""
    count = len(recipient_ids)
    if count == 0:
        raise ValidationError(_("Nobody in the cohort matches; the message was not sent."))
    message = CohortMessage.objects.create(
        cohort=cohort,
        audience=audience,
        municipality=municipality,
        subject=subject.strip(),
        body=body.strip(),
        sent_by=sent_by,
        recipient_count=count,
    )
    audit_record(
        actor=sent_by, action="cohort_message.send", target=message, summary=f"{count} recipients"
    )
    # Each copy is in the outbox with the message itself: with the broker down, a sweep sends it.
    deliveries_queue(message_copies(message, recipient_ids))
    return message


def message_copies(message: CohortMessage, person_ids: Iterable[int]) -> Iterator[Notification]:
    """One outbox row per addressee of ``message``."""
    for person_id in person_ids:
        yield Notification(
            kind=MESSAGE_KIND,
            key=message_key(message),
            recipient_id=person_id,
            payload={"message_id": message.pk},
        )


def message_key(message: CohortMessage) -> str:
    return f"message:{message.pk}"


@delivery_sender(MESSAGE_KIND)
def message_copy_send(delivery: Delivery) -> str:
    message = (
        CohortMessage.objects.select_related("cohort__programme")
        .filter(pk=delivery.payload["message_id"])
        .first()
    )
    if message is None:
        raise DeliveryNotNeeded
    return email_send(
        to=delivery.recipient, template="cohort_message", context={"message": message}
    )

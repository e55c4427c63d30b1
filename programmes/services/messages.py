"""Messages from the coordinator to a cohort, one role in it, or one municipality's participants.

The message is kept; each recipient's email goes through once-only delivery in
a Celery task queued on commit, so a retried task sends nobody a second copy.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from ..emails import email_send
from ..models import (
    Cohort,
    CohortMessage,
    Delivery,
    EnrolmentStatus,
    MessageAudience,
    Municipality,
    Role,
    User,
)
from ..queueing import Fallback, enqueue_on_commit
from .audit import audit_record
from .delivery import deliver_once

MESSAGE_KIND = "cohort_message"


def message_recipients(
    *,
    cohort: Cohort,
    audience: str,
    municipality: Municipality | None = None,
    admitted_by: datetime.datetime | None = None,
) -> QuerySet[User]:
    """The active people the message is for; with ``admitted_by``, those admitted by then."""
    enrolments = cohort.enrolments.filter(status=EnrolmentStatus.ADMITTED)
    if admitted_by is not None:
        enrolments = enrolments.filter(status_changed_at__lte=admitted_by)
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
    count = message_recipients(cohort=cohort, audience=audience, municipality=municipality).count()
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
    from ..tasks_running import message_deliver

    # A message can have hundreds of recipients: with the broker down, the sweep delivers it.
    enqueue_on_commit(message_deliver, message.pk, fallback=Fallback.SWEEP)
    return message


def message_addressees(message: CohortMessage) -> QuerySet[User]:
    """Who the message was written to: a participant admitted after it was sent is left out."""
    return message_recipients(
        cohort=message.cohort,
        audience=message.audience,
        municipality=message.municipality,
        admitted_by=message.created_at,
    )


def message_undelivered(message: CohortMessage) -> QuerySet[User]:
    """Addressees whose copy has not been sent (or is being sent right now)."""
    sent = Delivery.objects.filter(
        kind=MESSAGE_KIND, key=message_key(message), recipient=OuterRef("pk"), sent_at__isnull=False
    )
    return message_addressees(message).exclude(Exists(sent))


def message_key(message: CohortMessage) -> str:
    return f"message:{message.pk}"


def message_deliver(*, message: CohortMessage) -> int:
    """Emails every addressee who has not had this message yet; returns how many were sent now."""
    recipients = message_addressees(message)
    sent = 0
    for person in recipients:
        sent += deliver_once(
            kind=MESSAGE_KIND,
            key=message_key(message),
            recipient=person,
            send=lambda p=person: email_send(
                to=p, template="cohort_message", context={"message": message}
            ),
        )
    return sent

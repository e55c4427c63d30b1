"""The pair's emails. Each leaves once, through deliver_once, in the recipient's language."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.urls import reverse

from programmes.emails import Attachment, email_send
from programmes.ics import CALENDAR_MIMETYPE
from programmes.models import Delivery, User
from programmes.services.delivery import deliver_once

from ..calendar import meeting_ics, meeting_method
from ..models import Meeting, MeetingStatus, Pair

MEETING_CHANGE = "pairs_meeting_change"
MEETING_REMINDER = "pairs_meeting_reminder"
PAIR_NUDGE = "pairs_nudge"
EVALUATION_INVITE = "pairs_evaluation_invite"
EVALUATION_REMINDER = "pairs_evaluation_reminder"


def _deliver(*, kind: str, key: str, recipient: User, send: Callable[[], None]) -> bool:
    """deliver_once, releasing the claim when sending fails so that the next sweep retries now.

    A worker killed outright leaves its claim, which deliver_once retries after a while.
    """
    try:
        return deliver_once(kind=kind, key=key, recipient=recipient, send=send)
    except Exception:
        Delivery.objects.filter(
            kind=kind, key=key, recipient=recipient, sent_at__isnull=True
        ).delete()
        raise


def meeting_key(meeting: Meeting) -> str:
    # The sequence is part of the key: every change is a new message, each sent once.
    return f"meeting:{meeting.pk}:s{meeting.sequence}"


def _meeting_attachments(meeting: Meeting) -> list[Attachment]:
    if meeting.status == MeetingStatus.HELD:
        return []
    method = meeting_method(meeting)
    return [
        Attachment(
            filename="meeting.ics",
            content=meeting_ics(meeting).decode(),
            mimetype=f"{CALENDAR_MIMETYPE}; method={method}",
        )
    ]


def _pair_url(pair: Pair) -> str:
    return reverse("pairs:pair_detail", kwargs={"pk": pair.pk})


def meeting_send(*, meeting: Meeting, recipient: User, template: str) -> None:
    partner = meeting.pair.partner_of(recipient.pk).person
    email_send(
        to=recipient,
        template=template,
        context={"meeting": meeting, "partner": partner, "pair_url": _pair_url(meeting.pair)},
        attachments=_meeting_attachments(meeting),
    )


def meeting_notify(*, meeting: Meeting, recipient: User) -> bool:
    """Tells the partner that a meeting was planned, changed, held or cancelled."""
    return _deliver(
        kind=MEETING_CHANGE,
        key=meeting_key(meeting),
        recipient=recipient,
        send=lambda: meeting_send(meeting=meeting, recipient=recipient, template=MEETING_CHANGE),
    )


def meeting_remind(*, meeting: Meeting, recipient: User) -> bool:
    return _deliver(
        kind=MEETING_REMINDER,
        key=meeting_key(meeting),
        recipient=recipient,
        send=lambda: meeting_send(meeting=meeting, recipient=recipient, template=MEETING_REMINDER),
    )


def nudge_key(pair: Pair, number: int) -> str:
    return f"pair:{pair.pk}:nudge:{number}"


def pair_nudge(*, pair: Pair, number: int, recipient: User) -> bool:
    partner = pair.partner_of(recipient.pk).person
    return _deliver(
        kind=PAIR_NUDGE,
        key=nudge_key(pair, number),
        recipient=recipient,
        send=lambda: email_send(
            to=recipient,
            template=PAIR_NUDGE,
            context={"pair": pair, "partner": partner, "pair_url": _pair_url(pair)},
        ),
    )


def evaluation_send(
    *,
    questionnaire_id: int,
    cohort_name: str,
    closes_on: datetime.date,
    recipient: User,
    reminder: bool,
) -> bool:
    template = EVALUATION_REMINDER if reminder else EVALUATION_INVITE
    url = reverse("pairs:evaluation_answer", kwargs={"pk": questionnaire_id})
    return _deliver(
        kind=template,
        key=f"questionnaire:{questionnaire_id}",
        recipient=recipient,
        send=lambda: email_send(
            to=recipient,
            template=template,
            context={"cohort_name": cohort_name, "closes_on": closes_on, "answer_url": url},
        ),
    )

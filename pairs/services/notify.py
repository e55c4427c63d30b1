"""The pair's emails: each kind's key, and the sender that writes it in the recipient's language.

Every mail is a row of the outbox first (notifications/services.py): a change
queues it in its own transaction, the sweep queues what is due. The senders here
read the row's objects afresh and drop a mail whose reason has gone (a meeting
changed again or cancelled, an evaluation already answered).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from accounts.models import User
from common.ics import CALENDAR_MIMETYPE
from notifications.emails import Attachment, email_send
from notifications.models import Delivery
from notifications.services import (
    DeliveryNotNeeded,
    delivery_queue,
    delivery_reader,
    delivery_sender,
    read_for,
)
from programmes.services.mail_templates import programme_mail_send

from ..calendar import group_meeting_ics, meeting_ics, meeting_method
from ..models import GroupMeeting, Meeting, MeetingStatus, Pair, Questionnaire, Response
from ..models.meetings import MeetingFields

MEETING_CHANGE = "pairs_meeting_change"
GROUP_MEETING_CHANGE = "pairs_group_meeting_change"
MEETING_REMINDER = "pairs_meeting_reminder"
PAIR_NUDGE = "pairs_nudge"
EVALUATION_INVITE = "pairs_evaluation_invite"
EVALUATION_REMINDER = "pairs_evaluation_reminder"
# The invitation to a survey, sent to its coordinator to see it as participants will.
SURVEY_TEST = "pairs_survey_test"
KINDS = (
    MEETING_CHANGE,
    GROUP_MEETING_CHANGE,
    MEETING_REMINDER,
    PAIR_NUDGE,
    EVALUATION_INVITE,
    EVALUATION_REMINDER,
    SURVEY_TEST,
)


def meeting_key(meeting: Meeting) -> str:
    # The sequence is part of the key: every change is a new message, each sent once.
    return f"meeting:{meeting.pk}:s{meeting.sequence}"


def nudge_key(pair: Pair, number: int) -> str:
    return f"pair:{pair.pk}:nudge:{number}"


def questionnaire_key(questionnaire_id: int) -> str:
    return f"questionnaire:{questionnaire_id}"


def meeting_payload(meeting: MeetingFields) -> dict[str, int]:
    return {"meeting_id": meeting.pk, "sequence": meeting.sequence}


def meeting_change_queue(*, meeting: Meeting, recipient: User) -> None:
    """Tells the partner that a meeting was planned, changed, held or cancelled (on commit)."""
    delivery_queue(
        kind=MEETING_CHANGE,
        key=meeting_key(meeting),
        recipient=recipient,
        payload=meeting_payload(meeting),
    )


def group_meeting_key(meeting: GroupMeeting) -> str:
    return f"group-meeting:{meeting.pk}:s{meeting.sequence}"


def group_meeting_change_queue(*, meeting: GroupMeeting, recipient: User) -> None:
    """Tells a member of the group that its mentor planned, changed or logged a meeting."""
    delivery_queue(
        kind=GROUP_MEETING_CHANGE,
        key=group_meeting_key(meeting),
        recipient=recipient,
        payload=meeting_payload(meeting),
    )


def _meeting_attachments(meeting: MeetingFields, ics: bytes) -> list[Attachment]:
    if meeting.status == MeetingStatus.HELD:
        return []
    method = meeting_method(meeting)
    return [
        Attachment(
            filename="meeting.ics",
            content=ics.decode(),
            mimetype=f"{CALENDAR_MIMETYPE}; method={method}",
        )
    ]


def _pair_url(pair: Pair) -> str:
    return reverse("pairs:pair_detail", kwargs={"pk": pair.pk})


def meeting_send(*, meeting: Meeting, recipient: User, template: str) -> str:
    partner = meeting.pair.partner_of(recipient.pk).person
    context = {"meeting": meeting, "partner": partner, "pair_url": _pair_url(meeting.pair)}
    attachments = _meeting_attachments(meeting, meeting_ics(meeting))
    if template == MEETING_REMINDER:
        return programme_mail_send(
            key="meeting_reminder",
            programme=meeting.pair.cohort.programme,
            to=recipient,
            context={**context, "cohort": meeting.pair.cohort},
            attachments=attachments,
        )
    return email_send(to=recipient, template=template, context=context, attachments=attachments)


def _meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related(
        "pair__mentor__person", "pair__adept__person", "pair__cohort__programme"
    )


@delivery_reader(MEETING_CHANGE, MEETING_REMINDER)
def meetings_as_queued(deliveries: list[Delivery]) -> dict[int, Meeting]:
    """The meetings of a batch of rows in one query, each as it was when its mail was queued."""
    meetings = _meetings().in_bulk({d.payload["meeting_id"] for d in deliveries})
    return {
        d.pk: meeting
        for d in deliveries
        if (meeting := meetings.get(d.payload["meeting_id"])) is not None
        and meeting.sequence == d.payload["sequence"]
    }


def _meeting_as_queued(delivery: Delivery) -> Meeting:
    """The meeting as it was when the mail was queued; a later change has a mail of its own."""
    meeting = read_for(delivery) or (
        _meetings()
        .filter(pk=delivery.payload["meeting_id"], sequence=delivery.payload["sequence"])
        .first()
    )
    if meeting is None:
        raise DeliveryNotNeeded
    return meeting


@delivery_sender(MEETING_CHANGE)
def meeting_change_send(delivery: Delivery) -> str:
    meeting = _meeting_as_queued(delivery)
    return meeting_send(meeting=meeting, recipient=delivery.recipient, template=MEETING_CHANGE)


@delivery_sender(MEETING_REMINDER)
def meeting_reminder_send(delivery: Delivery) -> str:
    meeting = _meeting_as_queued(delivery)
    if meeting.status != MeetingStatus.PLANNED or meeting.pair.dissolved_at is not None:
        raise DeliveryNotNeeded
    return meeting_send(meeting=meeting, recipient=delivery.recipient, template=MEETING_REMINDER)


@delivery_sender(GROUP_MEETING_CHANGE)
def group_meeting_change_send(delivery: Delivery) -> str:
    meeting = (
        GroupMeeting.objects.select_related("group__mentor__person")
        .filter(pk=delivery.payload["meeting_id"], sequence=delivery.payload["sequence"])
        .first()
    )
    if meeting is None or meeting.group.dissolved_at is not None:
        raise DeliveryNotNeeded
    return email_send(
        to=delivery.recipient,
        template=GROUP_MEETING_CHANGE,
        context={
            "meeting": meeting,
            "mentor": meeting.group.mentor.person,
            "group_url": reverse("pairs:group_detail", kwargs={"pk": meeting.group_id}),
        },
        attachments=_meeting_attachments(meeting, group_meeting_ics(meeting)),
    )


@delivery_sender(PAIR_NUDGE)
def pair_nudge_send(delivery: Delivery) -> str:
    pair = (
        Pair.objects.select_related("mentor__person", "adept__person", "cohort__programme")
        .filter(pk=delivery.payload["pair_id"], dissolved_at__isnull=True)
        .first()
    )
    if pair is None:
        raise DeliveryNotNeeded
    partner = pair.partner_of(delivery.recipient_id).person
    return programme_mail_send(
        key="nudge",
        programme=pair.cohort.programme,
        to=delivery.recipient,
        context={
            "pair": pair,
            "partner": partner,
            "pair_url": _pair_url(pair),
            "cohort": pair.cohort,
        },
    )


def _survey(delivery: Delivery) -> Questionnaire | None:
    return (
        Questionnaire.objects.select_related("cohort__programme")
        .filter(pk=delivery.payload["questionnaire_id"])
        .first()
    )


def survey_mail_key(questionnaire: Questionnaire, *, reminder: bool) -> str:
    """The programme's mail (pairs/mails.py): the evaluation's, or the pulse survey's."""
    key = "evaluation" if questionnaire.is_evaluation else "pulse_survey"
    return f"{key}_reminder" if reminder else key


def _survey_mail(delivery: Delivery, questionnaire: Questionnaire, *, reminder: bool) -> str:
    return programme_mail_send(
        key=survey_mail_key(questionnaire, reminder=reminder),
        programme=questionnaire.cohort.programme,
        to=delivery.recipient,
        context={
            "cohort": questionnaire.cohort,
            "cohort_name": questionnaire.cohort.name,
            "survey": questionnaire,
            "closes_on": questionnaire.closes_on,
            "answer_url": reverse("pairs:evaluation_answer", kwargs={"pk": questionnaire.pk}),
        },
    )


def _evaluation_send(delivery: Delivery) -> str:
    questionnaire = _survey(delivery)
    if (
        questionnaire is None
        or not questionnaire.is_open()
        or Response.objects.filter(questionnaire=questionnaire, person=delivery.recipient).exists()
    ):
        raise DeliveryNotNeeded
    return _survey_mail(delivery, questionnaire, reminder=delivery.kind == EVALUATION_REMINDER)


delivery_sender(EVALUATION_INVITE)(_evaluation_send)
delivery_sender(EVALUATION_REMINDER)(_evaluation_send)


@delivery_sender(SURVEY_TEST)
def survey_test_send(delivery: Delivery) -> str:
    """The invitation exactly as participants get it, whether or not the survey is open yet."""
    questionnaire = _survey(delivery)
    if questionnaire is None:
        raise DeliveryNotNeeded
    return _survey_mail(delivery, questionnaire, reminder=False)

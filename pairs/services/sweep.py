"""The periodic sweep: finds what is due in the database, queues it in the outbox, sends it.

Every kind of due work is read in batches ordered by primary key, each batch in
a fixed number of queries (the batch and the outbox rows already there for it);
the batch's new mails are inserted at once, and the unique constraint of the
outbox keeps a second sweep from queueing any of them again. Then everything of
the pair's kinds that is due is sent, each mail on its own (one bad address holds
back nobody else).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict, cast

from django.db import IntegrityError, transaction
from django.db.models import (
    DateTimeField,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from notifications.models import Delivery
from notifications.services import Notification, deliveries_queue, deliveries_send, sent_or_queued
from programmes.models import Enrolment, EnrolmentStatus, Role

from .. import schedule
from ..models import (
    Audience,
    Meeting,
    MeetingStatus,
    Pair,
    PairNudge,
    Question,
    Questionnaire,
    Response,
)
from . import check_in, notify

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


@dataclass
class SweepResult:
    reminders: int = 0
    nudges: int = 0
    evaluations: int = 0
    evaluation_reminders: int = 0
    mid_year_check_ins: int = 0
    # Mails about a changed meeting whose wake-up was lost (the broker was down).
    meeting_changes: int = 0
    batches: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def sent(self) -> int:
        return (
            self.reminders
            + self.nudges
            + self.evaluations
            + self.evaluation_reminders
            + self.mid_year_check_ins
        )


def sweep_run(
    *, now: datetime.datetime | None = None, batch_size: int | None = None
) -> SweepResult:
    now = now or timezone.now()
    batch_size = batch_size or schedule.sweep_batch_size()
    result = SweepResult()
    meeting_reminders_queue(now=now, batch_size=batch_size, result=result)
    pair_nudges_queue(now=now, batch_size=batch_size, result=result)
    evaluations_queue(now=now, batch_size=batch_size, result=result)
    check_in.mid_year_check_ins_queue(today=timezone.localdate(now))
    sent = deliveries_send(kinds=(*notify.KINDS, *check_in.KINDS)).sent
    result.reminders = sent[notify.MEETING_REMINDER]
    result.nudges = sent[notify.PAIR_NUDGE]
    result.evaluations = sent[notify.EVALUATION_INVITE]
    result.evaluation_reminders = sent[notify.EVALUATION_REMINDER]
    result.meeting_changes = sent[notify.MEETING_CHANGE]
    result.mid_year_check_ins = sum(sent[kind] for kind in check_in.KINDS)
    return result


# Reminders before meetings -------------------------------------------------------


def due_reminders(now: datetime.datetime) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(
            status=MeetingStatus.PLANNED,
            starts_at__gt=now,
            starts_at__lte=now + schedule.reminder_before(),
            pair__dissolved_at__isnull=True,
        )
        .select_related("pair__mentor__person", "pair__adept__person")
        .order_by("pk")
    )


def meeting_reminders_queue(
    *, now: datetime.datetime, batch_size: int, result: SweepResult
) -> None:
    last_pk = 0
    while True:
        batch = list(due_reminders(now).filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            return
        result.batches += 1
        last_pk = batch[-1].pk
        queued = sent_or_queued(
            kind=notify.MEETING_REMINDER, keys=[notify.meeting_key(m) for m in batch]
        )
        deliveries_queue(
            (
                Notification(
                    kind=notify.MEETING_REMINDER,
                    key=notify.meeting_key(meeting),
                    recipient_id=person_id,
                    payload=notify.meeting_payload(meeting),
                )
                for meeting in batch
                for person_id in (meeting.pair.mentor.person_id, meeting.pair.adept.person_id)
                if (notify.meeting_key(meeting), person_id) not in queued
            ),
            wake=False,
        )


# Nudges for pairs that have stopped meeting -------------------------------------------


class NudgeState(TypedDict):
    """What :func:`pairs_due_for_nudge` adds to each pair."""

    quiet_since: datetime.datetime
    nudge_count: int
    has_planned: bool


def pairs_due_for_nudge(now: datetime.datetime) -> QuerySet[WithAnnotations[Pair, NudgeState]]:
    """Active pairs in a running cohort with no meeting for a while and none planned.

    A pair in a mentor group is left out: the group meets as a whole, and its mentor plans.
    """
    today = timezone.localdate(now)
    # A planned meeting whose time has passed counts too: the pair may just not have logged it.
    last_held = Subquery(
        Meeting.objects.filter(
            pair=OuterRef("pk"),
            status__in=[MeetingStatus.HELD, MeetingStatus.PLANNED],
            starts_at__lte=now,
        )
        .order_by("-starts_at")
        .values("starts_at")[:1],
        output_field=DateTimeField(),
    )
    last_nudge = Subquery(
        PairNudge.objects.filter(pair=OuterRef("pk")).order_by("-number").values("sent_at")[:1],
        output_field=DateTimeField(),
    )
    nudge_count = Coalesce(
        Subquery(
            PairNudge.objects.filter(pair=OuterRef("pk")).order_by("-number").values("number")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )
    planned = Meeting.objects.filter(
        pair=OuterRef("pk"), status=MeetingStatus.PLANNED, starts_at__gt=now
    )
    due = (
        Pair.objects.active()
        .filter(cohort__starts_on__lte=today, cohort__ends_on__gte=today, group__isnull=True)
        .annotate(
            # Quiet since the last meeting (or the pairing), or since the last nudge.
            quiet_since=Greatest(
                Coalesce(last_held, "created_at"),
                Coalesce(last_nudge, last_held, "created_at"),
            ),
            nudge_count=nudge_count,
            has_planned=Exists(planned),
        )
        .filter(has_planned=False, quiet_since__lte=now - schedule.nudge_after())
        .select_related("mentor__person", "adept__person")
        .order_by("pk")
    )
    # The stubs type a custom QuerySet's rows without their annotations: these are the above.
    return cast("QuerySet[WithAnnotations[Pair, NudgeState]]", due)


def pair_nudges_queue(*, now: datetime.datetime, batch_size: int, result: SweepResult) -> None:
    last_pk = 0
    while True:
        batch = list(pairs_due_for_nudge(now).filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            return
        result.batches += 1
        last_pk = batch[-1].pk
        for pair in batch:
            # The nudge and both its mails are recorded together, or not at all.
            with transaction.atomic():
                number = pair.nudge_count + 1
                if not _nudge_record(pair=pair, number=number, now=now):
                    continue  # another sweep nudged this pair at the same moment
                deliveries_queue(
                    (
                        Notification(
                            kind=notify.PAIR_NUDGE,
                            key=notify.nudge_key(pair, number),
                            recipient_id=person_id,
                            payload={"pair_id": pair.pk},
                        )
                        for person_id in (pair.mentor.person_id, pair.adept.person_id)
                    ),
                    wake=False,
                )


def _nudge_record(*, pair: Pair, number: int, now: datetime.datetime) -> bool:
    """Records the pair's nudge ``number``; False when it was recorded already."""
    try:
        with transaction.atomic():
            _nudge, created = PairNudge.objects.get_or_create(
                pair=pair, number=number, defaults={"sent_at": now}
            )
    except IntegrityError:
        return False
    return created


# Surveys: the end-of-year evaluation and pulse surveys ------------------------------


def open_questionnaires(today: datetime.date) -> list[Questionnaire]:
    not_closed = Q(open_until__gte=today) | Q(open_until__isnull=True, cohort__ends_on__gte=today)
    candidates = (
        Questionnaire.objects.filter(not_closed)
        .filter(Exists(Question.objects.filter(questionnaire=OuterRef("pk"))))
        .select_related("cohort")
    )
    return [q for q in candidates if q.is_open(today)]


def evaluations_queue(*, now: datetime.datetime, batch_size: int, result: SweepResult) -> None:
    today = timezone.localdate(now)
    for questionnaire in open_questionnaires(today):
        _evaluation_batches(questionnaire, batch_size, result, reminder=False, now=now)
        if questionnaire.send_reminder:
            _evaluation_batches(questionnaire, batch_size, result, reminder=True, now=now)


def survey_invitations_queue(questionnaire: Questionnaire, *, now: datetime.datetime) -> int:
    """Queues the invitations of a survey just opened ("send now"), waking the worker."""
    result = SweepResult()
    _evaluation_batches(
        questionnaire, schedule.sweep_batch_size(), result, reminder=False, now=now, wake=True
    )
    return result.counts.get(notify.EVALUATION_INVITE, 0)


def evaluation_recipients(
    questionnaire: Questionnaire, *, invited_before: datetime.datetime | None = None
) -> QuerySet[Enrolment]:
    """Admitted participants with questions for their role who have not answered yet.

    With ``invited_before``, only those whose invitation went out before then (for reminders).
    """
    audiences = set(
        Question.objects.filter(questionnaire=questionnaire).values_list("audience", flat=True)
    )
    roles = Role.values if Audience.BOTH in audiences else list(audiences)
    answered = Response.objects.filter(questionnaire=questionnaire, person=OuterRef("person"))
    recipients = Enrolment.objects.filter(
        cohort_id=questionnaire.cohort_id, status=EnrolmentStatus.ADMITTED, role__in=roles
    ).filter(~Q(Exists(answered)))
    if invited_before is not None:
        invited = Delivery.objects.filter(
            kind=notify.EVALUATION_INVITE,
            key=notify.questionnaire_key(questionnaire.pk),
            recipient=OuterRef("person"),
            sent_at__lte=invited_before,
        )
        recipients = recipients.filter(Exists(invited))
    return recipients.select_related("person").order_by("pk")


def _evaluation_batches(
    questionnaire: Questionnaire,
    batch_size: int,
    result: SweepResult,
    *,
    reminder: bool,
    now: datetime.datetime,
    wake: bool = False,
) -> None:
    kind = notify.EVALUATION_REMINDER if reminder else notify.EVALUATION_INVITE
    key = notify.questionnaire_key(questionnaire.pk)
    invited_before = now - schedule.evaluation_reminder_after() if reminder else None
    recipients = evaluation_recipients(questionnaire, invited_before=invited_before)
    last_pk = 0
    while True:
        batch = list(recipients.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            return
        result.batches += 1
        last_pk = batch[-1].pk
        queued = sent_or_queued(kind=kind, keys=[key])
        new = [
            Notification(
                kind=kind,
                key=key,
                recipient_id=enrolment.person_id,
                payload={"questionnaire_id": questionnaire.pk},
            )
            for enrolment in batch
            if (key, enrolment.person_id) not in queued
        ]
        result.counts[kind] = result.counts.get(kind, 0) + len(new)
        deliveries_queue(new, wake=wake)

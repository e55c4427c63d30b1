"""The periodic sweep: finds what is due in the database and sends each message once.

Every kind of due work is read in batches ordered by primary key, each batch in
a fixed number of queries (the batch and the deliveries already claimed for
it); each message is then claimed through deliver_once before it is sent.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from programmes.models import Delivery, Enrolment, EnrolmentStatus
from programmes.services.delivery import already_delivered

from .. import schedule
from ..models import Meeting, MeetingStatus, Pair, PairNudge, Question, Questionnaire, Response
from . import notify


@dataclass
class SweepResult:
    reminders: int = 0
    nudges: int = 0
    evaluations: int = 0
    evaluation_reminders: int = 0
    batches: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def sent(self) -> int:
        return self.reminders + self.nudges + self.evaluations + self.evaluation_reminders


def sweep_run(
    *, now: datetime.datetime | None = None, batch_size: int | None = None
) -> SweepResult:
    now = now or timezone.now()
    batch_size = batch_size or schedule.sweep_batch_size()
    result = SweepResult()
    meeting_reminders_send(now=now, batch_size=batch_size, result=result)
    pair_nudges_send(now=now, batch_size=batch_size, result=result)
    evaluations_send(now=now, batch_size=batch_size, result=result)
    return result


# Reminders before meetings -------------------------------------------------------


def due_reminders(now: datetime.datetime):  # type: ignore[no-untyped-def]
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


def meeting_reminders_send(*, now: datetime.datetime, batch_size: int, result: SweepResult) -> None:
    last_pk = 0
    while True:
        batch = list(due_reminders(now).filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            return
        result.batches += 1
        last_pk = batch[-1].pk
        done = already_delivered(
            kind=notify.MEETING_REMINDER, keys=[notify.meeting_key(m) for m in batch]
        )
        for meeting in batch:
            key = notify.meeting_key(meeting)
            for person in (meeting.pair.mentor.person, meeting.pair.adept.person):
                if (key, person.pk) in done:
                    continue
                if notify.meeting_remind(meeting=meeting, recipient=person):
                    result.reminders += 1


# Nudges for pairs that have stopped meeting -------------------------------------------


def pairs_due_for_nudge(now: datetime.datetime):  # type: ignore[no-untyped-def]
    """Active pairs in a running cohort with no meeting for a while and none planned."""
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
    return (
        Pair.objects.active()
        .filter(cohort__starts_on__lte=today, cohort__ends_on__gte=today)
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


def pair_nudges_send(*, now: datetime.datetime, batch_size: int, result: SweepResult) -> None:
    last_pk = 0
    while True:
        batch = list(pairs_due_for_nudge(now).filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            return
        result.batches += 1
        last_pk = batch[-1].pk
        keys = [notify.nudge_key(pair, pair.nudge_count + 1) for pair in batch]
        done = already_delivered(kind=notify.PAIR_NUDGE, keys=keys)
        for pair, key in zip(batch, keys, strict=True):
            number = pair.nudge_count + 1
            for person in (pair.mentor.person, pair.adept.person):
                if (key, person.pk) in done:
                    continue
                if notify.pair_nudge(pair=pair, number=number, recipient=person):
                    result.nudges += 1
            # Recorded after both mails, so a crash in between re-sends the missing one.
            _nudge_record(pair=pair, number=number, now=now)


def _nudge_record(*, pair: Pair, number: int, now: datetime.datetime) -> None:
    try:
        with transaction.atomic():
            PairNudge.objects.get_or_create(pair=pair, number=number, defaults={"sent_at": now})
    except IntegrityError:
        # Another sweep recorded the same nudge at the same moment.
        pass


# The end-of-year evaluation ------------------------------------------------------


def open_questionnaires(today: datetime.date) -> list[Questionnaire]:
    candidates = Questionnaire.objects.filter(cohort__ends_on__gte=today).select_related("cohort")
    return [q for q in candidates if q.is_open(today) and q.questions.exists()]


def evaluations_send(*, now: datetime.datetime, batch_size: int, result: SweepResult) -> None:
    today = timezone.localdate(now)
    for questionnaire in open_questionnaires(today):
        _evaluation_batches(questionnaire, batch_size, result, reminder=False, now=now)
        _evaluation_batches(questionnaire, batch_size, result, reminder=True, now=now)


def evaluation_recipients(  # type: ignore[no-untyped-def]
    questionnaire: Questionnaire, *, invited_before: datetime.datetime | None = None
):
    """Admitted participants with questions for their role who have not answered yet.

    With ``invited_before``, only those whose invitation went out before then (for reminders).
    """
    roles = Question.objects.filter(questionnaire=questionnaire).values("audience")
    answered = Response.objects.filter(questionnaire=questionnaire, person=OuterRef("person"))
    recipients = Enrolment.objects.filter(
        cohort_id=questionnaire.cohort_id, status=EnrolmentStatus.ADMITTED, role__in=roles
    ).filter(~Q(Exists(answered)))
    if invited_before is not None:
        invited = Delivery.objects.filter(
            kind=notify.EVALUATION_INVITE,
            key=f"questionnaire:{questionnaire.pk}",
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
) -> None:
    kind = notify.EVALUATION_REMINDER if reminder else notify.EVALUATION_INVITE
    key = f"questionnaire:{questionnaire.pk}"
    invited_before = now - schedule.evaluation_reminder_after() if reminder else None
    recipients = evaluation_recipients(questionnaire, invited_before=invited_before)
    last_pk = 0
    while True:
        batch = list(recipients.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            return
        result.batches += 1
        last_pk = batch[-1].pk
        done = already_delivered(kind=kind, keys=[key])
        for enrolment in batch:
            if (key, enrolment.person_id) in done:
                continue
            if notify.evaluation_send(
                questionnaire_id=questionnaire.pk,
                cohort_name=questionnaire.cohort.name,
                closes_on=questionnaire.closes_on,
                recipient=enrolment.person,
                reminder=reminder,
            ):
                if reminder:
                    result.evaluation_reminders += 1
                else:
                    result.evaluations += 1

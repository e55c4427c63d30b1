"""The leader profile's journey mails: the invitation when the profiles open, and a reminder
a week later to those still unfinished, as long as the cohort has not been matched.

Each is one outbox row per person and opening (the key names the opening), so a sweep run
twice, or an opening followed by the sweep, sends nothing twice. A programme that has
switched the mails off (Programme.mails_profile_invitation) gets none queued.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from notifications.models import Delivery
from notifications.services import (
    DeliveryNotNeeded,
    Notification,
    deliveries_queue_new,
    delivery_sender,
)
from programmes.models import Enrolment, EnrolmentStatus
from programmes.services.mail_templates import programme_mail_send

from .. import selectors
from ..models import CohortMatching, MatchRun

INVITATION_KIND = "matching.profile_invitation"
REMINDER_KIND = "matching.profile_reminder"
# The automatic reminder goes to those still unfinished this long after their invitation.
PROFILE_REMINDER_AFTER = datetime.timedelta(days=7)


def opening_key(config: CohortMatching) -> str:
    # The opening's moment is part of the key: each opening invites each person once.
    assert config.profiles_opened_at is not None
    return f"cohort:{config.cohort_id}:opened:{config.profiles_opened_at:%Y%m%d%H%M%S}"


def reminder_key(config: CohortMatching) -> str:
    return f"{opening_key(config)}:reminder"


def _queue(kind: str, key: str, enrolments: list[Enrolment], *, wake: bool) -> int:
    return deliveries_queue_new(
        (
            Notification(
                kind=kind,
                key=key,
                recipient_id=enrolment.person_id,
                payload={"enrolment_id": enrolment.pk},
            )
            for enrolment in enrolments
        ),
        wake=wake,
    )


def profile_invitations_queue(*, config: CohortMatching) -> int:
    """Invites every admitted participant who has not finished the profile (in the caller's
    transaction; the mails leave on commit). Returns how many were queued."""
    cohort = config.cohort
    if config.profiles_opened_at is None or not cohort.programme.mails_profile_invitation:
        return 0
    unfinished = selectors.unfinished_enrolments(cohort)
    return _queue(INVITATION_KIND, opening_key(config), unfinished, wake=True)


def cohorts_gathering_profiles(today: datetime.date) -> QuerySet[CohortMatching]:
    """Open profiles of running or coming cohorts not yet matched, whose programme mails."""
    published = MatchRun.objects.filter(cohort=OuterRef("cohort"), published_at__isnull=False)
    return (
        CohortMatching.objects.filter(
            profiles_opened_at__isnull=False,
            cohort__ends_on__gte=today,
            cohort__programme__mails_profile_invitation=True,
        )
        .filter(~Exists(published))
        .select_related("cohort__programme")
        .order_by("pk")
    )


def profile_mails_queue(*, now: datetime.datetime | None = None) -> int:
    """The sweep's step: invites those admitted since the opening, and reminds, once, those
    invited a week ago or more who have still not finished. Returns how many were queued."""
    now = now or timezone.now()
    queued = 0
    for config in cohorts_gathering_profiles(timezone.localdate(now)):
        unfinished = selectors.unfinished_enrolments(config.cohort)
        if not unfinished:
            continue
        key = opening_key(config)
        # The sweep sends what it queued itself (matching/tasks.py).
        queued += _queue(INVITATION_KIND, key, unfinished, wake=False)
        invited_long_ago = set(
            Delivery.objects.filter(
                kind=INVITATION_KIND,
                key=key,
                created_at__lte=now - PROFILE_REMINDER_AFTER,
                recipient_id__in=[e.person_id for e in unfinished],
            ).values_list("recipient_id", flat=True)
        )
        queued += _queue(
            REMINDER_KIND,
            reminder_key(config),
            [e for e in unfinished if e.person_id in invited_long_ago],
            wake=False,
        )
    return queued


# Each kind's mail in the mail registry (matching/mails.py), which a programme can reword.
MAIL_KEYS = {
    INVITATION_KIND: "profile_invitation",
    REMINDER_KIND: "profile_reminder",
}


def profile_mail_send(delivery: Delivery) -> str:
    enrolment = (
        Enrolment.objects.select_related("cohort__programme")
        .filter(pk=delivery.payload["enrolment_id"], status=EnrolmentStatus.ADMITTED)
        .first()
    )
    if enrolment is None:
        raise DeliveryNotNeeded
    return programme_mail_send(
        key=MAIL_KEYS[delivery.kind],
        programme=enrolment.cohort.programme,
        to=delivery.recipient,
        context={
            "enrolment": enrolment,
            "cohort": enrolment.cohort,
            "programme": enrolment.cohort.programme,
        },
    )


delivery_sender(INVITATION_KIND)(profile_mail_send)
delivery_sender(REMINDER_KIND)(profile_mail_send)

"""The mid-year check-in: halfway through a cohort's period each pair is asked again whether
it works (the fit question), and in group mentoring each member of a group how it is going.

The sweep queues it (pairs/services/sweep.py): one outbox row per person, keyed by the pair
or the group, so each is asked once whatever the number of sweeps. A programme that has
switched it off (Programme.mails_mid_year_check_in) gets none queued.
"""

from __future__ import annotations

import datetime
from typing import TypeVar

from django.db.models import QuerySet
from django.urls import reverse

from notifications.models import Delivery
from notifications.services import (
    DeliveryNotNeeded,
    Notification,
    deliveries_queue_new,
    delivery_sender,
)
from programmes.models import Cohort, CohortFormat
from programmes.services.mail_templates import programme_mail_send

from ..models import MentorGroup, Pair

# A pair or a mentor group: what a check-in is about.
Member = TypeVar("Member", Pair, MentorGroup)

PAIR_CHECK_IN = "pairs_mid_year_check_in"
GROUP_CHECK_IN = "pairs_group_mid_year_check_in"
KINDS = (PAIR_CHECK_IN, GROUP_CHECK_IN)
# From the middle of the period the check-in stays due this long: a sweep that missed some
# days catches up, while a programme switched on late in the year does not ask at its end.
CHECK_IN_WINDOW = datetime.timedelta(days=30)


def mid_year(cohort: Cohort) -> datetime.date:
    return cohort.starts_on + (cohort.ends_on - cohort.starts_on) / 2


def cohorts_at_mid_year(today: datetime.date) -> list[Cohort]:
    """Running cohorts with mentors, of programmes that ask, whose middle has just passed."""
    running = (
        Cohort.objects.running(today)
        .filter(programme__mails_mid_year_check_in=True)
        .exclude(format=CohortFormat.SESSIONS)
        .select_related("programme")
        .order_by("pk")
    )
    return [c for c in running if mid_year(c) <= today < mid_year(c) + CHECK_IN_WINDOW]


def pair_key(pair_id: int) -> str:
    return f"pair:{pair_id}:mid-year"


def group_key(group_id: int) -> str:
    return f"group:{group_id}:mid-year"


def _pairs_formed_by(cohort: Cohort, day: datetime.date) -> QuerySet[Pair]:
    # A pair formed after the middle of the year has only just begun: it is not asked.
    return Pair.objects.active().filter(cohort=cohort, created_at__date__lte=day)


def _check_ins(cohort: Cohort) -> list[Notification]:
    """Each member's check-in in the cohort: of their pair, or of their group."""
    formed = _pairs_formed_by(cohort, mid_year(cohort)).select_related("mentor", "adept")
    if cohort.is_group_mentoring:
        members: dict[int, set[int]] = {}
        for pair in formed.filter(group__dissolved_at__isnull=True).exclude(group=None):
            assert pair.group_id is not None
            members.setdefault(pair.group_id, set()).update(pair.member_ids())
        return [
            Notification(
                kind=GROUP_CHECK_IN,
                key=group_key(group_id),
                recipient_id=person_id,
                payload={"group_id": group_id},
            )
            for group_id, people in sorted(members.items())
            for person_id in sorted(people)
        ]
    return [
        Notification(
            kind=PAIR_CHECK_IN,
            key=pair_key(pair.pk),
            recipient_id=person_id,
            payload={"pair_id": pair.pk},
        )
        for pair in formed.filter(group=None).order_by("pk")
        for person_id in pair.member_ids()
    ]


def mid_year_check_ins_queue(*, today: datetime.date) -> int:
    """Queues the check-ins due today that are not in the outbox yet; returns how many."""
    return sum(
        deliveries_queue_new(_check_ins(cohort), wake=False)
        for cohort in cohorts_at_mid_year(today)
    )


def _still_active(active: QuerySet[Member], pk: int) -> Member:
    """The pair or group of a check-in with its programme; a dissolved one is asked nothing."""
    found = active.select_related("cohort__programme").filter(pk=pk).first()
    if found is None:
        raise DeliveryNotNeeded
    return found


@delivery_sender(PAIR_CHECK_IN)
def pair_check_in_send(delivery: Delivery) -> str:
    pair = _still_active(
        Pair.objects.active().select_related("mentor__person", "adept__person"),
        delivery.payload["pair_id"],
    )
    return programme_mail_send(
        key="mid_year_check_in",
        programme=pair.cohort.programme,
        to=delivery.recipient,
        context={
            "pair": pair,
            "partner": pair.partner_of(delivery.recipient_id).person,
            "cohort": pair.cohort,
            "programme": pair.cohort.programme,
            "fit_url": reverse("pairs:fit_answer", kwargs={"pk": pair.pk}),
            "pair_url": reverse("pairs:pair_detail", kwargs={"pk": pair.pk}),
        },
    )


@delivery_sender(GROUP_CHECK_IN)
def group_check_in_send(delivery: Delivery) -> str:
    group = _still_active(
        MentorGroup.objects.active().select_related("mentor__person"),
        delivery.payload["group_id"],
    )
    return programme_mail_send(
        key="group_mid_year_check_in",
        programme=group.cohort.programme,
        to=delivery.recipient,
        context={
            "group": group,
            "is_mentor": group.mentor.person_id == delivery.recipient_id,
            "cohort": group.cohort,
            "programme": group.cohort.programme,
            "group_url": reverse("pairs:group_detail", kwargs={"pk": group.pk}),
        },
    )

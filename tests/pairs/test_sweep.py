"""The sweep: reminders before meetings, nudges to quiet pairs, each mail exactly once."""

from __future__ import annotations

import datetime
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core import mail
from django.db import connections, transaction
from django.urls import reverse
from django.utils import timezone

from notifications.models import Delivery, DeliveryStatus
from notifications.services import DELIVERY_BACKOFF, SERVER_DOWN_AFTER
from pairs.models import Meeting, MeetingStatus, Pair, PairNudge
from pairs.services.meetings import meeting_plan
from pairs.services.sweep import sweep_run
from pairs.tasks import sweep
from tests.programmes.test_admission_concurrency import sqlite_file_copy
from tests.world import World, build_world

from .factories import HeldMeetingFactory, MeetingFactory
from .flaky_mail import FlakyBackend


def _reminders(outbox: list) -> Counter:
    return Counter(
        tuple(m.to) for m in outbox if "Påminnelse" in m.subject or "Reminder" in m.subject
    )


@pytest.mark.django_db
def test_both_members_get_one_reminder_a_day_before_the_meeting(world: World, outbox) -> None:
    meeting = MeetingFactory(
        pair=world.pair, starts_at=timezone.now() + datetime.timedelta(hours=20)
    )
    MeetingFactory(pair=world.other_pair, starts_at=timezone.now() + datetime.timedelta(days=3))
    first = sweep_run()
    second = sweep_run()
    assert (first.reminders, second.reminders) == (2, 0)
    assert sorted(m.to[0] for m in outbox) == sorted([world.mentor.email, world.adept.email])
    assert all("Mona Mentor" in m.subject or "Ada Adept" in m.subject for m in outbox)
    assert (
        Delivery.objects.filter(kind="pairs_meeting_reminder", sent_at__isnull=False).count() == 2
    )
    # The reminder carries the calendar entry.
    assert any(a[2].startswith("text/calendar") for a in outbox[0].attachments)
    assert meeting.uid in outbox[0].attachments[0][1]


@pytest.mark.django_db
def test_the_reminder_time_is_a_setting(world: World, outbox, settings) -> None:
    settings.PAIRS_REMINDER_HOURS_BEFORE = 72
    MeetingFactory(pair=world.pair, starts_at=timezone.now() + datetime.timedelta(hours=60))
    assert sweep_run().reminders == 2


@pytest.mark.django_db
def test_a_rescheduled_meeting_is_reminded_again_at_its_new_time(world: World, outbox) -> None:
    meeting = MeetingFactory(
        pair=world.pair, starts_at=timezone.now() + datetime.timedelta(hours=5)
    )
    sweep_run()
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() + datetime.timedelta(hours=10), sequence=1
    )
    assert sweep_run().reminders == 2


@pytest.mark.django_db
def test_a_quiet_pair_is_nudged_and_needs_attention_after_two_nudges(
    world: World, outbox, client_for
) -> None:
    now = timezone.now()
    Pair.objects.update(created_at=now - datetime.timedelta(weeks=20))
    HeldMeetingFactory(pair=world.pair, starts_at=now - datetime.timedelta(weeks=7))
    # The other pair has a meeting planned, so it is not nudged.
    HeldMeetingFactory(pair=world.other_pair, starts_at=now - datetime.timedelta(weeks=7))
    MeetingFactory(pair=world.other_pair, starts_at=now + datetime.timedelta(days=3))

    assert sweep_run(now=now).nudges == 2
    assert sweep_run(now=now).nudges == 0
    assert sweep_run(now=now + datetime.timedelta(weeks=3)).nudges == 0
    health = reverse("pairs:cohort_health", kwargs={"pk": world.cohort.pk})
    coordinator = client_for("coordinator")
    coordinator.cookies["mentorship_language"] = "en"
    assert "<strong>Needs attention</strong>" not in coordinator.get(health).content.decode()

    assert sweep_run(now=now + datetime.timedelta(weeks=6, days=1)).nudges == 2
    assert PairNudge.objects.filter(pair=world.pair).count() == 2
    assert not PairNudge.objects.filter(pair=world.other_pair).exists()
    body = coordinator.get(health).content.decode()
    assert "<strong>Needs attention</strong>" in body
    assert "1 pair needs attention." in body
    nudged = Counter(m.to[0] for m in outbox)
    assert nudged == {world.mentor.email: 2, world.adept.email: 2}


@pytest.mark.django_db
def test_a_new_meeting_ends_the_attention(world: World, client_for) -> None:
    now = timezone.now()
    Pair.objects.update(created_at=now - datetime.timedelta(weeks=30))
    HeldMeetingFactory(pair=world.pair, starts_at=now - datetime.timedelta(weeks=20))
    MeetingFactory(pair=world.other_pair, starts_at=now + datetime.timedelta(weeks=30))
    sweep_run(now=now)
    sweep_run(now=now + datetime.timedelta(weeks=7))
    coordinator = client_for("coordinator")
    coordinator.cookies["mentorship_language"] = "en"
    url = reverse("pairs:cohort_health", kwargs={"pk": world.cohort.pk})
    assert b"<strong>Needs attention</strong>" in coordinator.get(url).content
    HeldMeetingFactory(pair=world.pair, starts_at=now + datetime.timedelta(weeks=7, days=1))
    assert b"<strong>Needs attention</strong>" not in coordinator.get(url).content


@pytest.mark.django_db
def test_the_celery_task_runs_the_sweep(world: World, outbox) -> None:
    MeetingFactory(pair=world.pair, starts_at=timezone.now() + datetime.timedelta(hours=2))
    assert sweep.delay().get()["reminders"] == 2
    assert len(outbox) == 2


@pytest.mark.django_db
def test_sweeps_process_many_due_meetings_in_batches(world: World, outbox) -> None:
    soon = timezone.now() + datetime.timedelta(hours=3)
    for _n in range(7):
        MeetingFactory(pair=world.pair, starts_at=soon)
    result = sweep_run(batch_size=3)
    assert result.reminders == 14
    assert result.batches == 3
    assert len(outbox) == 14


# Exactly once, under concurrency and failures -----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sweeps_send_each_reminder_once(tmp_path: Path) -> None:
    world = build_world()
    soon = timezone.now() + datetime.timedelta(hours=3)
    for pair in (world.pair, world.other_pair):
        for _n in range(5):
            MeetingFactory(pair=pair, starts_at=soon)
    mail.outbox = []
    with sqlite_file_copy(tmp_path):
        start = threading.Event()

        def run() -> int:
            start.wait()
            try:
                return sweep_run(batch_size=4).reminders
            finally:
                connections.close_all()

        with ThreadPoolExecutor(max_workers=2) as pool:
            futures = [pool.submit(run) for _n in range(2)]
            start.set()
            counts = [future.result() for future in futures]
        assert sum(counts) == 20
        assert Delivery.objects.filter(sent_at__isnull=False).count() == 20
    per_message = Counter((m.to[0], m.attachments[0][1]) for m in mail.outbox)
    assert len(mail.outbox) == 20
    assert set(per_message.values()) == {1}


@pytest.mark.django_db(transaction=True)
def test_a_sweep_interrupted_by_the_mail_server_sends_the_rest_once_when_rerun(settings) -> None:
    """The pass stops once the server is plainly gone; the failed back off, the rest go next."""
    settings.EMAIL_BACKEND = "tests.pairs.flaky_mail.FlakyBackend"
    world = build_world()
    soon = timezone.now() + datetime.timedelta(hours=3)
    meetings = [MeetingFactory(pair=world.pair, starts_at=soon) for _n in range(5)]
    mail.outbox = []
    FlakyBackend.budget = 3
    try:
        assert sweep_run().reminders == 3
        failed = Delivery.objects.exclude(last_error="")
        assert failed.count() == SERVER_DOWN_AFTER
        assert {(d.attempts, d.status, d.last_error) for d in failed} == {
            (1, DeliveryStatus.PENDING, "ConnectionError: SMTP server went away")
        }
        assert all(d.next_attempt_at > timezone.now() + DELIVERY_BACKOFF[0] / 2 for d in failed)
        FlakyBackend.budget = None
        # The four the outage never reached go now; the three that failed wait for their back-off.
        assert sweep_run().reminders == 4
        failed.update(next_attempt_at=timezone.now())
        assert sweep_run().reminders == 3
        assert sweep_run().reminders == 0
    finally:
        FlakyBackend.budget = None
    sent = Counter((m.to[0], m.attachments[0][1].split("UID:")[1].split()[0]) for m in mail.outbox)
    assert len(mail.outbox) == 10
    assert set(sent.values()) == {1}
    assert {uid for _to, uid in sent} == {m.uid for m in meetings}


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_plan_queues_and_sends_nothing() -> None:
    world = build_world()
    mail.outbox = []
    with pytest.raises(RuntimeError), transaction.atomic():
        meeting_plan(
            pair=world.pair,
            actor=world.adept,
            starts_at=timezone.now() + datetime.timedelta(days=3),
            minutes=60,
            mode="in_person",
            place="Bålsta",
        )
        raise RuntimeError("something later in the same transaction failed")
    assert not Meeting.objects.exists()
    assert mail.outbox == []
    assert not Delivery.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_committed_plan_sends_the_invitation_once() -> None:
    world = build_world()
    mail.outbox = []
    meeting_plan(
        pair=world.pair,
        actor=world.adept,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        minutes=60,
        mode="in_person",
        place="Bålsta",
    )
    assert [m.to for m in mail.outbox] == [[world.mentor.email]]
    assert Meeting.objects.get().status == MeetingStatus.PLANNED


@pytest.mark.django_db
def test_a_stale_claim_is_retried_as_the_same_message(world: World, outbox) -> None:
    """The worker died after the mail left but before the record: the retry repeats its id."""
    MeetingFactory(pair=world.pair, starts_at=timezone.now() + datetime.timedelta(hours=3))
    MeetingFactory(pair=world.other_pair, starts_at=timezone.now() + datetime.timedelta(hours=3))
    assert sweep_run().reminders == 4
    first_ids = {m.to[0]: m.message()["Message-ID"] for m in outbox}
    assert len(set(first_ids.values())) == 4  # one id per delivery, not per sweep

    # As the row stands when its worker died with the mail gone: taken, the claim run out.
    mentor_delivery = Delivery.objects.get(recipient=world.mentor)
    Delivery.objects.filter(pk=mentor_delivery.pk).update(
        status=DeliveryStatus.PENDING,
        sent_at=None,
        next_attempt_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    outbox.clear()
    assert sweep_run().reminders == 1
    assert [m.to[0] for m in outbox] == [world.mentor.email]
    assert outbox[0].message()["Message-ID"] == first_ids[world.mentor.email]


@pytest.mark.django_db
def test_a_delivery_message_id_is_stable_but_keyed_by_the_secret(
    world: World, outbox, settings
) -> None:
    from notifications.emails import email_send, stable_message_id

    def send(seed: str | None) -> str:
        outbox.clear()
        if seed is None:
            email_send(to=world.adept, template="cohort_message", context={"message": None})
        else:
            with stable_message_id(seed):
                email_send(to=world.adept, template="cohort_message", context={"message": None})
        return outbox[0].message()["Message-ID"]

    assert send("delivery:1") == send("delivery:1") != send("delivery:2")
    assert send(None) != send(None)  # outside a delivery every email is new
    known = send("delivery:1")
    settings.SECRET_KEY = "another installation's secret"
    assert send("delivery:1") != known

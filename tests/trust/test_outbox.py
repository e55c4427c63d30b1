"""The outbox itself: every kind has its sender, one bad row holds back nobody, a row goes once."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import timezone

from accounts.services import INVITATION_KIND
from events.services.cancellation import EVENT_CANCELLED_KIND
from events.services.event_mails import EVENT_CHANGED_KIND, EVENT_INVITATION_KIND
from events.services.events import EVENT_MESSAGE_KIND, EVENT_PROMOTED_KIND, EVENT_REMINDER_KIND
from events.services.sessions import SESSION_CANCELLED_KIND
from matching.services.profile import REMINDER_KIND as PROFILE_REMINDER
from matching.services.profile_mails import INVITATION_KIND as PROFILE_INVITATION
from matching.services.runs import PUBLISHED_KIND
from notifications import services as delivery_services
from notifications.models import Delivery, DeliveryStatus
from pairs.services import check_in, notify
from programmes.services.enrolment import CONSENT_REMINDER, ENROLMENT_MAIL
from programmes.services.feedback import REPORT_KIND
from programmes.services.mail_templates import TEST_KIND as MAIL_TEST_KIND
from programmes.services.messages import MESSAGE_KIND
from tests.world import World

pytestmark = pytest.mark.django_db


def test_every_kind_the_code_queues_has_a_sender_registered_at_start_up() -> None:
    queued = {
        *notify.KINDS,
        *check_in.KINDS,
        PROFILE_REMINDER,
        PROFILE_INVITATION,
        PUBLISHED_KIND,
        INVITATION_KIND,
        CONSENT_REMINDER,
        ENROLMENT_MAIL,
        EVENT_MESSAGE_KIND,
        EVENT_PROMOTED_KIND,
        EVENT_REMINDER_KIND,
        EVENT_INVITATION_KIND,
        EVENT_CHANGED_KIND,
        SESSION_CANCELLED_KIND,
        EVENT_CANCELLED_KIND,
        REPORT_KIND,
        MESSAGE_KIND,
        MAIL_TEST_KIND,
    }
    assert queued == delivery_services.registered_kinds()


def test_a_row_nobody_can_send_is_marked_and_the_next_row_still_goes(
    world: World, outbox: list
) -> None:
    broken = Delivery.objects.create(kind="no_such_kind", key="x", recipient=world.mentor)
    good = Delivery.objects.create(
        kind=notify.PAIR_NUDGE,
        key="pair:1:nudge:1",
        recipient=world.adept,
        payload={"pair_id": world.pair.pk},
    )
    result = delivery_services.deliveries_send()
    assert (result.total, result.failed) == (1, 1)
    broken.refresh_from_db()
    good.refresh_from_db()
    assert broken.status == DeliveryStatus.PENDING and broken.attempts == 1
    assert "no_such_kind" in broken.last_error
    assert good.status == DeliveryStatus.SENT and good.address == world.adept.email
    assert [m.to for m in outbox] == [[world.adept.email]]


def test_a_row_is_taken_by_one_sender_only(world: World) -> None:
    row = Delivery.objects.create(kind=notify.PAIR_NUDGE, key="k", recipient=world.adept)
    now = timezone.now()
    assert delivery_services._claim(row.pk, now) is True
    assert delivery_services._claim(row.pk, now) is False  # the second worker finds it taken


def test_mail_to_a_deactivated_person_is_dropped_not_sent(world: World, outbox: list) -> None:
    world.adept.is_active = False
    world.adept.save(update_fields=["is_active"])
    row = Delivery.objects.create(
        kind=notify.PAIR_NUDGE, key="k", recipient=world.adept, payload={"pair_id": world.pair.pk}
    )
    delivery_services.deliveries_send()
    row.refresh_from_db()
    assert row.status == DeliveryStatus.DROPPED and outbox == []


def test_a_queued_mail_exists_exactly_when_its_change_does(world: World) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        delivery_services.delivery_queue(kind=notify.PAIR_NUDGE, recipient=world.adept, wake=False)
        raise RuntimeError("the change failed after queueing")
    assert not Delivery.objects.exists()
    with transaction.atomic():
        first = delivery_services.delivery_queue(
            kind=MESSAGE_KIND, key="m:1", recipient=world.adept
        )
        again = delivery_services.delivery_queue(
            kind=MESSAGE_KIND, key="m:1", recipient=world.adept
        )
    assert first is not None and again is None
    assert Delivery.objects.count() == 1


def test_a_batch_of_meeting_mails_reads_its_meetings_in_one_query(world: World, outbox) -> None:
    import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.pairs.factories import MeetingFactory

    soon = timezone.now() + datetime.timedelta(hours=3)
    for meeting in [MeetingFactory(pair=world.pair, starts_at=soon) for _ in range(5)]:
        for person in (world.adept, world.mentor):
            delivery_services.delivery_queue(
                kind=notify.MEETING_REMINDER,
                key=notify.meeting_key(meeting),
                recipient=person,
                payload=notify.meeting_payload(meeting),
                wake=False,
            )
    with CaptureQueriesContext(connection) as queries:
        assert delivery_services.deliveries_send().total == 10
    meeting_reads = [
        q["sql"] for q in queries if q["sql"].startswith("SELECT") and '"pairs_meeting"' in q["sql"]
    ]
    assert len(meeting_reads) == 1, meeting_reads
    assert len(outbox) == 10

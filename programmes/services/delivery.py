"""Once-only delivery for everything the sweeps send (reminders, nudges, evaluations, events).

A sweep finds what is due in the database and, for each message, claims a
Delivery row under a unique constraint before it sends. Two sweeps at once,
or a re-run after a killed worker, therefore send each message once.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..models import Delivery, User

# A claim whose mail never went (the worker died between claim and send) is retried after this.
DELIVERY_RETRY_AFTER = datetime.timedelta(minutes=15)


def delivery_claim(*, kind: str, key: str, recipient: User) -> Delivery | None:
    """Claims the right to send; None when it is already sent or being sent."""
    try:
        with transaction.atomic():
            return Delivery.objects.create(kind=kind, key=key, recipient=recipient)
    except IntegrityError:
        pass
    stale_before = timezone.now() - DELIVERY_RETRY_AFTER
    reclaimed = Delivery.objects.filter(
        kind=kind,
        key=key,
        recipient=recipient,
        sent_at__isnull=True,
        claimed_at__lt=stale_before,
    ).update(claimed_at=timezone.now(), attempts=F("attempts") + 1)
    if reclaimed:
        return Delivery.objects.get(kind=kind, key=key, recipient=recipient)
    return None


def delivery_mark_sent(*, delivery: Delivery) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(sent_at=timezone.now())


def deliver_once(*, kind: str, key: str, recipient: User, send: Callable[[], None]) -> bool:
    """Sends through ``send`` unless this message was already claimed; True when sent now."""
    delivery = delivery_claim(kind=kind, key=key, recipient=recipient)
    if delivery is None:
        return False
    send()
    delivery_mark_sent(delivery=delivery)
    return True


def already_delivered(*, kind: str, keys: list[str]) -> set[tuple[str, int]]:
    """(key, recipient id) pairs already claimed, so a sweep can skip them in one query."""
    return set(Delivery.objects.filter(kind=kind, key__in=keys).values_list("key", "recipient_id"))

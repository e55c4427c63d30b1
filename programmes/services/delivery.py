"""Once-only delivery for everything the sweeps send (reminders, nudges, evaluations, events).

A sweep finds what is due in the database and, for each message, claims a
Delivery row under a unique constraint before it sends. Two sweeps at once,
or a re-run after a killed worker, therefore send each message once.

One window is left that no database can close: a worker killed after the mail
server took a message but before its Delivery row was marked sent. That claim
is retried once stale, so nobody is missed, and the retry carries the same
Message-ID (emails.stable_message_id), so it is the same message again.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from ..emails import stable_message_id
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
    with stable_message_id(f"delivery:{delivery.pk}"):
        send()
    delivery_mark_sent(delivery=delivery)
    return True


def already_delivered(*, kind: str, keys: list[str]) -> set[tuple[str, int]]:
    """(key, recipient id) pairs sent or being sent, so a sweep can skip them in one query.

    A stale claim is left out: its worker died, and deliver_once takes it up again.
    """
    stale = Q(sent_at__isnull=True, claimed_at__lt=timezone.now() - DELIVERY_RETRY_AFTER)
    return set(
        Delivery.objects.filter(kind=kind, key__in=keys)
        .exclude(stale)
        .values_list("key", "recipient_id")
    )

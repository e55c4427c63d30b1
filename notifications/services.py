"""The outbox: queueing a notification with the change that causes it, and sending it once.

Writing: ``delivery_queue`` (one person) and ``deliveries_queue`` (many) insert
Delivery rows inside the caller's transaction and ask, on commit, for a worker to
send them. The broker only wakes the worker: if it is down, the rows wait for the
next sweep, and the save that wrote them has answered long before.

Sending: ``deliveries_send`` takes each due row with a conditional update (so two
workers never both take it), hands it to the sender registered for its kind and
records the outcome. A failure is written on the row with the attempt count and
backs off (DELIVERY_BACKOFF), then gives up; the other rows go on. A worker killed
between taking a row and recording it leaves a claim that comes due again after
DELIVERY_RETRY_AFTER, and the retry carries the same Message-ID
(emails.stable_message_id), so at worst the same message arrives twice.
"""

from __future__ import annotations

import datetime
import logging
import secrets
import smtplib
import socket
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from notifications.emails import stable_message_id
from notifications.models import Delivery, DeliveryStatus
from notifications.queueing import enqueue_now

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

# A claim whose worker died before it recorded the outcome comes due again after this.
DELIVERY_RETRY_AFTER = datetime.timedelta(minutes=15)
# After failed attempt n the next waits DELIVERY_BACKOFF[n - 1]; after the last, the row fails.
DELIVERY_BACKOFF = (
    datetime.timedelta(minutes=15),
    datetime.timedelta(hours=1),
    datetime.timedelta(hours=6),
)
DELIVERY_MAX_ATTEMPTS = len(DELIVERY_BACKOFF) + 1
# This many failures in a row that say the mail server itself cannot be reached end a pass:
# the rest stay due for the next one instead of each waiting out the same time-out.
SERVER_DOWN_AFTER = 3
# Rows read per query by a sending pass.
SEND_BATCH_SIZE = 200
ERROR_MAX_LENGTH = 500

# The errors that say nothing about one address but that the mail server is out of reach.
_SERVER_UNREACHABLE = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    ConnectionError,
    TimeoutError,
    socket.gaierror,
)


class DeliveryNotNeeded(Exception):
    """Raised by a sender when the mail no longer has a reason, e.g. its meeting is gone."""


# A sender writes and sends the mail of one Delivery and returns the address it went to.
Sender = Callable[[Delivery], str]
_SENDERS: dict[str, Sender] = {}


def delivery_sender(kind: str) -> Callable[[Sender], Sender]:
    """Registers the sender of one kind; each app registers its own in its AppConfig.ready."""

    def register(sender: Sender) -> Sender:
        if _SENDERS.get(kind, sender) is not sender:
            raise ValueError(f"Two senders for the delivery kind {kind!r}.")
        _SENDERS[kind] = sender
        return sender

    return register


# A reader fetches what a batch of one kind's rows needs in one query (delivery id -> object),
# so that a sweep of 20,000 reminders does not read each meeting on its own.
Reader = Callable[[list[Delivery]], dict[int, Any]]
_READERS: dict[str, Reader] = {}
_read: ContextVar[dict[int, Any] | None] = ContextVar("delivery_batch_read", default=None)


def delivery_reader(*kinds: str) -> Callable[[Reader], Reader]:
    """Registers a batch reader for ``kinds``; their senders find its objects with ``read_for``."""

    def register(reader: Reader) -> Reader:
        for kind in kinds:
            _READERS[kind] = reader
        return reader

    return register


def read_for(delivery: Delivery) -> Any | None:
    """What the batch reader fetched for ``delivery``; None outside a batch or when not found."""
    return (_read.get() or {}).get(delivery.pk)


def _read_batch(batch: list[Delivery]) -> dict[int, Any]:
    read: dict[int, Any] = {}
    by_kind: dict[str, list[Delivery]] = {}
    for delivery in batch:
        by_kind.setdefault(delivery.kind, []).append(delivery)
    for kind, deliveries in by_kind.items():
        if kind in _READERS:
            read.update(_READERS[kind](deliveries))
    return read


def registered_kinds() -> set[str]:
    return set(_SENDERS)


# Queueing -----------------------------------------------------------------------


def new_key() -> str:
    """A key for a notification that happens once by nature (it is queued with its change)."""
    return secrets.token_hex(12)


def delivery_queue(
    *,
    kind: str,
    recipient: User,
    key: str | None = None,
    payload: dict[str, Any] | None = None,
    wake: bool = True,
) -> Delivery | None:
    """Adds one mail to the outbox in the caller's transaction; None if it is there already."""
    try:
        with transaction.atomic():
            delivery = Delivery.objects.create(
                kind=kind, key=key or new_key(), recipient=recipient, payload=payload or {}
            )
    except IntegrityError:
        return None
    if wake:
        deliveries_wake_on_commit([delivery.pk])
    return delivery


@dataclass(frozen=True)
class Notification:
    kind: str
    recipient_id: int
    key: str = ""
    payload: dict[str, Any] | None = None


def deliveries_queue(notifications: Iterable[Notification], *, wake: bool = True) -> int:
    """Adds many mails at once; those already queued (same kind, key and person) are skipped.

    Returns how many rows the outbox holds for them afterwards, new or not.
    """
    rows = [
        Delivery(
            kind=n.kind,
            key=n.key or new_key(),
            recipient_id=n.recipient_id,
            payload=n.payload or {},
        )
        for n in notifications
    ]
    if not rows:
        return 0
    Delivery.objects.bulk_create(rows, batch_size=SEND_BATCH_SIZE, ignore_conflicts=True)
    if wake:
        transaction.on_commit(lambda: _wake(None))
    return len(rows)


def deliveries_queue_new(notifications: Iterable[Notification], *, wake: bool = True) -> int:
    """Adds those of ``notifications`` that the outbox does not hold yet (found in one query
    per kind); returns how many were new, so that a sweep can say what it queued."""
    wanted = [n for n in notifications if n.key]
    there: set[tuple[str, str, int]] = set()
    for kind in {n.kind for n in wanted}:
        keys = sorted({n.key for n in wanted if n.kind == kind})
        there |= {(kind, key, person) for key, person in sent_or_queued(kind=kind, keys=keys)}
    return deliveries_queue(
        (n for n in wanted if (n.kind, n.key, n.recipient_id) not in there), wake=wake
    )


def deliveries_wake_on_commit(ids: Sequence[int]) -> None:
    if ids:
        transaction.on_commit(lambda: _wake(list(ids)))


# The task that sends outbox rows (notifications/tasks.py).
DELIVERIES_SEND_TASK = "notifications.deliveries_send"


def _wake(ids: list[int] | None) -> None:
    enqueue_now(DELIVERIES_SEND_TASK, ids)


# Sending ------------------------------------------------------------------------


def _claim(pk: int, now: datetime.datetime) -> bool:
    return bool(
        Delivery.objects.filter(
            pk=pk, status=DeliveryStatus.PENDING, next_attempt_at__lte=now
        ).update(
            next_attempt_at=now + DELIVERY_RETRY_AFTER,
            claimed_at=now,
            attempts=F("attempts") + 1,
        )
    )


def describe_error(error: BaseException) -> str:
    """What the mail server (or the program) said, short enough to show a coordinator."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        text = "; ".join(f"{code} {_text(message)}" for code, message in error.recipients.values())
    elif isinstance(error, smtplib.SMTPResponseException):
        text = f"{error.smtp_code} {_text(error.smtp_error)}"
    else:
        text = f"{type(error).__name__}: {error}"
    return " ".join(text.split())[:ERROR_MAX_LENGTH]


def _refused_address(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        return str(next(iter(error.recipients)))[:254]
    return ""


def _text(message: bytes | str) -> str:
    return message.decode(errors="replace") if isinstance(message, bytes) else message


def _record_failure(delivery: Delivery, error: BaseException, now: datetime.datetime) -> None:
    attempts = Delivery.objects.values_list("attempts", flat=True).get(pk=delivery.pk)
    gives_up = attempts >= DELIVERY_MAX_ATTEMPTS
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED if gives_up else DeliveryStatus.PENDING,
        next_attempt_at=now if gives_up else now + DELIVERY_BACKOFF[attempts - 1],
        last_error=describe_error(error),
        address=_refused_address(error) or delivery.recipient.email,
    )
    logger.warning(
        "Delivery %s (%s) failed on attempt %s%s: %s",
        delivery.pk,
        delivery.kind,
        attempts,
        "; giving up" if gives_up else "",
        describe_error(error),
    )


def delivery_send(*, delivery: Delivery) -> str:
    """Sends one claimed row through its kind's sender; returns the outcome's status."""
    now = timezone.now()
    sender = _SENDERS.get(delivery.kind)
    try:
        if sender is None:
            raise LookupError(f"No sender for the delivery kind {delivery.kind!r}.")
        if not delivery.recipient.is_active:
            raise DeliveryNotNeeded
        with stable_message_id(f"delivery:{delivery.pk}"):
            address = sender(delivery)
    except DeliveryNotNeeded:
        Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.DROPPED)
        return DeliveryStatus.DROPPED
    except Exception as error:
        _record_failure(delivery, error, now)
        raise
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), address=address, last_error=""
    )
    return DeliveryStatus.SENT


@dataclass
class SendResult:
    sent: Counter[str]
    failed: int = 0
    stopped_early: bool = False

    @property
    def total(self) -> int:
        return sum(self.sent.values())


def deliveries_send(
    *, ids: Sequence[int] | None = None, kinds: Iterable[str] | None = None
) -> SendResult:
    """Sends every due row (or the due rows among ``ids``/``kinds``), each on its own.

    One row's failure is recorded on that row and the pass goes on; only a mail
    server that cannot be reached at all ends the pass early (the rows stay due).
    """
    result = SendResult(sent=Counter())
    due: QuerySet[Delivery] = Delivery.objects.due()
    if ids is not None:
        due = due.filter(pk__in=list(ids))
    if kinds is not None:
        due = due.filter(kind__in=list(kinds))
    last_pk = 0
    while True:
        batch = list(
            due.filter(pk__gt=last_pk).select_related("recipient").order_by("pk")[:SEND_BATCH_SIZE]
        )
        if not batch:
            return result
        last_pk = batch[-1].pk
        token = _read.set(_read_batch(batch))
        try:
            stop = _send_batch(batch, result)
        finally:
            _read.reset(token)
        if stop:
            return result


def _send_batch(batch: list[Delivery], result: SendResult) -> bool:
    """Sends each row of ``batch`` this worker can take; True when the mail server is gone."""
    unreachable_in_a_row = 0
    for delivery in batch:
        if not _claim(delivery.pk, timezone.now()):
            continue  # another worker has it
        try:
            status = delivery_send(delivery=delivery)
        except _SERVER_UNREACHABLE:
            result.failed += 1
            unreachable_in_a_row += 1
            if unreachable_in_a_row >= SERVER_DOWN_AFTER:
                logger.warning("The mail server cannot be reached; the next pass goes on.")
                result.stopped_early = True
                return True
            continue
        except Exception:
            result.failed += 1
            unreachable_in_a_row = 0
            continue
        unreachable_in_a_row = 0
        if status == DeliveryStatus.SENT:
            result.sent[delivery.kind] += 1
    return False


# Reading and retrying -----------------------------------------------------------


def sent_or_queued(*, kind: str, keys: list[str]) -> set[tuple[str, int]]:
    """(key, recipient id) pairs already in the outbox, so a sweep can skip them in one query."""
    return set(Delivery.objects.filter(kind=kind, key__in=keys).values_list("key", "recipient_id"))


@transaction.atomic
def deliveries_retry_for(*, person: User, address: str) -> int:
    """Makes the mail that bounced from ``address`` due now (it has been corrected)."""
    retried = list(
        Delivery.objects.filter(recipient=person, address__iexact=address)
        .bouncing()
        .values_list("pk", flat=True)
    )
    Delivery.objects.filter(pk__in=retried).update(
        status=DeliveryStatus.PENDING, next_attempt_at=timezone.now(), attempts=0, last_error=""
    )
    deliveries_wake_on_commit(retried)
    return len(retried)

"""Mail that did not arrive: what a coordinator sees on the cohort page, to correct an address."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from accounts.models import User
from notifications.models import Delivery, DeliveryStatus
from programmes.models import Cohort


@dataclass(frozen=True)
class Bounce:
    person: User
    address: str
    error: str
    waiting: int  # mails to this address not yet delivered
    gave_up: bool
    next_attempt_at: datetime.datetime | None

    @property
    def is_own_address(self) -> bool:
        """The person's own address (a manager's address is corrected by the applicant)."""
        return self.address.lower() == self.person.email.lower()


def bounces_in_cohort(cohort: Cohort) -> list[Bounce]:
    """Each address of the cohort's people that failed at its last try, latest failure first."""
    rows = (
        Delivery.objects.bouncing()
        .filter(recipient__enrolments__cohort=cohort)
        .select_related("recipient")
        .order_by("recipient__full_name", "recipient_id", "address", "-claimed_at")
        .distinct()
    )
    bounces: dict[tuple[int, str], list[Delivery]] = {}
    for delivery in rows:
        address = delivery.address or delivery.recipient.email
        bounces.setdefault((delivery.recipient_id, address.lower()), []).append(delivery)
    found = []
    for deliveries in bounces.values():
        latest = deliveries[0]
        found.append(
            Bounce(
                person=latest.recipient,
                address=latest.address or latest.recipient.email,
                error=latest.last_error,
                waiting=len(deliveries),
                gave_up=all(d.status == DeliveryStatus.FAILED for d in deliveries),
                next_attempt_at=min(
                    (d.next_attempt_at for d in deliveries if d.status == DeliveryStatus.PENDING),
                    default=None,
                ),
            )
        )
    return found

"""The private calendar address of each person."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.services import audit_record

from .. import schedule
from ..models import CalendarFeed


def calendar_feed_get(*, person: User) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(person=person)
    return feed


@transaction.atomic
def calendar_feed_renew(*, person: User) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed = calendar_feed_get(person=person)
    feed.token = schedule.new_token()
    feed.renewed_at = timezone.now()
    feed.save(update_fields=["token", "renewed_at"])
    audit_record(actor=person, action="calendar_feed.renew", target=feed)
    return feed

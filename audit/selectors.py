"""The administrators' search in the audit log."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from audit.models import AuditEvent


def audit_events_search(filters: dict[str, Any]) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("actor").order_by("-at", "-pk")
    if filters.get("actor"):
        events = events.filter(
            Q(actor__full_name__icontains=filters["actor"])
            | Q(actor__email__icontains=filters["actor"])
        )
    if filters.get("action"):
        events = events.filter(action__startswith=filters["action"])
    if filters.get("date_from"):
        events = events.filter(at__gte=_start_of(filters["date_from"]))
    if filters.get("date_to"):
        events = events.filter(at__lt=_start_of(filters["date_to"] + datetime.timedelta(days=1)))
    if filters.get("target_type"):
        events = events.filter(target_type=filters["target_type"].lower())
    if filters.get("target_id"):
        events = events.filter(target_id=filters["target_id"])
    return events


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

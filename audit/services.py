"""Writes to the audit log. Callers pass what happened, never the content of notes or answers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import models

from audit.models import AuditEvent

if TYPE_CHECKING:
    from accounts.models import User

SUMMARY_MAX = 300


def _signed_in(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    summary: str = "",
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=_signed_in(actor),
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        summary=summary[:SUMMARY_MAX],
    )


def audit_record_bulk(
    *,
    actor: User | None,
    action: str,
    objects: Sequence[models.Model],
    summary: str = "",
) -> AuditEvent:
    """One entry for one action on many objects of one model, listing their ids."""
    model = type(objects[0]) if objects else None
    return AuditEvent.objects.create(
        actor=_signed_in(actor),
        action=action,
        target_type=model._meta.label_lower if model is not None else "",
        summary=summary[:SUMMARY_MAX],
        object_ids=[obj.pk for obj in objects],
    )

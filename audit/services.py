"""Writes to the audit log. Callers pass what happened, never the content of notes or answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from audit.models import AuditEvent

if TYPE_CHECKING:
    from accounts.models import User

SUMMARY_MAX = 300


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    summary: str = "",
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        summary=summary[:SUMMARY_MAX],
    )

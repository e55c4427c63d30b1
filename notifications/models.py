"""The outbox: every email the service sends is a Delivery row first.

A change that should tell someone (a planned meeting, an admission, a cohort
message) writes its Delivery rows in the same transaction as the change, so the
mail exists exactly when the change does. The broker only wakes a worker to send
them; the sweeps send whatever the broker missed. A sweep that finds something
due (a reminder, a nudge) writes the row too, and the unique constraint makes a
second sweep, or a re-run after a crash, find it already there.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    DROPPED = "dropped", _("No longer needed")


class DeliveryQuerySet(models.QuerySet["Delivery"]):
    def due(self, now: datetime.datetime | None = None) -> DeliveryQuerySet:
        return self.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=now or timezone.now()
        )

    def bouncing(self) -> DeliveryQuerySet:
        """Mail that failed at its last attempt: waiting for a retry, or given up."""
        return self.filter(status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED]).exclude(
            last_error=""
        )


class Delivery(models.Model):
    """One email to one person about one thing, e.g. ("pairs_meeting_reminder", "meeting:42:s1").

    ``next_attempt_at`` is when a sender may take it: taking it moves the time on by
    DELIVERY_RETRY_AFTER, so a claim left by a killed worker comes due again by itself;
    a failed attempt moves it on by the back-off, and after the last one the row fails.
    """

    kind = models.CharField(_("kind"), max_length=50)
    key = models.CharField(_("about"), max_length=100)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("recipient"),
    )
    # What the sender needs to write the mail: ids and choices, never the text of anything private.
    payload = models.JSONField(_("details"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # The address the last attempt went to, and what the mail server answered if it failed.
    address = models.CharField(_("address"), max_length=254, blank=True)
    last_error = models.CharField(_("error"), max_length=500, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key", "recipient"], name="delivery_once_per_recipient"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due"),
            models.Index(fields=["recipient", "status"], name="delivery_recipient_status"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} → {self.recipient_id}"

"""Once-only delivery: every email the sweeps send is claimed here first."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Delivery(models.Model):
    """A message to one person about one thing, e.g. ("meeting_reminder", "meeting:42").

    The unique constraint is the whole idea: a sweep inserts the row before it
    sends, so a second sweep, or a re-run after a crash, cannot send it again.
    ``sent_at`` stays empty until the mail has gone; a claim left without it by
    a killed worker is picked up again after DELIVERY_RETRY_AFTER.
    """

    kind = models.CharField(_("kind"), max_length=50)
    key = models.CharField(_("about"), max_length=100)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("recipient"),
    )
    claimed_at = models.DateTimeField(_("claimed"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key", "recipient"], name="delivery_once_per_recipient"
            ),
        ]
        indexes = [models.Index(fields=["sent_at", "claimed_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} → {self.recipient_id}"

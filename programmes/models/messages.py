"""Emails the coordinator sends to a cohort, kept so that anyone can see what was said to whom."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models.core import Cohort, Municipality


class MessageAudience(models.TextChoices):
    COHORT = "cohort", _("Everyone in the cohort")
    MENTORS = "mentors", _("The cohort's mentors")
    ADEPTS = "adepts", _("The cohort's adepts")
    MUNICIPALITY = "municipality", _("One municipality's participants")
    # People ticked in a list (applications, participants), named one by one.
    CHOSEN = "chosen", _("People chosen in a list")


class CohortMessage(models.Model):
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="messages", verbose_name=_("cohort")
    )
    audience = models.CharField(_("to"), max_length=15, choices=MessageAudience.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(audience="municipality", municipality__isnull=False)
                | (~Q(audience="municipality") & Q(municipality__isnull=True)),
                name="cohort_message_municipality_only_for_municipality_audience",
                violation_error_message=_("Choose the municipality whose participants get it."),
            ),
        ]

    def __str__(self) -> str:
        return self.subject

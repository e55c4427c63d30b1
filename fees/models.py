"""Fees: a line per participant and year for the participant's municipality."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models.core import Cohort, Enrolment, Municipality


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent to invoicing")
    PAID = "paid", _("Paid")


class InvoiceBasis(models.Model):
    """What one municipality pays for one cohort; locked once sent."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="invoice_bases", verbose_name=_("cohort")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="invoice_bases",
        verbose_name=_("municipality"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)

    class Meta:
        verbose_name = _("invoice basis")
        verbose_name_plural = _("invoice bases")
        ordering = ["cohort", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "municipality"], name="invoice_basis_once_per_municipality"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.cohort}"

    @property
    def is_locked(self) -> bool:
        return self.status != InvoiceStatus.DRAFT


class FeeLine(models.Model):
    basis = models.ForeignKey(
        InvoiceBasis,
        on_delete=models.CASCADE,
        related_name="lines",
        verbose_name=_("invoice basis"),
    )
    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fee_lines",
        verbose_name=_("participant"),
    )
    description = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(_("amount (SEK)"), max_digits=10, decimal_places=2)
    reduction = models.DecimalField(
        _("reduction (SEK)"), max_digits=10, decimal_places=2, default=Decimal("0")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    # Added after the basis was sent: the sent lines stay as they were.
    is_correction = models.BooleanField(_("correction"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("fee line")
        verbose_name_plural = _("fee lines")
        ordering = ["basis", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reduction__gte=0), name="fee_line_reduction_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def total(self) -> Decimal:
        return self.amount - self.reduction

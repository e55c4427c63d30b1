"""Fees: a line per participant and year for the participant's municipality, and what
each municipality asks to see on its invoices (buyer's reference, cost centre)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models.core import Cohort, Enrolment, Municipality

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# A cost centre or order number: letters and digits, then also spaces, - . / and _.
ACCOUNT_CODE_PATTERN = r"\A[0-9A-Za-zÅÄÖåäöÉé][0-9A-Za-zÅÄÖåäöÉé ._/-]*\Z"
# A reference: printable text that a spreadsheet cannot take for a formula.
REFERENCE_PATTERN = r"\A[^=+\-@\s][^\x00-\x1f\x7f]*\Z"
BUYER_REFERENCE_LENGTH = 100
ACCOUNT_CODE_LENGTH = 40


def _account_code_validator(message: StrOrPromise) -> RegexValidator:
    return RegexValidator(ACCOUNT_CODE_PATTERN, message)


class BuyerDetails(models.Model):
    """What a municipality's invoices must carry: Swedish municipalities return an invoice
    without the buyer's reference ("Er referens") and cost centre ("Kostnadsställe")."""

    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        related_name="buyer_details",
        verbose_name=_("municipality"),
    )
    buyer_reference = models.CharField(
        _("buyer's reference"),
        max_length=BUYER_REFERENCE_LENGTH,
        blank=True,
        validators=[
            RegexValidator(
                REFERENCE_PATTERN,
                _(
                    "Write the reference as plain text on one line, starting with a letter "
                    "or a digit."
                ),
            )
        ],
        help_text=_(
            "“Er referens”: the person or code the municipality's invoices are addressed to."
        ),
    )
    cost_centre = models.CharField(
        _("cost centre"),
        max_length=ACCOUNT_CODE_LENGTH,
        blank=True,
        validators=[
            _account_code_validator(
                _(
                    "A cost centre holds letters and digits, and may also hold spaces, "
                    "hyphens, full stops, slashes and underscores."
                )
            )
        ],
        help_text=_("“Kostnadsställe” or “ansvar”, e.g. 1100-345."),
    )
    order_number = models.CharField(
        _("purchase order number"),
        max_length=ACCOUNT_CODE_LENGTH,
        blank=True,
        validators=[
            _account_code_validator(
                _(
                    "A purchase order number holds letters and digits, and may also hold "
                    "spaces, hyphens, full stops, slashes and underscores."
                )
            )
        ],
        help_text=_("Optional. The order or agreement number, if the municipality uses one."),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("buyer's invoicing details")
        verbose_name_plural = _("buyers' invoicing details")
        ordering = ["municipality__name"]

    def __str__(self) -> str:
        return str(self.municipality)


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
    # Copied from the municipality's BuyerDetails while the basis is a draft, kept once sent.
    buyer_reference = models.CharField(
        _("buyer's reference"), max_length=BUYER_REFERENCE_LENGTH, blank=True
    )
    cost_centre = models.CharField(_("cost centre"), max_length=ACCOUNT_CODE_LENGTH, blank=True)
    order_number = models.CharField(
        _("purchase order number"), max_length=ACCOUNT_CODE_LENGTH, blank=True
    )

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

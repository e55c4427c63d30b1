"""The consortium over time: agreement periods of a programme (memberships are in core.py)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programmes.models.core import Programme


class AgreementPeriod(models.Model):
    """A span the consortium agreed to run the programme, e.g. "2027–2029, renewed three years"."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="agreement_periods",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("agreement period")
        verbose_name_plural = _("agreement periods")
        ordering = ["programme", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="agreement_period_ends_after_start",
                violation_error_message=_("The agreement period must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

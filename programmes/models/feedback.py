"""Reports of accessibility problems, sent from the accessibility statement page."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessibilityReport(models.Model):
    page = models.CharField(_("page"), max_length=500, blank=True)
    description = models.TextField(_("what did not work"))
    # Optional: only if the person wants an answer.
    contact_email = models.EmailField(_("email address for an answer"), blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        verbose_name = _("accessibility report")
        verbose_name_plural = _("accessibility reports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.page}"

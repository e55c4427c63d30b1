"""A programme's own text of an automatic mail, in one language, in place of the default."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models.core import Programme


class MailTemplate(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="mail_templates",
        verbose_name=_("programme"),
    )
    # The key of a mail declared in an app's mails.py (notifications/mail_registry.py).
    key = models.CharField(_("mail"), max_length=60)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("mail template")
        verbose_name_plural = _("mail templates")
        ordering = ["programme", "key", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "key", "language"], name="mail_template_once_per_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.language})"

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        # Registers the senders of the matching's mails with the outbox.
        from .services import profile, runs  # noqa: F401

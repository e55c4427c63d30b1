from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PairsConfig(AppConfig):
    name = "pairs"
    verbose_name = _("Pairs")

    def ready(self) -> None:
        # Registers the pair's senders with the outbox.
        from .services import check_in, notify  # noqa: F401

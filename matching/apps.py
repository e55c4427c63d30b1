from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        # Registers the senders of the matching's mails with the outbox.
        from programmes.profile_state import profile_done_register

        from .selectors import profile_done_condition
        from .services import profile, runs  # noqa: F401

        # The participants list's "leader profile done" filter (programmes/profile_state.py).
        profile_done_register(profile_done_condition)

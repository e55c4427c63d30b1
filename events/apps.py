from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from events import receivers  # noqa: F401 (admitted participants are expected at sessions)
        from events.services import events  # noqa: F401 (registers the event senders with the outbox)

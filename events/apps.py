from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        # Admitted participants are expected at sessions; the senders join the outbox.
        from events import receivers  # noqa: F401

        # A coordinator's message to a cohort can be about one of its events.
        from events.mails import MESSAGE_EVENTS
        from events.services import (  # noqa: F401
            cancellation,
            events,
            registrations,
            sessions,
        )
        from programmes.services.messages import message_events_register

        message_events_register(MESSAGE_EVENTS)

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Programmes")

    def ready(self) -> None:
        # Each module that queues mail registers the sender of its kinds with the outbox.
        from programmes.services import enrolment, feedback, mail_templates, messages  # noqa: F401

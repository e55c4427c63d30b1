"""Runs the retention job now: removes or anonymises what is past each municipality's decision."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from privacy.models import RetentionTrigger
from privacy.services.retention import retention_run


class Command(BaseCommand):
    help = "Removes or anonymises records past each municipality's retention decision."

    def handle(self, *args: Any, **options: Any) -> None:
        run = retention_run(trigger=RetentionTrigger.COMMAND)
        actions = list(run.actions.select_related("decision__municipality"))
        for action in actions:
            self.stdout.write(
                f"{action.decision.municipality.name}: {action.get_kind_display()} "
                f"{action.count} ({action.decision.reference})"
            )
        self.stdout.write(f"Retention run {run.pk} done: {len(actions)} actions.")

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name=services.REPORT_GENERATE_TASK)
def report_generate(report_id: int) -> None:
    services.report_generate(report_id=report_id)


@shared_task(name="reports.sweep")
def sweep() -> dict[str, int]:
    """Makes the large reports whose task the broker never delivered."""
    return {"reports": services.reports_pending_generate()}

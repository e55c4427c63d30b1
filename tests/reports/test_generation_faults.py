"""A large report whose task never came, or whose worker died, is neither lost nor stuck."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reports import services
from reports.models import GeneratedReport, ReportStatus, report_stalled_after
from reports.tasks import sweep
from tests.world import World

from .factories import add_pair


def _large(world: World) -> None:
    for _index in range(services.SMALL_REPORT_PAIRS):
        add_pair(world, world.municipality_a, world.municipality_b)


def _row(client: Client, report: GeneratedReport) -> str:
    return client.get(
        reverse("reports:report_status", args=[report.pk]), headers={"HX-Request": "true"}
    ).content.decode()


def test_the_broker_keeps_a_task_as_long_as_the_longest_task_runs_and_no_longer() -> None:
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert settings.CELERY_TASK_TIME_LIMIT < visibility <= settings.CELERY_TASK_TIME_LIMIT + 120
    assert report_stalled_after() == datetime.timedelta(seconds=visibility)


def test_a_report_in_progress_longer_than_any_task_runs_shows_as_failed_and_can_be_redone(
    world: World, client_for: Callable[[str], Client]
) -> None:
    # The worker making it was killed; its task is long gone.
    stalled = GeneratedReport.objects.create(
        cohort=world.cohort,
        language="en",
        requested_by=world.coordinator,
        status=ReportStatus.RUNNING,
        progress=40,
    )
    GeneratedReport.objects.filter(pk=stalled.pk).update(
        created_at=timezone.now() - report_stalled_after() - datetime.timedelta(minutes=1)
    )
    client = client_for("coordinator")
    html = _row(client, stalled)
    assert "Failed" in html and "<progress" not in html
    assert "data-hx-trigger" not in html  # the page stops asking
    assert "Produce it again" in html
    # The button asks for the same report again; this cohort is small, so it is ready at once.
    response = client.post(
        reverse("reports:cohort_reports", args=[world.cohort.pk]), {"language": "en"}
    )
    again = GeneratedReport.objects.exclude(pk=stalled.pk).get()
    assert response.url == reverse("reports:report_status", args=[again.pk])
    assert again.status == ReportStatus.DONE and again.language == "en"


def test_a_report_still_within_its_time_is_shown_in_progress(
    world: World, client_for: Callable[[str], Client]
) -> None:
    report = GeneratedReport.objects.create(
        cohort=world.cohort, language="sv", status=ReportStatus.RUNNING, progress=40
    )
    html = _row(client_for("coordinator"), report)
    assert "<progress" in html and 'data-hx-trigger="every 2s"' in html
    assert "Produce it again" not in html


def test_a_large_report_whose_task_never_came_is_made_by_the_sweep_once(
    world: World, client_for: Callable[[str], Client], django_capture_on_commit_callbacks
) -> None:
    _large(world)
    with django_capture_on_commit_callbacks(execute=False):  # the broker was down
        client_for("coordinator").post(
            reverse("reports:cohort_reports", args=[world.cohort.pk]), {"language": "sv"}
        )
    report = GeneratedReport.objects.get()
    assert report.status == ReportStatus.PENDING
    assert sweep() == {"reports": 0}  # its task may still come: the sweep waits a minute
    GeneratedReport.objects.filter(pk=report.pk).update(
        created_at=timezone.now() - services.WAKE_GRACE - datetime.timedelta(seconds=1)
    )
    assert sweep() == {"reports": 1}
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.pages > 0
    assert sweep() == {"reports": 0}


def test_a_report_taken_by_one_worker_is_not_made_again_by_another(world: World) -> None:
    report = GeneratedReport.objects.create(
        cohort=world.cohort, language="sv", status=ReportStatus.RUNNING, progress=40
    )
    assert services.report_generate(report_id=report.pk).status == ReportStatus.RUNNING
    report.refresh_from_db()
    assert (report.status, report.progress, report.pdf.name) == (ReportStatus.RUNNING, 40, "")

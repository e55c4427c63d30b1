"""A worker in a process of its own stores a report in the bucket; the web serves it from there.

As when web and workers run on different machines: they share no folder, only the bucket
(STORAGE_S3_*, which the worker inherits). Runs in .ci/run's S3 stage.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from reports import services as report_services
from reports.models import GeneratedReport, ReportStatus
from tests.reports.factories import add_pair
from tests.storage import s3_client, s3_configured, s3_key
from tests.world import World

from .conftest import Worker

pytestmark = [
    pytest.mark.services,
    pytest.mark.s3,
    pytest.mark.django_db(transaction=True),
    # Before the session's worker starts: it would have no bucket to store in.
    pytest.mark.skipif(not s3_configured(), reason="needs STORAGE_S3_* (.ci/run's S3 stage)"),
]

REPORT_SECONDS = 120


def _finished(report: GeneratedReport) -> GeneratedReport:
    deadline = time.monotonic() + REPORT_SECONDS
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status in (ReportStatus.DONE, ReportStatus.FAILED):
            return report
        time.sleep(0.5)
    raise AssertionError(f"the worker did not finish report {report.pk} in {REPORT_SECONDS} s")


def test_a_report_the_worker_stores_in_the_bucket_is_downloaded_through_the_web(
    worker: Worker, s3_bucket: str, world: World, client_for: Callable[[str], Client]
) -> None:
    for _index in range(report_services.SMALL_REPORT_PAIRS):
        add_pair(world, world.municipality_a, world.municipality_b)
    coordinator = client_for("coordinator")
    coordinator.post(reverse("reports:cohort_reports", args=[world.cohort.pk]), {"language": "en"})
    report = _finished(GeneratedReport.objects.get())
    assert report.status == ReportStatus.DONE, worker.log.read_text()[-3000:]

    stored = s3_client().get_object(Bucket=s3_bucket, Key=s3_key(report.pdf.name))["Body"].read()
    assert stored.startswith(b"%PDF")
    response = coordinator.get(reverse("reports:report_download", args=[report.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored

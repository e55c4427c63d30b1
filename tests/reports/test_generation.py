"""Producing reports: small ones at once, large ones in the background with progress."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from reports import services
from reports.models import GeneratedReport, ReportStatus
from tests.world import World

from .factories import add_pair
from .pdftext import pdf_pages, pdf_text


def test_a_small_report_is_ready_at_once_and_listed_with_who_made_it(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    response = client.post(
        reverse("reports:cohort_reports", args=[world.cohort.pk]), {"language": "en"}
    )
    report = GeneratedReport.objects.get()
    assert response.url == reverse("reports:report_status", args=[report.pk])
    assert report.status == ReportStatus.DONE
    assert report.requested_by == world.coordinator
    assert report.pages == pdf_pages(report.pdf.read())
    page = client.get(reverse("reports:cohort_reports", args=[world.cohort.pk])).content.decode()
    assert "Sara Samordnare" in page
    assert reverse("reports:report_download", args=[report.pk]) in page


def test_downloading_a_report_is_audited(world: World, client_for: Callable[[str], Client]) -> None:
    client = client_for("contact_a")
    client.post(
        reverse("reports:municipality_reports", args=[world.municipality_a.pk, world.cohort.pk]),
        {"language": "en"},
    )
    report = GeneratedReport.objects.get()
    response = client.get(reverse("reports:report_download", args=[report.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "The participants from Håbo" in pdf_text(b"".join(response.streaming_content))
    event = AuditEvent.objects.get(action="report.download")
    assert event.actor == world.contact_a
    assert event.target_id == str(report.pk)


def test_a_large_report_runs_as_a_task_and_shows_progress(
    world: World, client_for: Callable[[str], Client], django_capture_on_commit_callbacks, settings
) -> None:
    for _index in range(services.SMALL_REPORT_PAIRS):
        add_pair(world, world.municipality_a, world.municipality_b)
    client = client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        client.post(reverse("reports:cohort_reports", args=[world.cohort.pk]), {"language": "en"})
    report = GeneratedReport.objects.get()
    assert report.status == ReportStatus.PENDING
    assert len(queued) == 1
    row = client.get(
        reverse("reports:report_status", args=[report.pk]), headers={"HX-Request": "true"}
    )
    html = row.content.decode()
    assert 'data-hx-trigger="every 2s"' in html
    assert '<progress id="progress-' in html
    # The worker picks it up (tasks run in-process in tests).
    queued[0]()
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    row = client.get(
        reverse("reports:report_status", args=[report.pk]), headers={"HX-Request": "true"}
    )
    html = row.content.decode()
    assert "data-hx-trigger" not in html
    assert reverse("reports:report_download", args=[report.pk]) in html


def test_htmx_gets_the_reports_row_and_a_visit_the_whole_page(
    world: World, client_for: Callable[[str], Client]
) -> None:
    report = GeneratedReport.objects.create(cohort=world.cohort, language="sv")
    url = reverse("reports:report_status", args=[report.pk])
    client = client_for("coordinator")
    row = client.get(url, headers={"HX-Request": "true"})
    page = client.get(url)
    assert (
        "<html" not in row.content.decode() and f'id="progress-{report.pk}"' in row.content.decode()
    )
    assert "<html" in page.content.decode()
    # A cache between the two must not hand the row to a visit or the page to htmx.
    assert "HX-Request" in row["Vary"] and "HX-Request" in page["Vary"]


def test_an_unfinished_report_cannot_be_downloaded(
    world: World, client_for: Callable[[str], Client]
) -> None:
    report = GeneratedReport.objects.create(cohort=world.cohort, language="sv")
    response = client_for("coordinator").get(reverse("reports:report_download", args=[report.pk]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="report.download").exists()


def test_a_contact_does_not_see_the_whole_cohorts_report(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client_for("coordinator").post(
        reverse("reports:cohort_reports", args=[world.cohort.pk]), {"language": "en"}
    )
    report = GeneratedReport.objects.get()
    contact = client_for("contact_a")
    assert contact.get(reverse("reports:report_download", args=[report.pk])).status_code == 404
    page = contact.get(
        reverse("reports:municipality_reports", args=[world.municipality_a.pk, world.cohort.pk])
    )
    assert reverse("reports:report_download", args=[report.pk]) not in page.content.decode()

"""Documents and reports in an S3-compatible bucket (moto's server in .ci/run's S3 stage).

Web and workers on different machines share the bucket; people still get every file only
through the site's own download views, which check who may read it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse
from django.test import Client
from django.urls import reverse

from events.models import Resource
from reports import services as report_services
from reports.models import GeneratedReport, ReportStatus
from tests.programmes.factories_running import PDF_BYTES
from tests.reports.factories import add_pair
from tests.storage import bucket_keys, s3_client, s3_key
from tests.world import World

pytestmark = [pytest.mark.s3, pytest.mark.usefixtures("s3_bucket")]

EVERYONE_URI = "http://acs.amazonaws.com/groups/global/AllUsers"
SIGNED_IN_URI = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _upload_book(world: World, client_for: Callable[[str], Client]) -> Resource:
    response = client_for("coordinator").post(
        reverse("events:resource_create", kwargs={"programme_pk": world.programme.pk}),
        {
            "title": "Digital mentorbok",
            "cohort": str(world.cohort.pk),
            "upload": SimpleUploadedFile("bok.pdf", PDF_BYTES, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    return Resource.objects.get()


def _download(client: Client, url: str) -> bytes:
    """The file a view streams from storage: never a redirect to the bucket."""
    response = client.get(url)
    assert isinstance(response, FileResponse), response
    assert response.status_code == 200 and not response.has_header("Location")
    return b"".join(response.streaming_content)


def _object(bucket: str, name: str) -> bytes:
    return s3_client().get_object(Bucket=bucket, Key=s3_key(name))["Body"].read()


def _large_report(
    world: World, client: Client, reports_url: str, django_capture_on_commit_callbacks
) -> GeneratedReport:  # type: ignore[no-untyped-def]
    """A report large enough for the task: queued on commit, then run (in-process in tests)."""
    for _index in range(report_services.SMALL_REPORT_PAIRS):
        add_pair(world, world.municipality_a, world.municipality_b)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        client.post(reports_url, {"language": "en"})
    assert len(queued) == 1
    report = GeneratedReport.objects.get()
    assert report.status == ReportStatus.DONE
    return report


def test_an_uploaded_document_is_stored_in_the_bucket_and_served_by_the_site(
    world: World, client_for: Callable[[str], Client], s3_bucket: str
) -> None:
    book = _upload_book(world, client_for)
    assert s3_key(book.file.name) in bucket_keys(s3_bucket)
    assert _object(s3_bucket, book.file.name) == PDF_BYTES
    url = reverse("events:resource_download", kwargs={"pk": book.pk})
    assert _download(client_for("adept"), url) == PDF_BYTES
    assert client_for("outsider").get(url).status_code == 404
    assert client_for("other_coordinator").get(url).status_code == 404


def test_a_stored_object_is_private_to_the_bucket_owner(
    world: World, client_for: Callable[[str], Client], s3_bucket: str
) -> None:
    book = _upload_book(world, client_for)
    grants = s3_client().get_object_acl(Bucket=s3_bucket, Key=s3_key(book.file.name))["Grants"]
    grantees = {grant["Grantee"].get("URI") for grant in grants}
    assert EVERYONE_URI not in grantees and SIGNED_IN_URI not in grantees


def test_a_second_file_of_the_same_name_never_replaces_the_first(
    world: World, client_for: Callable[[str], Client], s3_bucket: str
) -> None:
    book = _upload_book(world, client_for)
    again = book.file.storage.save(book.file.name, SimpleUploadedFile("x.pdf", b"%PDF-other"))
    assert again != book.file.name
    assert _object(s3_bucket, book.file.name) == PDF_BYTES


def test_a_report_made_by_the_task_is_stored_in_the_bucket_and_downloaded_through_the_site(
    world: World,
    client_for: Callable[[str], Client],
    s3_bucket: str,
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    contact = client_for("contact_a")
    reports_url = reverse(
        "reports:municipality_reports", args=[world.municipality_a.pk, world.cohort.pk]
    )
    report = _large_report(world, contact, reports_url, django_capture_on_commit_callbacks)
    stored = _object(s3_bucket, report.pdf.name)
    assert stored.startswith(b"%PDF")
    url = reverse("reports:report_download", args=[report.pk])
    assert _download(contact, url) == stored
    assert client_for("contact_b").get(url).status_code == 404


def test_a_document_missing_from_the_bucket_gives_the_missing_file_page(
    world: World, client_for: Callable[[str], Client], s3_bucket: str
) -> None:
    book = _upload_book(world, client_for)
    s3_client().delete_object(Bucket=s3_bucket, Key=s3_key(book.file.name))
    response = client_for("adept").get(reverse("events:resource_download", args=[book.pk]))
    assert response.status_code == 404
    assert "Filen till ”Digital mentorbok” finns inte längre" in response.content.decode()


def test_a_report_missing_from_the_bucket_gives_the_page_that_offers_it_again(
    world: World, client_for: Callable[[str], Client], s3_bucket: str
) -> None:
    client = client_for("coordinator")
    client.post(reverse("reports:cohort_reports", args=[world.cohort.pk]), {"language": "sv"})
    report = GeneratedReport.objects.get()
    s3_client().delete_object(Bucket=s3_bucket, Key=s3_key(report.pdf.name))
    response = client.get(reverse("reports:report_download", args=[report.pk]))
    assert response.status_code == 404
    assert "Ta fram rapporten igen" in response.content.decode()


def test_with_the_bucket_nothing_is_written_to_the_media_folder(
    world: World,
    client_for: Callable[[str], Client],
    _media: Path,
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    book = _upload_book(world, client_for)
    _download(client_for("mentor"), reverse("events:resource_download", args=[book.pk]))
    coordinator = client_for("coordinator")
    reports_url = reverse("reports:cohort_reports", args=[world.cohort.pk])
    report = _large_report(world, coordinator, reports_url, django_capture_on_commit_callbacks)
    _download(coordinator, reverse("reports:report_download", args=[report.pk]))
    assert not _media.exists()

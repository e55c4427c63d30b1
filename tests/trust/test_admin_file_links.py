"""The admin names stored files but never links to the storage.

A link to the media folder or, with S3, a signed bucket URL would hand out the file around
the access-checked (and for reports audited) download views.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from reports.models import GeneratedReport
from tests.programmes.factories_running import uploaded_mentor_book
from tests.world import World

HREF = re.compile(r'href="([^"]*)"')


def _admin_page(client: Client, name: str, pk: int) -> str:
    response = client.get(reverse(f"admin:{name}_change", args=[pk]))
    assert response.status_code == 200
    return response.content.decode()


def _links_to(page: str, stored_name: str) -> list[str]:
    """Links to the stored file: by its storage URL, wherever the storage keeps it."""
    return [link for link in HREF.findall(page) if stored_name in link or "X-Amz-" in link]


def test_the_admin_names_a_documents_file_without_a_link_to_it(
    world: World, client_for: Callable[[str], Client]
) -> None:
    book = uploaded_mentor_book(world)
    page = _admin_page(client_for("administrator"), "events_resource", book.pk)
    assert book.file.name in page
    assert _links_to(page, book.file.name) == []


def test_the_admin_names_a_reports_file_without_a_link_to_it(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client_for("coordinator").post(
        reverse("reports:cohort_reports", args=[world.cohort.pk]), {"language": "sv"}
    )
    report = GeneratedReport.objects.get()
    page = _admin_page(client_for("administrator"), "reports_generatedreport", report.pk)
    assert report.pdf.name in page
    assert _links_to(page, report.pdf.name) == []

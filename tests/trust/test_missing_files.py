"""A stored file missing from storage (a restore without media) is a 404 that says what to do."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db.models.fields.files import FieldFile
from django.test import Client
from django.urls import reverse

from events.models import Resource
from reports.models import GeneratedReport, ReportStatus
from tests.programmes.factories_running import uploaded_mentor_book
from tests.world import World


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _lose_and_ask(client: Client, field: FieldFile, url: str) -> str:
    """Deletes the stored file, then asks for it: a 404 and its page's text."""
    field.storage.delete(field.name)
    response = client.get(url)
    assert response.status_code == 404
    return response.content.decode()


def _download_lost_book(world: World, client: Client) -> tuple[Resource, str]:
    """Uploads the mentor book, loses its file, and asks for it: 404 and the page."""
    book = uploaded_mentor_book(world)
    return book, _lose_and_ask(
        client, book.file, reverse("events:resource_download", args=[book.pk])
    )


def test_a_participant_asks_the_coordinator_for_a_document_whose_file_is_missing(
    world: World, client_for: Callable[[str], Client]
) -> None:
    _book, text = _download_lost_book(world, client_for("adept"))
    assert "Filen till ”Digital mentorbok” finns inte längre" in text
    assert "Be programmets samordnare att ladda upp den igen." in text


def test_the_coordinator_is_offered_to_upload_a_missing_document_again(
    world: World, client_for: Callable[[str], Client]
) -> None:
    book, text = _download_lost_book(world, client_for("coordinator"))
    assert reverse("events:resource_create", args=[world.programme.pk]) in text
    assert reverse("events:resource_delete", args=[book.pk]) in text


def test_a_missing_document_is_still_hidden_from_people_outside_the_cohort(
    world: World, client_for: Callable[[str], Client]
) -> None:
    _book, text = _download_lost_book(world, client_for("outsider"))
    assert "Digital mentorbok" not in text


def _download_lost_report(
    client: Client, reports_url: str, language: str
) -> tuple[GeneratedReport, str]:
    """Produces a report on ``reports_url``, loses its file, and asks for it: 404 and the page."""
    client.post(reports_url, {"language": language})
    lost = GeneratedReport.objects.get()
    return lost, _lose_and_ask(client, lost.pdf, reverse("reports:report_download", args=[lost.pk]))


def test_a_report_whose_file_is_missing_is_404_with_an_offer_to_produce_it_again(
    world: World, client_for: Callable[[str], Client]
) -> None:
    contact = client_for("contact_a")
    reports_url = reverse(
        "reports:municipality_reports", args=[world.municipality_a.pk, world.cohort.pk]
    )
    lost, text = _download_lost_report(contact, reports_url, "en")
    assert "PDF-filen till rapporten som beställdes" in text
    assert f'action="{reports_url}"' in text
    assert '<input type="hidden" name="language" value="en">' in text
    # The offer works: posting it produces the report again, in the same language.
    contact.post(reports_url, {"language": "en"})
    again = GeneratedReport.objects.exclude(pk=lost.pk).get()
    assert again.status == ReportStatus.DONE and again.language == "en"
    download = contact.get(reverse("reports:report_download", args=[again.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_yearly_reports_offer_posts_to_the_cohorts_report_page(
    world: World, client_for: Callable[[str], Client]
) -> None:
    reports_url = reverse("reports:cohort_reports", args=[world.cohort.pk])
    _lost, text = _download_lost_report(client_for("coordinator"), reports_url, "sv")
    assert "Ta fram rapporten igen" in text
    assert f'action="{reports_url}"' in text

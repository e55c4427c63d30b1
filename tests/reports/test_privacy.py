"""No reflection, shared note or individual free-text answer ever reaches a report or export."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from reports.figures import collect_figures
from reports.models import GeneratedReport
from tests.world import World

from .factories import ANSWER, NOTE, REFLECTION, build_year
from .pdftext import pdf_text

SECRETS = (REFLECTION, NOTE, ANSWER, "zebra-17", "giraff-42", "okapi-93")


def _download(client: Client, url: str) -> bytes:
    response = client.post(url, {"language": "sv"})
    assert response.status_code == 302
    report = GeneratedReport.objects.latest("pk")
    download = client.get(reverse("reports:report_download", args=[report.pk]))
    assert download.status_code == 200
    return b"".join(download.streaming_content)


def test_no_private_text_appears_in_any_pdf_or_csv(
    world: World, client_for: Callable[[str], Client]
) -> None:
    build_year(world)
    coordinator = client_for("coordinator")
    contact = client_for("contact_a")
    texts = [
        pdf_text(_download(coordinator, reverse("reports:cohort_reports", args=[world.cohort.pk]))),
        pdf_text(
            _download(
                contact,
                reverse(
                    "reports:municipality_reports",
                    args=[world.municipality_a.pk, world.cohort.pk],
                ),
            )
        ),
    ]
    assert "Uppstart i Bålsta" in texts[0]
    for table in collect_figures(cohort=world.cohort).tables():
        response = coordinator.get(reverse("reports:cohort_csv", args=[world.cohort.pk, table.key]))
        texts.append(response.content.decode("utf-8-sig"))
        response = contact.get(
            reverse(
                "reports:municipality_csv",
                args=[world.municipality_a.pk, world.cohort.pk, table.key],
            )
        )
        texts.append(response.content.decode("utf-8-sig"))
    assert len(texts) > 20
    for text in texts:
        for secret in SECRETS:
            assert secret not in text


def test_the_pages_show_no_private_text(world: World, client_for: Callable[[str], Client]) -> None:
    build_year(world)
    pages = [
        client_for("coordinator").get(reverse("reports:cohort_overview", args=[world.cohort.pk])),
        client_for("contact_a").get(
            reverse("reports:municipality_view", args=[world.municipality_a.pk])
        ),
    ]
    for page in pages:
        assert page.status_code == 200
        for secret in SECRETS:
            assert secret not in page.content.decode()

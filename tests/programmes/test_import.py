"""Importing participants: a preview with every problem, then all rows or none."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from accounts.models import User
from fees.models import FeeLine
from programmes.models import Enrolment, EnrolmentStatus, ImportBatch, Role
from tests.world import World

from .factories_enrolment import WorkAreaFactory, committed, english

__all__ = ["committed", "english"]

pytestmark = pytest.mark.django_db

HEADER = "Namn;E-post;Kommun;Förvaltning;Titel;Verksamhet;År som chef;Språk"


def _csv(*lines: str, encoding: str = "utf-8-sig") -> bytes:
    return "\r\n".join([HEADER, *lines]).encode(encoding)


def _upload(
    client, world: World, content: bytes, name: str = "mentorer.csv", role: str = Role.MENTOR
):
    return client.post(
        reverse("programmes:import_upload", args=[world.cohort.pk]),
        {"role": role, "file": SimpleUploadedFile(name, content)},
    )


def _preview(client, world: World, content: bytes, **kwargs: object) -> tuple[str, ImportBatch]:
    response = _upload(client, world, content, **kwargs)
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = ImportBatch.objects.latest("pk")
    return client.get(response["Location"]).content.decode(), batch


@pytest.fixture
def coordinator(world: World, client_for):
    WorkAreaFactory(programme=world.programme, name="Skola")
    return client_for("coordinator")


def test_swedish_excel_csv_with_bom_previews_and_saves_nothing_yet(world, coordinator) -> None:
    content = _csv(
        "Åsa Öberg;asa.oberg@enkoping.se;Enköping;Barn och utbildning;Förvaltningschef;Skola;12;sv",
        "Per Ek;per.ek@habo.se;0305;Kommunledning;Kommundirektör;;20;en",
    )
    page, batch = _preview(coordinator, world, content)
    assert "Åsa Öberg" in page
    assert "Håbo" in page  # the code 0305 resolved to the municipality
    assert len(batch.rows) == 2
    assert not User.objects.filter(email="asa.oberg@enkoping.se").exists()


def test_confirming_saves_every_row_admits_and_invites(
    world, coordinator, outbox, committed
) -> None:
    content = _csv(
        "Åsa Öberg;asa.oberg@enkoping.se;Enköping;Barn och utbildning;Förvaltningschef;Skola;12;sv",
        "Per Ek;per.ek@habo.se;Håbo;Kommunledning;Kommundirektör;;20;en",
    )
    _page, batch = _preview(coordinator, world, content)
    committed(coordinator.post, reverse("programmes:import_preview", args=[batch.pk]))
    imported = Enrolment.objects.filter(
        cohort=world.cohort, person__email__in=["asa.oberg@enkoping.se", "per.ek@habo.se"]
    )
    assert imported.count() == 2
    assert set(imported.values_list("status", flat=True)) == {EnrolmentStatus.ADMITTED}
    assert set(imported.values_list("role", flat=True)) == {Role.MENTOR}
    per = User.objects.get(email="per.ek@habo.se")
    assert per.preferred_language == "en"
    assert FeeLine.objects.filter(enrolment__in=imported).count() == 2
    assert sorted(m.to[0] for m in outbox) == ["asa.oberg@enkoping.se", "per.ek@habo.se"]
    assert not ImportBatch.objects.exists()


def test_windows_1252_csv_with_commas_reads_correctly(world, coordinator) -> None:
    content = ("Namn,E-post,Kommun\r\nÖrjan Åkesson,orjan@knivsta.se,Knivsta\r\n").encode("cp1252")
    _page, batch = _preview(coordinator, world, content)
    assert batch.rows[0]["values"]["full_name"] == "Örjan Åkesson"
    assert batch.rows[0]["problems"] == []


def test_one_bad_row_shows_row_and_column_and_saves_nothing(world, coordinator) -> None:
    content = _csv(
        "Åsa Öberg;asa.oberg@enkoping.se;Enköping;;;;;",
        "Per Ek;inte-en-adress;Göteborg;;;;tre;",
    )
    page, batch = _preview(coordinator, world, content)
    assert "Row 3, column Email" in page
    assert "Row 3, column Municipality" in page
    assert "Row 3, column Years as manager" in page
    response = coordinator.post(reverse("programmes:import_preview", args=[batch.pk]), follow=True)
    assert "Nothing was imported" in response.content.decode()
    assert not User.objects.filter(email="asa.oberg@enkoping.se").exists()


def test_formula_cells_are_flagged_and_never_saved(world, coordinator) -> None:
    content = _csv(
        '=HYPERLINK("http://evil","x");a@habo.se;Håbo;;;;;',
        "Bo Berg;b@habo.se;Håbo;@SUM(A1);;;;",
        "Cia Ek;c@habo.se;Håbo;+46;;;;",
        "Dan Ek;d@habo.se;Håbo;-1;;;;",
    )
    page, batch = _preview(coordinator, world, content)
    assert page.count("could run as a formula") == 4
    coordinator.post(reverse("programmes:import_preview", args=[batch.pk]))
    assert not User.objects.filter(email__endswith="@habo.se").exists()


def test_a_duplicate_or_already_enrolled_person_is_a_problem(world, coordinator) -> None:
    content = _csv(
        f"Mona Mentor;{world.mentor.email};Enköping;;;;;",
        "Ann Al;ann@habo.se;Håbo;;;;;",
        "Ann Al;ANN@habo.se;Håbo;;;;;",
    )
    page, _batch = _preview(coordinator, world, content)
    assert "Already enrolled" in page
    assert "Also on row 3" in page


def test_xlsx_is_read_without_evaluating_formulas(world, coordinator) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Email", "Municipality", "Years as manager"])
    sheet.append(["Eva Excel", "eva@habo.se", "Håbo", 4])
    sheet.append(["Fia Formel", "fia@habo.se", "Håbo", "=1+1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    page, batch = _preview(coordinator, world, buffer.getvalue(), name="mentorer.xlsx")
    assert batch.rows[0]["values"]["years_as_manager"] == "4"
    assert "could run as a formula" in page


def test_a_file_that_is_not_csv_or_excel_is_refused(world, coordinator) -> None:
    response = _upload(coordinator, world, b"%PDF-1.7 binary", name="lista.pdf")
    assert "Upload a CSV file" in response.content.decode()
    response = _upload(coordinator, world, b"not a zip at all", name="lista.xlsx")
    assert "not an Excel workbook" in response.content.decode()
    response = _upload(coordinator, world, b"PK\x03\x04\x00\x00binary", name="lista.csv")
    assert "not a CSV text file" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_zip_bomb_is_refused(world, coordinator) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "0" * (40 * 1024 * 1024))
    response = _upload(coordinator, world, buffer.getvalue(), name="bomb.xlsx")
    assert "too much data" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_too_large_file_is_refused(world, coordinator) -> None:
    content = _csv(*["Namn Namnsson;n@habo.se;Håbo;" + "x" * 1000] * 2200)
    response = _upload(coordinator, world, content)
    assert "too large" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_only_the_uploading_coordinator_may_confirm(world, coordinator, client_for) -> None:
    _page, batch = _preview(coordinator, world, _csv("Ann Al;ann@habo.se;Håbo;;;;;"))
    url = reverse("programmes:import_preview", args=[batch.pk])
    assert client_for("other_coordinator").post(url).status_code == 404
    assert client_for("administrator").post(url).status_code == 404
    assert not User.objects.filter(email="ann@habo.se").exists()


def test_rows_are_checked_again_at_confirmation(world, coordinator) -> None:
    _page, batch = _preview(coordinator, world, _csv("Ann Al;ann@habo.se;Håbo;;;;;"))
    # Tampering with the stored rows (or a change in the data meanwhile) is caught.
    batch.rows[0]["values"]["email"] = "=cmd|' /C calc'!A0"
    batch.save()
    response = coordinator.post(reverse("programmes:import_preview", args=[batch.pk]), follow=True)
    assert "Nothing was imported" in response.content.decode()
    assert Enrolment.objects.filter(cohort=world.cohort).count() == 4

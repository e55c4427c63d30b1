"""Resources: uploads checked by content and size, stored under random names, behind access."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve, reverse

from common.uploads import sniff
from events.models import Resource

from .factories_running import in_english

pytestmark = pytest.mark.usefixtures("in_english")
__all__ = ["in_english"]

PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_MAX_BYTES = 2048


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _upload(client, world, name: str, content: bytes, **extra):
    return client.post(
        reverse("events:resource_create", kwargs={"programme_pk": world.programme.pk}),
        {
            "title": "Digital mentorbok",
            "cohort": str(world.cohort.pk),
            "upload": SimpleUploadedFile(name, content, content_type="application/pdf"),
            **extra,
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_a_pdf_is_stored_under_a_random_name_and_served_to_the_cohort(
    world, client_for, tmp_path
) -> None:
    response = _upload(client_for("coordinator"), world, "../../Mentorbok 2026.pdf", PDF_BYTES)
    assert response.status_code == 302
    resource = Resource.objects.get()
    stored = resource.file.name
    assert stored.startswith("resources/") and stored.endswith(".pdf")
    assert "Mentorbok" not in stored and ".." not in stored
    assert (tmp_path / stored).read_bytes() == PDF_BYTES
    assert resource.original_name == "Mentorbok_2026.pdf"
    download = client_for("adept").get(
        reverse("events:resource_download", kwargs={"pk": resource.pk})
    )
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"


def test_a_person_outside_the_cohort_gets_404_for_the_file(world, client_for) -> None:
    _upload(client_for("coordinator"), world, "bok.pdf", PDF_BYTES)
    resource = Resource.objects.get()
    url = reverse("events:resource_download", kwargs={"pk": resource.pk})
    assert client_for("outsider").get(url).status_code == 404
    assert client_for("contact_a").get(url).status_code == 404
    assert client_for("other_coordinator").get(url).status_code == 404


def test_uploaded_files_have_no_public_url(world, client_for) -> None:
    _upload(client_for("coordinator"), world, "bok.pdf", PDF_BYTES)
    with pytest.raises(Resolver404):
        resolve("/media/" + Resource.objects.get().file.name)


def test_a_file_that_only_claims_to_be_a_pdf_is_refused_and_nothing_is_stored(
    world, client_for, tmp_path
) -> None:
    response = _upload(client_for("coordinator"), world, "bok.pdf", b"<script>alert(1)</script>")
    assert response.status_code == 200
    assert "That kind of file cannot be uploaded" in response.content.decode()
    assert not Resource.objects.exists()
    assert not (tmp_path / "resources").exists() or not any((tmp_path / "resources").iterdir())


def test_a_too_large_file_is_refused_with_the_limit_named(world, client_for) -> None:
    response = _upload(client_for("coordinator"), world, "stor.pdf", PDF_BYTES + b"0" * 4096)
    text = response.content.decode()
    assert "The file is too large" in text and "2.0" in text
    assert not Resource.objects.exists()


def test_office_documents_and_images_are_recognised_by_content() -> None:
    assert sniff(_docx()).extension == "docx"
    assert sniff(b"\x89PNG\r\n\x1a\n" + b"0" * 20).extension == "png"
    assert sniff(b"\xff\xd8\xff\xe0" + b"0" * 20).extension == "jpg"
    assert sniff(b"MZ\x90\x00 an executable") is None
    assert sniff(b"PK\x03\x04 not really a zip") is None


def test_a_link_resource_needs_https_and_redirects_the_participant(world, client_for) -> None:
    client = client_for("coordinator")
    url = reverse("events:resource_create", kwargs={"programme_pk": world.programme.pk})
    client.post(url, {"title": "Bilder", "url": "https://example.se/bilder"})
    resource = Resource.objects.get()
    response = client_for("mentor").get(
        reverse("events:resource_download", kwargs={"pk": resource.pk})
    )
    assert response.status_code == 302 and response["Location"] == "https://example.se/bilder"


def test_the_participant_sees_the_cohorts_resources_in_the_list(world, client_for) -> None:
    _upload(client_for("coordinator"), world, "bok.pdf", PDF_BYTES)
    text = client_for("adept").get(reverse("events:resource_list")).content.decode()
    assert "Digital mentorbok" in text
    assert (
        "Digital mentorbok"
        not in client_for("outsider").get(reverse("events:resource_list")).content.decode()
    )


def test_the_coordinator_removes_a_resource_and_its_file(
    world, client_for, tmp_path, django_capture_on_commit_callbacks
) -> None:
    client = client_for("coordinator")
    _upload(client, world, "bok.pdf", PDF_BYTES)
    resource = Resource.objects.get()
    path = tmp_path / resource.file.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:resource_delete", kwargs={"pk": resource.pk}))
    assert response.status_code == 302
    assert not Resource.objects.exists()
    assert not path.exists()


def test_the_demo_leaves_out_the_mentor_book_where_pdfs_cannot_be_made(
    world, monkeypatch, capsys
) -> None:
    from demo import running as demo_running
    from events.models import Resource

    def no_pango(html: str) -> bytes:
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(demo_running, "pdf_from_html", no_pango)
    demo_running._resources(world.programme, world.cohort)
    titles = set(Resource.objects.filter(programme=world.programme).values_list("title", flat=True))
    assert "Digital mentorbok" not in titles
    assert "Så nominerar du en medarbetare" in titles
    assert "mentor book is left out" in capsys.readouterr().out

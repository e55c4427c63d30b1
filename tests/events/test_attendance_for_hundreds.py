"""Attendance for big events: check-in at the door and an imported list (the list itself:
test_registration_list.py)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from events.models import EventRegistration
from events.services.events import event_register
from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def cafe(world, open_event):  # type: ignore[no-untyped-def]
    """An open café with the adept (Håbo), the mentor (Enköping) and other_mentor (Knivsta)."""
    event = open_event(capacity=400)
    places = {
        world.adept: world.municipality_a,
        world.mentor: world.municipality_b,
        world.other_mentor: world.municipality_c,
    }
    for person, municipality in places.items():
        registration = event_register(event=event, person=person)
        registration.municipality = municipality
        registration.save()
    return event


def _attended(event) -> dict[int, bool]:  # type: ignore[no-untyped-def]
    return dict(EventRegistration.objects.filter(event=event).values_list("person_id", "attended"))


def test_one_tap_at_the_door_marks_the_person_present_at_once(world, cafe, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    registration = EventRegistration.objects.get(event=cafe, person=world.adept)
    found = client.get(
        reverse("events:event_check_in", kwargs={"pk": cafe.pk}),
        {"q": "Ada"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert world.adept.full_name in found and world.mentor.full_name not in found
    assert "<html" not in found
    url = reverse(
        "events:event_check_in_mark", kwargs={"pk": cafe.pk, "registration_pk": registration.pk}
    )
    row = client.post(url, {"attended": "1"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Present" in row and "Undo" in row
    assert "1 of 3 present" in row
    registration.refresh_from_db()
    assert registration.attended
    client.post(url, {"attended": "0"}, HTTP_HX_REQUEST="true")
    registration.refresh_from_db()
    assert not registration.attended


def test_check_in_works_without_javascript(world, cafe, client_for) -> None:  # type: ignore[no-untyped-def]
    registration = EventRegistration.objects.get(event=cafe, person=world.adept)
    url = reverse(
        "events:event_check_in_mark", kwargs={"pk": cafe.pk, "registration_pk": registration.pk}
    )
    response = client_for("coordinator").post(url, {"attended": "1", "q": "Ada"})
    assert response.status_code == 302
    assert response["Location"].endswith("?q=Ada")
    assert _attended(cafe)[world.adept.pk]


def test_the_check_in_of_another_events_registration_is_not_found(
    world, cafe, open_event, client_for
) -> None:  # type: ignore[no-untyped-def]
    other = open_event(title="Annat café")
    registration = EventRegistration.objects.get(event=cafe, person=world.adept)
    url = reverse(
        "events:event_check_in_mark", kwargs={"pk": other.pk, "registration_pk": registration.pk}
    )
    assert client_for("coordinator").post(url).status_code == 404
    assert not _attended(cafe)[world.adept.pk]


def _csv(*emails: str) -> SimpleUploadedFile:
    body = "E-post;Namn\r\n" + "".join(f"{email};Någon\r\n" for email in emails)
    return SimpleUploadedFile("narvaro.csv", body.encode("utf-8-sig"), content_type="text/csv")


def test_an_imported_list_with_an_unknown_address_saves_nothing(world, cafe, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("events:event_attendance_import", kwargs={"pk": cafe.pk})
    client = client_for("coordinator")
    page = client.post(url, {"upload": _csv(world.adept.email, "okand@habo.se")}).content.decode()
    assert "okand@habo.se" in page and "Nothing has been saved" in page
    assert not any(_attended(cafe).values())
    # Even a forged confirmation of the whole list is refused as a whole.
    client.post(url, {"action": "confirm", "emails": f"{world.adept.email} okand@habo.se"})
    assert not any(_attended(cafe).values())


def test_an_imported_excel_list_marks_everyone_on_it(world, cafe, client_for) -> None:  # type: ignore[no-untyped-def]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Namn", "E-post"])
    sheet.append([world.adept.full_name, world.adept.email.upper()])
    sheet.append([world.mentor.full_name, world.mentor.email])
    content = io.BytesIO()
    workbook.save(content)
    upload = SimpleUploadedFile("narvaro.xlsx", content.getvalue())
    url = reverse("events:event_attendance_import", kwargs={"pk": cafe.pk})
    client = client_for("coordinator")
    page = client.post(url, {"upload": upload}).content.decode()
    assert "2 registered people will be marked present" in page
    assert not any(_attended(cafe).values())
    emails = f"{world.adept.email} {world.mentor.email}"
    response = client.post(url, {"action": "confirm", "emails": emails})
    assert response.status_code == 302
    assert _attended(cafe) == {
        world.adept.pk: True,
        world.mentor.pk: True,
        world.other_mentor.pk: False,
    }


def test_a_file_that_is_not_a_list_is_refused(world, cafe, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("events:event_attendance_import", kwargs={"pk": cafe.pk})
    upload = SimpleUploadedFile("narvaro.exe", b"MZ\x90\x00")
    page = client_for("coordinator").post(url, {"upload": upload}).content.decode()
    assert "Upload a CSV file" in page


def test_the_check_in_page_shows_a_screenful_whatever_the_size_of_the_event(
    world, cafe, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    for person in UserFactory.create_batch(100, password=None):
        event_register(event=cafe, person=person)
    url = reverse("events:event_check_in", kwargs={"pk": cafe.pk})
    with django_assert_max_num_queries(20):
        page = client.get(url).content.decode()
    assert page.count('name="attended"') == 40
    assert "Showing 40 of 103" in page


def test_ids_past_a_thousand_are_posted_back_as_plain_numbers(world, cafe, client_for) -> None:  # type: ignore[no-untyped-def]
    # Swedish pages group thousands ("1 342"); an id in a form or an element id must not.
    late = UserFactory(full_name="Lena Sen")
    registration = EventRegistration.objects.create(pk=1342, event=cafe, person=late)
    coordinator = client_for("coordinator")
    coordinator.cookies["mentorship_language"] = "sv"
    page = coordinator.get(reverse("events:event_attendance", kwargs={"pk": cafe.pk}))
    assert 'value="1342"' in page.content.decode()
    assert "1 342" not in page.content.decode() and "1\u00a0342" not in page.content.decode()
    check_in = coordinator.get(reverse("events:event_check_in", kwargs={"pk": cafe.pk}))
    assert f'id="check-in-{registration.pk}"' in check_in.content.decode()
    bulk = reverse("events:event_attendance_bulk", kwargs={"pk": cafe.pk})
    confirm = coordinator.post(bulk, {"scope": "chosen", "chosen": ["1342"], "action": "attended"})
    assert 'value="1342"' in confirm.content.decode()
    response = coordinator.post(bulk, {"ids": "1342", "action": "attended", "confirm": "1"})
    assert response.status_code == 302
    assert _attended(cafe)[late.pk] is True

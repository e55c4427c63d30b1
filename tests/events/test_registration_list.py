"""An event's registrations as a list that finds and acts: filters, sort, bulk actions."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AuditEvent
from common.lists import PAGE_SIZES
from events.models import EventRegistration, RegistrationStatus
from events.services.events import event_register
from tests.factories import UserFactory
from tests.programmes.factories_running import EventFactory
from tests.world import World

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def cafe(world: World, open_event):  # type: ignore[no-untyped-def]
    """An open café of two places: the adept (Håbo, came), the mentor (Enköping), and
    other_mentor (Knivsta) on the waiting list."""
    event = open_event(capacity=2)
    places = {
        world.adept: world.municipality_a,
        world.mentor: world.municipality_b,
        world.other_mentor: world.municipality_c,
    }
    for person, municipality in places.items():
        registration = event_register(event=event, person=person, join_waiting_list=True)
        registration.municipality = municipality
        registration.save()
    EventRegistration.objects.filter(event=event, person=world.adept).update(attended=True)
    return event


def _list(client, event, **params: str) -> str:  # type: ignore[no-untyped-def]
    url = reverse("events:event_attendance", kwargs={"pk": event.pk})
    return client.get(url, params).content.decode()


def _names(page: str, world: World) -> list[str]:
    """The people the page lists, in the order it lists them."""
    people = [world.adept, world.mentor, world.other_mentor]
    found = [(page.find(f"Choose {p.full_name}"), p.full_name) for p in people]
    return [name for at, name in sorted(found) if at >= 0]


def test_the_list_is_searched_by_name_or_email(world: World, cafe, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    assert _names(_list(client, cafe, q="ada"), world) == [world.adept.full_name]
    assert _names(_list(client, cafe, q=world.mentor.email), world) == [world.mentor.full_name]


def test_the_filters_narrow_by_municipality_registration_and_attendance(
    world: World, cafe, client_for
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    knivsta = str(world.municipality_c.pk)
    assert _names(_list(client, cafe, municipality=knivsta), world) == [
        world.other_mentor.full_name
    ]
    assert _names(_list(client, cafe, status="waiting"), world) == [world.other_mentor.full_name]
    assert _names(_list(client, cafe, attended="yes"), world) == [world.adept.full_name]
    assert _names(_list(client, cafe, attended="no", status="registered"), world) == [
        world.mentor.full_name
    ]


def test_a_cohort_events_people_are_found_by_the_municipality_of_their_place(
    world: World, client_for
) -> None:
    event = EventFactory(programme=world.programme, capacity=10)
    for person in (world.adept, world.mentor):
        event_register(event=event, person=person)
    page = _list(client_for("coordinator"), event, municipality=str(world.municipality_a.pk))
    assert _names(page, world) == [world.adept.full_name]
    assert "Håbo" in page


def test_the_list_sorts_by_a_column_both_ways(world: World, cafe, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    by_name = sorted([world.adept.full_name, world.mentor.full_name, world.other_mentor.full_name])
    assert _names(_list(client, cafe, sort="name"), world) == by_name
    assert _names(_list(client, cafe, sort="-name"), world) == by_name[::-1]
    assert _names(_list(client, cafe, sort="-attended"), world)[0] == world.adept.full_name


def test_the_page_size_is_chosen_and_pages_follow(world: World, cafe, client_for) -> None:  # type: ignore[no-untyped-def]
    cafe.capacity = 100
    cafe.save()
    for person in UserFactory.create_batch(30, password=None):
        event_register(event=cafe, person=person)
    client = client_for("coordinator")
    first = _list(client, cafe)
    assert first.count('name="chosen"') == 25
    assert "33 rows; showing 1–25." in first
    assert _list(client, cafe, per_page="50").count('name="chosen"') == 33
    assert _list(client, cafe, page="2").count('name="chosen"') == 8


def _bulk(client, event, **data):  # type: ignore[no-untyped-def]
    url = reverse("events:event_attendance_bulk", kwargs={"pk": event.pk})
    return client.post(url, data)


def test_marking_all_that_match_asks_first_then_marks_them_in_one_audited_step(
    world: World, client_for
) -> None:
    event = EventFactory(programme=world.programme, capacity=10)
    for person in (world.adept, world.mentor, world.other_mentor):
        event_register(event=event, person=person)
    client = client_for("coordinator")
    query = urlencode({"municipality": world.municipality_b.pk})
    confirm = _bulk(client, event, scope="all", query=query, action="attended")
    page = confirm.content.decode()
    assert "Mark 1 person as attended?" in page
    assert world.mentor.full_name in page and world.adept.full_name not in page
    assert not EventRegistration.objects.filter(attended=True).exists()
    chosen = EventRegistration.objects.get(event=event, person=world.mentor)
    done = _bulk(client, event, action="attended", ids=str(chosen.pk), query=query, confirm="1")
    assert done.status_code == 302
    assert done["Location"].endswith(f"?{query}")
    assert list(EventRegistration.objects.filter(attended=True)) == [chosen]
    entry = AuditEvent.objects.get(action="event_registration.attended")
    assert entry.object_ids == [chosen.pk]
    figures = _list(client, event)
    assert "1 of 3 registered attended (10 places)." in figures


def test_ticked_rows_are_marked_not_attended(world: World, cafe, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    adept = EventRegistration.objects.get(event=cafe, person=world.adept)
    page = _bulk(client, cafe, scope="chosen", chosen=[adept.pk], action="absent").content
    assert b"Mark 1 person as not attended?" in page
    _bulk(client, cafe, action="absent", ids=str(adept.pk), confirm="1")
    adept.refresh_from_db()
    assert not adept.attended


def test_giving_more_places_than_free_is_refused_on_the_confirmation_page(
    world: World, cafe, client_for
) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    waiting = EventRegistration.objects.get(event=cafe, person=world.other_mentor)
    response = _bulk(client, cafe, action="promote", ids=str(waiting.pk), confirm="1")
    assert response.status_code == 400
    assert "The event is full" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITING
    # A place freed by the coordinator's cancellation goes to the waiting list.
    mentor = EventRegistration.objects.get(event=cafe, person=world.mentor)
    _bulk(client, cafe, action="cancel", ids=str(mentor.pk), confirm="1")
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED


def test_a_person_of_another_event_cannot_be_slipped_into_the_selection(
    world: World, cafe, open_event, client_for
) -> None:  # type: ignore[no-untyped-def]
    other = open_event(title="Annat café")
    stranger = event_register(event=other, person=world.manager)
    adept = EventRegistration.objects.get(event=cafe, person=world.adept)
    client = client_for("coordinator")
    ids = f"{adept.pk},{stranger.pk}"
    response = _bulk(client, cafe, action="absent", ids=ids, confirm="1")
    assert response.status_code == 400
    adept.refresh_from_db()
    assert adept.attended


def test_the_chosen_rows_export_as_excel(world: World, cafe, client_for) -> None:  # type: ignore[no-untyped-def]
    import io

    client = client_for("coordinator")
    query = urlencode({"municipality": world.municipality_a.pk})
    response = _bulk(client, cafe, scope="all", query=query, action="export_xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("Name", "Email", "Municipality")
    assert [row[0] for row in rows[1:]] == [world.adept.full_name]
    assert AuditEvent.objects.get(action="event.export").object_ids == [
        EventRegistration.objects.get(event=cafe, person=world.adept).pk
    ]


@pytest.mark.parametrize("role", ["other_coordinator", "contact_a", "mentor", "anonymous"])
def test_who_does_not_run_the_event_neither_sees_nor_acts_on_its_list(
    world: World, cafe, client_for, role: str
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(role)
    adept = EventRegistration.objects.get(event=cafe, person=world.adept)
    page = client.get(reverse("events:event_attendance", kwargs={"pk": cafe.pk}))
    posted = _bulk(client, cafe, action="absent", ids=str(adept.pk), confirm="1")
    if role == "anonymous":
        assert page.status_code == posted.status_code == 302
        assert "/accounts/login/" in page["Location"]
    else:
        assert page.status_code == posted.status_code == 404
    adept.refresh_from_db()
    assert adept.attended


def test_a_session_lists_the_expected_and_acts_on_attendance_only(
    world: World, make_session, client_for
) -> None:
    session = make_session(days=-1)
    client = client_for("coordinator")
    page = _list(client, session)
    for person in (world.adept, world.mentor, world.other_adept, world.other_mentor):
        assert f"Choose {person.full_name}" in page
    assert 'value="cancel"' not in page and 'value="promote"' not in page
    assert 'name="status"' not in page
    adept = EventRegistration.objects.get(event=session, person=world.adept)
    _bulk(client, session, action="attended", ids=str(adept.pk), confirm="1")
    adept.refresh_from_db()
    assert adept.attended


def _registrations(event, count: int) -> None:  # type: ignore[no-untyped-def]
    from accounts.models import User

    start = User.objects.count()
    people = User.objects.bulk_create(
        [User(email=f"many{start + n}@example.se", full_name=f"Many {n}") for n in range(count)]
    )
    EventRegistration.objects.bulk_create(
        [EventRegistration(event=event, person=person) for person in people]
    )


def test_the_list_costs_no_more_queries_for_a_thousand_rows_than_for_ten(
    world: World, client_for, django_assert_max_num_queries
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = EventFactory(programme=world.programme, capacity=2000)
    large = EventFactory(programme=world.programme, capacity=2000)
    _registrations(small, 10)
    _registrations(large, 1000)
    client = client_for("coordinator")
    with CaptureQueriesContext(connection) as ten:
        client.get(
            reverse("events:event_attendance", kwargs={"pk": small.pk}),
            {"per_page": PAGE_SIZES[-1]},
        )
    with django_assert_max_num_queries(2 * len(ten)):
        page = client.get(
            reverse("events:event_attendance", kwargs={"pk": large.pk}),
            {"per_page": PAGE_SIZES[-1]},
        )
    assert page.content.decode().count('name="chosen"') == PAGE_SIZES[-1]

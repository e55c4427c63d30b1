"""Coordinators set up programmes, cohorts and the consortium; bad input changes nothing."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.models import Cohort, Membership, Municipality, Programme
from tests.factories import EnrolmentFactory, MembershipFactory, MunicipalityFactory
from tests.world import World

pytestmark = pytest.mark.django_db


def _english(client: Client) -> Client:
    client.cookies["mentorship_language"] = "en"
    return client


def programme_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Mentorprogram Roslagen",
        "kind": "mentor",
        "description": "Ett år med mentor i en annan kommun.",
        "admission_rule": "selection",
        "mentor_from_other_municipality": "on",
        "fee_sek": "9800",
        "mentor_fee_sek": "9800",
        "fee_includes": "Ledarprofil",
        "planned_meetings": "7",
        "meeting_minutes": "90",
    }
    data.update(overrides)
    return data


def cohort_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "2027/28",
        "starts_on": "2027-09-01",
        "ends_on": "2028-06-30",
        "applications_open_on": "2027-04-01",
        "applications_close_on": "2027-05-31",
        "mentor_places": "20",
        "adept_places": "20",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_a_programme_and_coordinates_it(
    world: World, client_for: Callable[[str], Client]
) -> None:
    response = client_for("coordinator").post(
        reverse("programmes:programme_create"), programme_data()
    )
    programme = Programme.objects.get(name="Mentorprogram Roslagen")
    assert response.status_code == 302
    assert list(programme.coordinators.all()) == [world.coordinator]
    listing = client_for("coordinator").get(reverse("programmes:programme_list"))
    assert "Mentorprogram Roslagen" in listing.content.decode()


def test_programme_with_a_negative_fee_is_refused_and_nothing_is_saved(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = _english(client_for("coordinator"))
    response = client.post(reverse("programmes:programme_create"), programme_data(fee_sek="-1"))
    assert response.status_code == 200
    assert "greater than or equal to 0" in response.content.decode()
    assert not Programme.objects.filter(name="Mentorprogram Roslagen").exists()


def test_coordinator_creates_a_cohort_and_sees_it_on_the_programme(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    url = reverse("programmes:cohort_create", kwargs={"programme_pk": world.programme.pk})
    response = client.post(url, cohort_data())
    cohort = Cohort.objects.get(programme=world.programme, name="2027/28")
    assert response.status_code == 302
    assert cohort.applications_close_on == datetime.date(2027, 5, 31)
    page = client.get(reverse("programmes:programme_detail", kwargs={"pk": world.programme.pk}))
    assert "2027/28" in page.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_on": "2027-08-01"}, "The cohort must end after it starts."),
        ({"applications_close_on": "2028-07-31"}, "must close before the cohort ends"),
        ({"applications_close_on": "2027-03-01"}, "must close on or after the day it opens"),
        ({"applications_close_on": ""}, "Give both the first and the last day"),
        ({"mentor_places": "-3"}, "greater than or equal to 0"),
        ({"adept_places": "-1"}, "greater than or equal to 0"),
        ({"name": "2026/27"}, "already has a cohort with that name"),
    ],
)
def test_invalid_cohort_is_refused_with_a_message_and_nothing_saved(
    world: World, client_for: Callable[[str], Client], overrides: dict, message: str
) -> None:
    client = _english(client_for("coordinator"))
    before = Cohort.objects.count()
    url = reverse("programmes:cohort_create", kwargs={"programme_pk": world.programme.pk})
    response = client.post(url, cohort_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Cohort.objects.count() == before


def test_editing_a_cohort_to_end_before_it_starts_changes_nothing(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = _english(client_for("coordinator"))
    cohort = world.cohort
    url = reverse("programmes:cohort_edit", kwargs={"pk": cohort.pk})
    data = cohort_data(
        name=cohort.name,
        starts_on=cohort.starts_on.isoformat(),
        ends_on=(cohort.starts_on - datetime.timedelta(days=1)).isoformat(),
        applications_open_on="",
        applications_close_on="",
    )
    response = client.post(url, data)
    cohort.refresh_from_db()
    assert "The cohort must end after it starts." in response.content.decode()
    assert cohort.ends_on > cohort.starts_on


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("305", "The municipality code is four digits."),
        ("03O5", "The municipality code is four digits."),
        ("0305", "already exists"),
    ],
)
def test_invalid_municipality_code_is_refused(
    world: World, client_for: Callable[[str], Client], code: str, message: str
) -> None:
    client = _english(client_for("coordinator"))
    before = Municipality.objects.count()
    response = client.post(
        reverse("programmes:municipality_create"), {"name": "Nykommun", "code": code}
    )
    assert message in response.content.decode()
    assert Municipality.objects.count() == before


def test_coordinator_adds_a_municipality_and_it_joins_the_consortium_later(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    client.post(reverse("programmes:municipality_create"), {"name": "Östhammar", "code": "0382"})
    osthammar = Municipality.objects.get(code="0382")
    url = reverse("programmes:membership_create", kwargs={"programme_pk": world.programme.pk})
    response = client.post(url, {"municipality": osthammar.pk, "joined_on": "2025-01-01"})
    assert response.status_code == 302
    membership = Membership.objects.get(programme=world.programme, municipality=osthammar)
    assert membership.joined_on == datetime.date(2025, 1, 1)
    assert (
        Membership.objects.active_on(datetime.date(2024, 6, 1)).filter(pk=membership.pk).count()
        == 0
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"joined_on": "2025-01-01", "left_on": "2024-12-31"}, "cannot leave before it joins"),
        ({"joined_on": "2025-01-01", "left_on": ""}, "already a member"),
    ],
)
def test_membership_that_ends_before_it_starts_or_overlaps_is_refused(
    world: World, client_for: Callable[[str], Client], data: dict, message: str
) -> None:
    client = _english(client_for("coordinator"))
    before = Membership.objects.count()
    url = reverse("programmes:membership_create", kwargs={"programme_pk": world.programme.pk})
    response = client.post(url, {"municipality": world.municipality_a.pk, **data})
    assert message in response.content.decode()
    assert Membership.objects.count() == before


def test_a_membership_may_follow_one_that_ended(world: World) -> None:
    from programmes.services.core import membership_create, membership_update

    first = world.programme.memberships.get(municipality=world.municipality_c)
    membership_update(
        membership=first, joined_on=first.joined_on, left_on=datetime.date(2025, 6, 30)
    )
    again = membership_create(
        programme=world.programme,
        municipality=world.municipality_c,
        joined_on=datetime.date(2025, 7, 1),
    )
    assert again.pk != first.pk


def test_coordinator_start_page_lists_cohorts_with_counts(
    world: World, client_for: Callable[[str], Client], django_assert_max_num_queries
) -> None:
    client = client_for("coordinator")
    with django_assert_max_num_queries(20):
        page = client.get(reverse("programmes:home")).content.decode()
    assert "2026/27" in page
    # Two admitted mentors and two admitted adepts out of 20 places each.
    assert "2 / 20" in page
    assert "Våren 2027" not in page  # another coordinator's cohort


def test_contact_start_page_shows_only_their_own_municipality(
    world: World, client_for: Callable[[str], Client]
) -> None:
    page = client_for("contact_a").get(reverse("programmes:home")).content.decode()
    assert "Ada Adept" in page  # from Håbo, contact_a's municipality
    assert "Mona Mentor" not in page  # from Enköping
    assert "Otto Adept" not in page


def test_contact_start_page_lists_running_cohorts_and_links_every_year(
    world: World, client_for: Callable[[str], Client]
) -> None:
    from tests.factories import CohortFactory, UserFactory

    ended = CohortFactory(
        programme=world.programme,
        name="2023/24",
        starts_on=datetime.date(2023, 9, 1),
        ends_on=datetime.date(2024, 6, 30),
    )
    EnrolmentFactory(
        cohort=ended,
        municipality=world.municipality_a,
        person=UserFactory(full_name="Gunnel Förr"),
    )
    client = client_for("contact_a")
    client.cookies["mentorship_language"] = "en"
    page = client.get(reverse("programmes:home")).content.decode()
    assert "Ada Adept" in page and "Gunnel Förr" not in page
    every_year = reverse("reports:municipality_view", kwargs={"pk": world.municipality_a.pk})
    assert f'href="{every_year}"' in page
    assert "Gunnel Förr" in client.get(every_year).content.decode()


def test_participant_start_page_lists_their_programmes(
    world: World, client_for: Callable[[str], Client]
) -> None:
    page = client_for("adept").get(reverse("programmes:home")).content.decode()
    assert "Mentorprogrammet – 2026/27" in page
    assert "Ledartalang" not in page


def test_start_page_costs_the_same_queries_with_many_participants(
    world: World, client_for: Callable[[str], Client], django_assert_max_num_queries
) -> None:
    for _ in range(30):
        EnrolmentFactory(cohort=world.cohort, municipality=world.municipality_a)
    client = client_for("contact_a")
    with django_assert_max_num_queries(20):
        page = client.get(reverse("programmes:home"))
    assert page.content.decode().count("<tr>") == 32  # header, Ada Adept and the 30 new


def test_the_cohort_page_costs_the_same_queries_with_many_participants(
    world: World, client_for: Callable[[str], Client], django_assert_num_queries
) -> None:
    client = client_for("coordinator")
    url = reverse("programmes:cohort_detail", kwargs={"pk": world.cohort.pk})
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(30):
        EnrolmentFactory(cohort=world.cohort, municipality=world.municipality_a)
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert page.content.decode().count("<tr>") == 4 + 30 + 1  # the world's four, 30, header


def test_a_large_cohort_lists_its_participants_fifty_to_a_page(
    world: World, client_for: Callable[[str], Client]
) -> None:
    for _ in range(56):
        EnrolmentFactory(cohort=world.cohort, municipality=world.municipality_a)
    client = client_for("coordinator")
    url = reverse("programmes:cohort_detail", kwargs={"pk": world.cohort.pk})
    client.cookies["mentorship_language"] = "en"
    first = client.get(url).content.decode()
    assert first.count("<tr>") == 50 + 1
    assert "60 participants; showing 1–50." in first
    assert "Page 1 of 2" in first and "?page=2#participants-heading" in first
    second = client.get(url, {"page": 2}).content.decode()
    assert second.count("<tr>") == 10 + 1
    assert "?page=1#participants-heading" in second


def test_the_cohort_table_leaves_out_the_columns_every_row_would_repeat(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    client.cookies["mentorship_language"] = "en"
    url = reverse("programmes:cohort_detail", kwargs={"pk": world.cohort.pk})
    headers = re.findall(r'<th scope="col">([^<]+)</th>', client.get(url).content.decode())
    assert headers == ["Name", "Role", "Municipality", "Status"]
    # A contact's start page lists several cohorts, so there the columns stay.
    contact = client_for("contact_a")
    contact.cookies["mentorship_language"] = "en"
    home = contact.get(reverse("programmes:home")).content.decode()
    assert re.findall(r'<th scope="col">([^<]+)</th>', home)[:6] == [
        "Name",
        "Role",
        "Municipality",
        "Programme",
        "Cohort",
        "Status",
    ]


def test_other_coordinator_cannot_edit_this_programme(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse("programmes:programme_edit", kwargs={"pk": world.programme.pk})
    response = client_for("other_coordinator").post(url, programme_data(name="Kapat"))
    world.programme.refresh_from_db()
    assert response.status_code == 404
    assert world.programme.name == "Mentorprogrammet"


def test_municipality_joining_in_the_middle_counts_from_its_joining_date(world: World) -> None:
    late = MunicipalityFactory(name="Upplands Väsby", code="0114")
    MembershipFactory(
        programme=world.programme, municipality=late, joined_on=datetime.date(2026, 3, 1)
    )
    members_before = Membership.objects.active_on(datetime.date(2026, 2, 28)).filter(
        programme=world.programme
    )
    members_after = Membership.objects.active_on(datetime.date(2026, 3, 1)).filter(
        programme=world.programme
    )
    assert late.pk not in members_before.values_list("municipality", flat=True)
    assert late.pk in members_after.values_list("municipality", flat=True)


def test_cohort_page_shows_the_coordinators_tools_only_to_the_coordinator(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse("programmes:cohort_detail", kwargs={"pk": world.cohort.pk})
    matching = reverse("matching:cohort", kwargs={"pk": world.cohort.pk})
    assert matching in client_for("coordinator").get(url).content.decode()
    for role in ("adept", "mentor", "contact_a"):
        assert matching not in client_for(role).get(url).content.decode(), role


def test_english_pages_write_dates_day_first_with_a_24_hour_clock(world: World) -> None:
    from django.template import Context, Template
    from django.utils import translation

    moment = datetime.datetime(2027, 9, 1, 15, 7)
    template = Template(
        '{{ d|date:"SHORT_DATE_FORMAT" }}|{{ d|date:"DATETIME_FORMAT" }}|{{ d|date:"j F Y" }}'
    )
    with translation.override("en"):
        assert (
            template.render(Context({"d": moment}))
            == "2027-09-01|1 September 2027 15:07|1 September 2027"
        )
    with translation.override("sv"):
        assert template.render(Context({"d": moment})).endswith("|1 september 2027")


def test_each_start_page_speaks_to_its_reader(world: World, client_for) -> None:
    from tests.factories import CohortFactory

    opening = CohortFactory(
        programme=world.programme,
        name="2027/28",
        applications_open_on=datetime.date.today() - datetime.timedelta(days=1),
        applications_close_on=datetime.date.today() + datetime.timedelta(days=20),
    )

    def home(role: str) -> str:
        client = client_for(role)
        client.cookies["mentorship_language"] = "en"
        return client.get(reverse("programmes:home")).content.decode()

    administrator, coordinator, contact, adept = (
        home(r) for r in ("administrator", "coordinator", "contact_a", "adept")
    )
    assert "All programmes and cohorts" in administrator
    assert "you coordinate" not in administrator
    assert "Programmes and cohorts you coordinate" in coordinator
    # Staff who take part in nothing get no empty "my programmes".
    for page in (administrator, coordinator, contact):
        assert "You are not taking part in a programme yet." not in page
    assert f'href="{reverse("pairs:pair_list")}"' in adept and "Go to our mentor pair" in adept
    apply = reverse("programmes:apply", kwargs={"pk": opening.pk})
    assert f'href="{apply}"' in adept

"""No page grows with the cohort: each list pages or folds, and stays under 150 KiB at the
sizes of a full year (tests/pages/year.py), at its default page size and its largest.
Paging keeps the list's filters and sort; the roles that may not see a page still may not."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from common.lists import PAGE_SIZES
from matching.models import Exclusion
from programmes.models import Enrolment, EnrolmentStatus, Municipality

from .year import LEADER_DAY, PAIRS, Year, year_build

LIMIT = 150 * 1024
LARGEST = str(PAGE_SIZES[-1])


@pytest.fixture(scope="module")
def year(django_db_setup, django_db_blocker) -> Iterator[Year]:  # type: ignore[no-untyped-def]
    # One year for the module, rolled back after its last test; each test runs in a savepoint.
    with django_db_blocker.unblock(), transaction.atomic():
        yield year_build()
        transaction.set_rollback(True)


@pytest.fixture
def client_as(year: Year, db) -> Callable[[str], Client]:  # type: ignore[no-untyped-def]
    def make(role: str) -> Client:
        client = Client()
        client.force_login(year.person(role))
        return client

    return make


@dataclass(frozen=True)
class ListPage:
    name: str
    # Who reads it: coordinator, contact or administrator.
    role: str
    url: Callable[[Year], str]
    # What a page of it must show, so that a small size is not an empty page.
    shows: str = 'class="pagination"'


def _cohort(name: str) -> Callable[[Year], str]:
    return lambda year: reverse(name, args=[year.cohort.pk])


PAGES = [
    ListPage("applications", "coordinator", _cohort("programmes:cohort_applications")),
    ListPage("participants", "coordinator", _cohort("programmes:cohort_participants")),
    ListPage("cohort page", "coordinator", _cohort("programmes:cohort_detail")),
    ListPage("cohort health", "coordinator", _cohort("pairs:cohort_health")),
    ListPage(
        "reports index", "coordinator", lambda year: reverse("reports:index"), shows="2026/27"
    ),
    ListPage("cohort overview", "coordinator", _cohort("reports:cohort_overview")),
    ListPage(
        "event page",
        "coordinator",
        lambda year: reverse("events:event_detail", args=[year.leader_day.pk]),
        shows=f"Alla {LEADER_DAY} anmälningar",
    ),
    ListPage(
        "registrations and attendance",
        "coordinator",
        lambda year: reverse("events:event_attendance", args=[year.leader_day.pk]),
    ),
    ListPage(
        "invoice basis",
        "coordinator",
        lambda year: reverse("fees:invoice_basis_detail", args=[year.basis.pk]),
    ),
    ListPage(
        "matching run", "coordinator", lambda year: reverse("matching:run", args=[year.run.pk])
    ),
    ListPage(
        "mentors for an adept",
        "coordinator",
        lambda year: reverse(
            "matching:candidates", args=[year.run.pk, year.run.proposals.first().adept_id]
        ),
    ),
    ListPage(
        "two runs compared",
        "coordinator",
        lambda year: (
            reverse("matching:run_compare", args=[year.run.pk]) + f"?other={year.earlier_run.pk}"
        ),
    ),
    ListPage("leader profiles", "coordinator", _cohort("matching:profile_status")),
    ListPage(
        "municipality view",
        "contact",
        lambda year: reverse("reports:municipality_view", args=[year.municipality.pk]),
    ),
    ListPage("contact's start page", "contact", lambda year: reverse("programmes:home")),
    ListPage("reports index", "contact", lambda year: reverse("reports:index"), shows="Håbo"),
    ListPage(
        "invoice basis",
        "contact",
        lambda year: reverse("fees:invoice_basis_detail", args=[year.basis.pk]),
    ),
    ListPage("audit log", "administrator", lambda year: reverse("privacy:audit_log")),
]
# The lists on common/lists.py, where the user chooses the page size; the worst rows first.
CHOSEN_SIZE = {
    "applications": f"status={EnrolmentStatus.APPLIED}&per_page={LARGEST}",
    "participants": f"per_page={LARGEST}",
    "cohort health": f"per_page={LARGEST}",
    "registrations and attendance": f"per_page={LARGEST}",
}


def _case_id(page: ListPage) -> str:
    return f"{page.name} ({page.role})"


@pytest.mark.parametrize("page", PAGES, ids=_case_id)
def test_the_page_stays_under_150_kib_at_a_full_years_size(
    page: ListPage, year: Year, client_as: Callable[[str], Client]
) -> None:
    response = client_as(page.role).get(page.url(year))
    assert response.status_code == 200
    assert page.shows in response.content.decode()
    assert len(response.content) < LIMIT, f"{len(response.content) / 1024:.0f} KiB"


@pytest.mark.parametrize("name", list(CHOSEN_SIZE))
def test_the_list_stays_under_150_kib_at_its_largest_page_size(
    name: str, year: Year, client_as: Callable[[str], Client]
) -> None:
    page = next(page for page in PAGES if page.name == name)
    response = client_as(page.role).get(f"{page.url(year)}?{CHOSEN_SIZE[name]}")
    listing = response.context["listing"]
    # A full page of the largest size: nothing filtered it down to fewer rows.
    assert len(listing.rows) == PAGE_SIZES[-1] and listing.page.has_next()
    assert len(response.content) < LIMIT, f"{len(response.content) / 1024:.0f} KiB"


def test_a_page_size_above_the_largest_is_refused(
    year: Year, client_as: Callable[[str], Client]
) -> None:
    response = client_as("coordinator").get(
        _cohort("programmes:cohort_applications")(year), {"per_page": "500"}
    )
    assert len(response.context["listing"].rows) == PAGE_SIZES[0]
    assert 'id="filter-per_page_error"' in response.content.decode()


def _page_links(content: bytes) -> dict[int, dict[str, list[str]]]:
    """The pager's links by page number, each as its parsed query."""
    pager = content.decode().split('class="pagination"', 1)[1].split("</ul>", 1)[0]
    links = {}
    for href in re.findall(r'href="([^"]+)"', pager):
        query = parse_qs(urlsplit(html.unescape(href)).query)
        links[int(query["page"][0])] = query
    return links


def test_the_next_page_of_applications_keeps_the_filter_and_the_sort(
    year: Year, client_as: Callable[[str], Client]
) -> None:
    client = client_as("coordinator")
    url = _cohort("programmes:cohort_applications")(year)
    filters = {
        "municipality": str(year.municipality.pk),
        "status": EnrolmentStatus.ADMITTED,
        "sort": "-name",
        "per_page": "50",
    }
    first = client.get(url, filters)
    link = _page_links(first.content)[2]
    assert {key: values[0] for key, values in link.items() if key != "page"} == filters
    second = client.get(url, {key: values[0] for key, values in link.items()})
    rows = first.context["listing"].rows + second.context["listing"].rows
    names = [row.person.full_name for row in rows]
    assert len(names) == 100 and names == sorted(names, reverse=True)
    assert {(row.municipality_id, row.status) for row in rows} == {
        (year.municipality.pk, EnrolmentStatus.ADMITTED)
    }


def test_the_next_page_of_the_audit_log_keeps_the_search(
    year: Year, client_as: Callable[[str], Client]
) -> None:
    client = client_as("administrator")
    url = reverse("privacy:audit_log")
    first = client.get(url, {"action": "enrolment.admit", "actor": "Samordnare"})
    link = _page_links(first.content)[2]
    assert link["action"] == ["enrolment.admit"] and link["actor"] == ["Samordnare"]
    second = client.get(url, {key: values[0] for key, values in link.items()})
    shown = list(first.context["page"]) + list(second.context["page"])
    assert len({event.pk for event in shown}) == 100
    assert {event.action for event in shown} == {"enrolment.admit"}


def test_the_next_page_of_a_comparison_keeps_the_other_run(
    year: Year, client_as: Callable[[str], Client]
) -> None:
    client = client_as("coordinator")
    url = reverse("matching:run_compare", args=[year.run.pk])
    first = client.get(url, {"other": str(year.earlier_run.pk)})
    link = _page_links(first.content)[2]
    assert link["other"] == [str(year.earlier_run.pk)]
    second = client.get(url, {key: values[0] for key, values in link.items()})
    # Every adept has another mentor in the other run, counted over all pages.
    assert second.context["changed"] == PAIRS
    names = [row["adept"] for row in [*first.context["rows"], *second.context["rows"]]]
    assert names == sorted(names) and len(set(names)) == len(names)


def test_the_overview_pages_its_pairs_and_counts_them_all(
    year: Year, client_as: Callable[[str], Client]
) -> None:
    client = client_as("coordinator")
    url = _cohort("reports:cohort_overview")(year)
    first = client.get(url)
    overview = first.context["overview"]
    assert overview.pairs_page.paginator.count == PAIRS
    # Every tenth pair has held two meetings of the three expected by now, on every page.
    assert overview.pairs_behind == PAIRS // 10
    assert sum(not row.on_track for row in overview.pairs) < overview.pairs_behind
    assert f"{PAIRS} mentorpar." in first.content.decode()
    last = client.get(url, {"page": str(overview.pairs_page.paginator.num_pages)})
    seen = {row.pair.pk for row in overview.pairs} | {
        row.pair.pk for row in last.context["overview"].pairs
    }
    assert len(seen) == len(overview.pairs) + len(last.context["overview"].pairs)


def test_the_municipality_view_pages_its_own_participants_only(
    year: Year, client_as: Callable[[str], Client]
) -> None:
    client = client_as("contact")
    url = reverse("reports:municipality_view", args=[year.municipality.pk])
    own = Enrolment.objects.filter(municipality=year.municipality).count()
    view = client.get(url).context["view"]
    assert view.participants_page.paginator.count == own
    last = client.get(url, {"page": str(view.participants_page.paginator.num_pages)})
    rows = last.context["view"].participants
    assert rows and {row.enrolment.municipality_id for row in rows} == {year.municipality.pk}


def test_excluding_a_proposal_returns_to_its_page_of_the_run(
    year: Year, client_as: Callable[[str], Client]
) -> None:
    client = client_as("coordinator")
    page = client.get(reverse("matching:run", args=[year.run.pk]), {"page": "3"}).context["page"]
    proposal = page.object_list[0]
    response = client.post(
        reverse("matching:proposal_forbid", args=[year.run.pk, proposal.pk]) + "?page=3"
    )
    assert response["Location"] == reverse("matching:run", args=[year.run.pk]) + "?page=3"
    assert Exclusion.objects.filter(adept=proposal.adept, mentor=proposal.mentor).exists()


@pytest.mark.parametrize(
    ("role", "page_name", "status"),
    [
        ("other_coordinator", "applications", 404),
        ("other_coordinator", "cohort health", 404),
        ("other_coordinator", "cohort overview", 404),
        ("other_coordinator", "registrations and attendance", 404),
        ("other_coordinator", "matching run", 404),
        ("other_coordinator", "mentors for an adept", 404),
        ("other_coordinator", "two runs compared", 404),
        ("other_coordinator", "leader profiles", 404),
        ("other_coordinator", "invoice basis", 404),
        ("adept", "applications", 404),
        ("adept", "cohort health", 404),
        ("adept", "cohort overview", 404),
        ("other_contact", "municipality view", 404),
        ("other_contact", "invoice basis", 404),
        ("contact", "cohort overview", 404),
        ("contact", "audit log", 403),
        ("coordinator", "audit log", 403),
    ],
)
def test_a_role_that_may_not_see_the_page_gets_no_page_of_it_either(
    role: str, page_name: str, status: int, year: Year, client_as: Callable[[str], Client]
) -> None:
    page = next(page for page in PAGES if page.name == page_name)
    client = client_as(role)
    assert client.get(page.url(year)).status_code == status
    assert client.get(page.url(year), {"page": "2"}).status_code == status


def test_the_start_page_pages_only_the_contacts_own_municipalitys_people(
    year: Year, client_as: Callable[[str], Client]
) -> None:
    own = Municipality.objects.get(contacts=year.other_contact)
    client = client_as("other_contact")
    first = client.get(reverse("programmes:home")).context["contact_enrolments"]
    assert first.paginator.count == Enrolment.objects.filter(municipality=own).count()
    last = client.get(reverse("programmes:home"), {"page": str(first.paginator.num_pages)})
    assert {row.municipality_id for row in last.context["contact_enrolments"]} == {own.pk}

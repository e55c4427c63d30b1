"""The participants list: the cohort's admitted people, found by profile, emailed, exported."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AuditEvent
from common.lists import PAGE_SIZES
from matching.models import ProfileAnswer
from notifications.models import Delivery
from programmes.models import CohortMessage, EnrolmentStatus, Role
from tests.factories import CohortFactory
from tests.matching.factories import questionnaire_for
from tests.world import World

from .factories_enrolment import english
from .lists_data import list_url, names_on, people_enrol

__all__ = ["english"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(world: World):
    return CohortFactory(programme=world.programme, name="Hösten 2027")


def _url(cohort, **query: str) -> str:
    return list_url("programmes:cohort_participants", cohort, **query)


def _bulk(cohort) -> str:
    return reverse("programmes:cohort_participants_bulk", args=[cohort.pk])


def _admitted(cohort, count: int, municipality, **kwargs):
    return people_enrol(
        cohort,
        count,
        municipality=municipality,
        status=EnrolmentStatus.ADMITTED,
        prefix="Deltagare",
        **kwargs,
    )


def _finish_profile(enrolment, questions) -> None:
    scale, needs = questions
    for question in scale:
        ProfileAnswer.objects.create(enrolment=enrolment, question=question, scale_value=3)
    ProfileAnswer.objects.create(enrolment=enrolment, question=needs, choices=["Ekonomi"])


def test_the_list_holds_the_admitted_only(world, cohort, coordinator_client) -> None:
    admitted = _admitted(cohort, 2, world.municipality_a)
    people_enrol(cohort, 3, municipality=world.municipality_a)
    page = coordinator_client.get(_url(cohort))
    assert sorted(names_on(page)) == sorted(e.person.full_name for e in admitted)


def test_the_cohort_page_links_to_the_list(world, coordinator_client) -> None:
    page = coordinator_client.get(reverse("programmes:cohort_detail", args=[world.cohort.pk]))
    assert _url(world.cohort) in page.content.decode()


def test_filters_by_municipality_and_role_and_searches(world, cohort, coordinator_client):
    _admitted(cohort, 3, world.municipality_a)
    mentors = _admitted(cohort, 2, world.municipality_b, role=Role.MENTOR)
    page = coordinator_client.get(_url(cohort, municipality=world.municipality_b.pk, role="mentor"))
    assert sorted(names_on(page)) == sorted(e.person.full_name for e in mentors)
    assert names_on(coordinator_client.get(_url(cohort, q=mentors[0].person.email))) == [
        mentors[0].person.full_name
    ]


def test_profile_filter_tells_the_done_from_the_missing(world, cohort, coordinator_client):
    _questionnaire, scale, needs, _text = questionnaire_for(world.programme)
    done, half, untouched = _admitted(cohort, 3, world.municipality_a)
    _finish_profile(done, (scale, needs))
    ProfileAnswer.objects.create(enrolment=half, question=scale[0], scale_value=4)
    assert names_on(coordinator_client.get(_url(cohort, profile="done"))) == [done.person.full_name]
    missing = coordinator_client.get(_url(cohort, profile="missing"))
    assert sorted(names_on(missing)) == sorted([half.person.full_name, untouched.person.full_name])
    assert "Not done" in missing.content.decode()


def test_a_cohort_of_sessions_has_no_profile_filter(world, coordinator_client) -> None:
    sessions = CohortFactory(programme=world.programme, format="sessions")
    page = coordinator_client.get(_url(sessions))
    assert 'name="profile"' not in page.content.decode()
    assert 'name="role"' not in page.content.decode()


def test_sort_by_municipality_descending(world, cohort, coordinator_client) -> None:
    (habo,) = _admitted(cohort, 1, world.municipality_a)
    _admitted(cohort, 2, world.municipality_b)
    page = coordinator_client.get(_url(cohort, sort="-municipality"))
    assert names_on(page)[0] == habo.person.full_name
    assert 'aria-sort="descending"' in page.content.decode()


def test_emailing_all_that_match_queues_one_delivery_each(world, cohort, coordinator_client):
    habo = _admitted(cohort, 3, world.municipality_a)
    _admitted(cohort, 2, world.municipality_b)
    asked = coordinator_client.post(
        _bulk(cohort),
        {"action": "email", "scope": "all", "query": f"municipality={world.municipality_a.pk}"},
    )
    assert "Email 3 participants?" in asked.content.decode()
    done = coordinator_client.post(
        _bulk(cohort),
        {
            "action": "email",
            "ids": asked.context["ids"],
            "query": asked.context["query"],
            "confirm": "1",
            "subject": "Träff på fredag",
            "body": "Välkomna!",
        },
        follow=True,
    )
    assert "The message was sent to 3 people." in done.content.decode()
    message = CohortMessage.objects.get(cohort=cohort)
    recipients = Delivery.objects.filter(key=f"message:{message.pk}").values_list(
        "recipient_id", flat=True
    )
    assert sorted(recipients) == sorted(e.person_id for e in habo)


def test_an_empty_message_is_refused_and_nothing_is_sent(world, cohort, coordinator_client):
    chosen = _admitted(cohort, 2, world.municipality_a)
    response = coordinator_client.post(
        _bulk(cohort),
        {
            "action": "email",
            "ids": ",".join(str(e.pk) for e in chosen),
            "query": "",
            "confirm": "1",
            "subject": "",
            "body": "",
        },
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not CohortMessage.objects.exists()


def test_export_as_excel_names_the_profile_state(world, cohort, coordinator_client) -> None:
    _questionnaire, scale, needs, _text = questionnaire_for(world.programme)
    done, missing = _admitted(cohort, 2, world.municipality_a)
    _finish_profile(done, (scale, needs))
    response = coordinator_client.post(
        _bulk(cohort), {"action": "export_xlsx", "scope": "chosen", "chosen": [done.pk, missing.pk]}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows == {done.person.full_name: "Done", missing.person.full_name: "Not done"}
    entry = AuditEvent.objects.get(action="enrolment.export")
    assert sorted(entry.object_ids) == sorted([done.pk, missing.pk])


@pytest.mark.parametrize("persona", ["contact_a", "other_coordinator", "adept", "mentor"])
def test_only_the_cohorts_coordinators_see_the_list(world, client_for, persona) -> None:
    client = client_for(persona)
    assert client.get(_url(world.cohort)).status_code == 404
    response = client.post(_bulk(world.cohort), {"action": "export_csv", "scope": "all"})
    assert response.status_code == 404


def test_the_administrator_sees_the_list(world, client_for) -> None:
    page = client_for("administrator").get(_url(world.cohort))
    assert world.adept.full_name in page.content.decode()


def test_the_list_costs_the_same_queries_at_a_thousand_rows_as_at_ten(world, coordinator_client):
    questionnaire_for(world.programme)
    small = CohortFactory(programme=world.programme)
    large = CohortFactory(programme=world.programme)
    for cohort, count in ((small, 10), (large, 1000)):
        _admitted(cohort, count // 2, world.municipality_a)
        _admitted(cohort, count - count // 2, world.municipality_b, role=Role.MENTOR)
    coordinator_client.get(_url(small))

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert coordinator_client.get(url).status_code == 200
        return len(captured.captured_queries)

    at_ten = queries(_url(small, per_page=str(PAGE_SIZES[-1]), profile="missing"))
    at_thousand = queries(_url(large, per_page=str(PAGE_SIZES[-1]), profile="missing"))
    assert at_thousand <= 2 * at_ten
    assert at_thousand == at_ten


def test_the_cohort_message_form_leaves_chosen_people_to_the_lists(world, coordinator_client):
    url = reverse("programmes:message_create", kwargs={"cohort_pk": world.cohort.pk})
    assert 'value="chosen"' not in coordinator_client.get(url).content.decode()
    refused = coordinator_client.post(
        url, {"audience": "chosen", "subject": "Hej", "body": "Till alla?"}
    )
    assert refused.status_code == 200
    assert not CohortMessage.objects.exists()

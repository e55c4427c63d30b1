"""The applications list: search, filters, sort, paging, and decisions on many at once."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AuditEvent
from common.lists import PAGE_SIZES
from notifications.models import Delivery
from programmes.models import (
    AdmissionRule,
    CohortMessage,
    Enrolment,
    EnrolmentStatus,
    Nomination,
    Role,
    StageDecision,
)
from tests.factories import CohortFactory, UserFactory
from tests.world import World

from .factories_enrolment import ApprovalStageFactory, english
from .lists_data import consent_ask, list_url, names_on, people_enrol

__all__ = ["english"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(world: World):
    return CohortFactory(programme=world.programme, name="Hösten 2027", adept_places=40)


def _url(cohort, **query: str) -> str:
    return list_url("programmes:cohort_applications", cohort, **query)


def _bulk(cohort) -> str:
    return reverse("programmes:cohort_applications_bulk", args=[cohort.pk])


def _statuses(enrolments) -> set[str]:
    return set(
        Enrolment.objects.filter(pk__in=[e.pk for e in enrolments]).values_list("status", flat=True)
    )


# Finding ------------------------------------------------------------------------------


def test_search_finds_people_by_name_and_by_email(world, cohort, coordinator_client) -> None:
    people_enrol(cohort, 3, municipality=world.municipality_a)
    found = UserFactory(full_name="Greta Garbo", email="greta.unik@example.se")
    people_enrol(cohort, 0, municipality=world.municipality_a)
    Enrolment.objects.create(
        person=found, cohort=cohort, role=Role.ADEPT, municipality=world.municipality_b
    )
    assert names_on(coordinator_client.get(_url(cohort, q="garbo"))) == ["Greta Garbo"]
    assert names_on(coordinator_client.get(_url(cohort, q="unik@"))) == ["Greta Garbo"]
    assert names_on(coordinator_client.get(_url(cohort, q="nobody-has-this"))) == []


def test_filters_by_municipality_role_and_status_combine(world, cohort, coordinator_client):
    people_enrol(cohort, 4, municipality=world.municipality_a)
    people_enrol(cohort, 2, municipality=world.municipality_a, role=Role.MENTOR)
    people_enrol(cohort, 3, municipality=world.municipality_a, status=EnrolmentStatus.WAITING)
    people_enrol(cohort, 5, municipality=world.municipality_b)
    page = coordinator_client.get(
        _url(cohort, municipality=world.municipality_a.pk, role="adept", status="applied")
    )
    listing = page.context["listing"]
    assert listing.total == 4
    assert {(r.municipality_id, r.role, r.status) for r in listing.rows} == {
        (world.municipality_a.pk, Role.ADEPT, EnrolmentStatus.APPLIED)
    }
    assert "4 rows." in page.content.decode()


def test_consent_filter_tells_waiting_from_overdue(world, cohort, coordinator_client) -> None:
    fresh, late = people_enrol(cohort, 2, municipality=world.municipality_a, complete=False)
    people_enrol(cohort, 2, municipality=world.municipality_a)
    consent_ask(fresh, days_ago=1)
    consent_ask(late, days_ago=9)
    waiting = names_on(coordinator_client.get(_url(cohort, consent="waiting")))
    assert sorted(waiting) == sorted([fresh.person.full_name, late.person.full_name])
    assert names_on(coordinator_client.get(_url(cohort, consent="overdue"))) == [
        late.person.full_name
    ]


def test_stage_filter_finds_nominations_waiting_at_that_stage(world, coordinator_client) -> None:
    world.programme.admission_rule = AdmissionRule.NOMINATION
    world.programme.save()
    first = ApprovalStageFactory(programme=world.programme, name="Ledningsgruppen", position=1)
    second = ApprovalStageFactory(programme=world.programme, name="Direktionen", position=2)
    cohort = CohortFactory(programme=world.programme)
    at_first, at_second = people_enrol(cohort, 2, municipality=world.municipality_a)
    for enrolment in (at_first, at_second):
        Nomination.objects.create(
            enrolment=enrolment, nominated_by=world.manager, motivation="Bra ledare"
        )
    StageDecision.objects.create(
        nomination=at_second.nomination,
        stage=first,
        approved=True,
        decided_by=world.coordinator,
        decided_at=timezone.now(),
    )
    assert names_on(coordinator_client.get(_url(cohort, stage=first.pk))) == [
        at_first.person.full_name
    ]
    assert names_on(coordinator_client.get(_url(cohort, stage=second.pk))) == [
        at_second.person.full_name
    ]


def test_a_list_without_nominations_offers_no_stage_filter(cohort, coordinator_client) -> None:
    page = coordinator_client.get(_url(cohort))
    assert 'name="stage"' not in page.content.decode()
    assert 'name="consent"' in page.content.decode()


def test_sort_by_name_both_ways_and_the_header_says_which(world, cohort, coordinator_client):
    people_enrol(cohort, 3, municipality=world.municipality_a)
    ascending = coordinator_client.get(_url(cohort, sort="name"))
    names = names_on(ascending)
    assert names == sorted(names)
    content = ascending.content.decode()
    assert 'aria-sort="ascending"><a href="?sort=-name">' in content
    descending = coordinator_client.get(_url(cohort, sort="-name"))
    assert names_on(descending) == sorted(names, reverse=True)
    assert 'aria-sort="descending"' in descending.content.decode()


def test_sort_by_applied_date_and_by_municipality(world, cohort, coordinator_client) -> None:
    old, new = people_enrol(cohort, 2, municipality=world.municipality_b)
    Enrolment.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(9))
    (habo,) = people_enrol(cohort, 1, municipality=world.municipality_a)
    applied = names_on(coordinator_client.get(_url(cohort, sort="applied")))
    assert applied.index(old.person.full_name) < applied.index(new.person.full_name)
    by_place = names_on(coordinator_client.get(_url(cohort, sort="-municipality")))
    # Håbo comes after Enköping, so first when read backwards.
    assert by_place[0] == habo.person.full_name


def test_pages_hold_the_chosen_number_and_keep_the_filter(world, cohort, coordinator_client):
    people_enrol(cohort, 60, municipality=world.municipality_a)
    people_enrol(cohort, 5, municipality=world.municipality_b)
    first = coordinator_client.get(_url(cohort, municipality=world.municipality_a.pk))
    assert len(first.context["listing"].rows) == 25
    assert f"?municipality={world.municipality_a.pk}&amp;page=2" in first.content.decode()
    third = coordinator_client.get(
        _url(cohort, municipality=world.municipality_a.pk, per_page="50", page="2")
    )
    assert len(third.context["listing"].rows) == 10
    assert len(coordinator_client.get(_url(cohort, per_page="100")).context["listing"].rows) == 65


def test_a_bad_filter_value_says_so_and_the_list_stays_whole(world, cohort, coordinator_client):
    people_enrol(cohort, 3, municipality=world.municipality_a)
    page = coordinator_client.get(_url(cohort, status="nonsense", per_page="7"))
    content = page.content.decode()
    assert page.status_code == 200
    assert "Select a valid choice. nonsense is not one of the available choices." in content
    assert "Select a valid choice. 7 is not one of the available choices." in content
    assert page.context["listing"].total == 3


def test_htmx_gets_the_results_alone_and_a_visit_the_whole_page(world, cohort, coordinator_client):
    people_enrol(cohort, 2, municipality=world.municipality_a)
    fragment = coordinator_client.get(_url(cohort, role="adept"), HTTP_HX_REQUEST="true")
    assert fragment.content.decode().lstrip().startswith('<div id="list-results"')
    assert "<html" not in fragment.content.decode()
    assert "HX-Request" in fragment["Vary"]
    page = coordinator_client.get(_url(cohort, role="adept"))
    assert "<html" in page.content.decode() and 'data-hx-get="' in page.content.decode()


def test_the_contact_filters_their_own_municipality_and_gets_no_bulk_actions(
    world, cohort, client_for
) -> None:
    people_enrol(cohort, 2, municipality=world.municipality_a)
    people_enrol(cohort, 3, municipality=world.municipality_b)
    page = client_for("contact_a").get(_url(cohort))
    assert page.context["listing"].total == 2
    assert 'id="bulk-form"' not in page.content.decode()
    # Asking for another municipality's people finds nothing, and says so.
    other = client_for("contact_a").get(_url(cohort, municipality=world.municipality_b.pk))
    assert "Select a valid choice." in other.content.decode()
    assert other.context["listing"].total == 2


# Acting on many ---------------------------------------------------------------------


def _choose(client, cohort, action: str, enrolments, **extra: str):
    return client.post(
        _bulk(cohort),
        {"action": action, "scope": "chosen", "chosen": [e.pk for e in enrolments], **extra},
    )


def _confirm(client, cohort, page, **extra: str):
    return client.post(
        _bulk(cohort),
        {
            "action": page.context["action"].key,
            "ids": page.context["ids"],
            "query": page.context["query"],
            "confirm": "1",
            **extra,
        },
    )


def test_admitting_many_asks_first_then_admits_them_with_one_audit_entry(
    world, cohort, coordinator_client
) -> None:
    chosen = people_enrol(cohort, 3, municipality=world.municipality_a)
    (left_alone,) = people_enrol(cohort, 1, municipality=world.municipality_a)
    asked = _choose(coordinator_client, cohort, "admit", chosen)
    content = asked.content.decode()
    assert "Admit 3 applicants?" in content
    assert all(e.person.full_name in content for e in chosen)
    assert _statuses(chosen) == {EnrolmentStatus.APPLIED}
    done = _confirm(coordinator_client, cohort, asked)
    assert done.status_code == 302
    assert _statuses(chosen) == {EnrolmentStatus.ADMITTED}
    assert _statuses([left_alone]) == {EnrolmentStatus.APPLIED}
    (entry,) = AuditEvent.objects.filter(action__startswith="enrolment.")
    assert entry.action == "enrolment.admit_many"
    assert sorted(entry.object_ids) == sorted(e.pk for e in chosen)
    assert entry.actor == world.coordinator
    listed = coordinator_client.get(done["Location"])
    assert "Admitted: 3 applicants." in listed.content.decode()


def test_all_that_match_takes_the_filter_along(world, cohort, coordinator_client) -> None:
    habo = people_enrol(cohort, 4, municipality=world.municipality_a)
    enkoping = people_enrol(cohort, 3, municipality=world.municipality_b)
    asked = coordinator_client.post(
        _bulk(cohort),
        {"action": "wait", "scope": "all", "query": f"municipality={world.municipality_a.pk}"},
    )
    assert "Move 4 applicants to the waiting list?" in asked.content.decode()
    done = _confirm(coordinator_client, cohort, asked)
    assert done["Location"].endswith(f"?municipality={world.municipality_a.pk}")
    assert _statuses(habo) == {EnrolmentStatus.WAITING}
    assert _statuses(enkoping) == {EnrolmentStatus.APPLIED}


def test_the_confirmation_names_fifty_and_counts_the_rest(world, cohort, coordinator_client):
    people_enrol(cohort, 56, municipality=world.municipality_a)
    asked = coordinator_client.post(_bulk(cohort), {"action": "wait", "scope": "all", "query": ""})
    content = asked.content.decode()
    assert content.count("<li>Sökande Håbo") == 50
    assert "and 6 more." in content


def test_admitting_more_than_the_places_left_changes_nothing_and_says_so(
    world, coordinator_client
) -> None:
    cohort = CohortFactory(programme=world.programme, adept_places=2)
    chosen = people_enrol(cohort, 3, municipality=world.municipality_a)
    asked = _choose(coordinator_client, cohort, "admit", chosen)
    refused = _confirm(coordinator_client, cohort, asked)
    assert refused.status_code == 400
    assert (
        "Nothing was changed: Adept: 3 chosen, but only 2 places are left."
        in refused.content.decode()
    )
    assert _statuses(chosen) == {EnrolmentStatus.APPLIED}
    assert not AuditEvent.objects.filter(action__startswith="enrolment.").exists()


def test_one_that_cannot_be_admitted_stops_them_all(world, cohort, coordinator_client) -> None:
    chosen = people_enrol(cohort, 3, municipality=world.municipality_a)
    (declined,) = people_enrol(
        cohort, 1, municipality=world.municipality_a, status=EnrolmentStatus.DECLINED
    )
    asked = _choose(coordinator_client, cohort, "admit", [*chosen, declined])
    refused = _confirm(coordinator_client, cohort, asked)
    content = refused.content.decode()
    assert "Nothing was changed" in content and declined.person.full_name in content
    assert _statuses(chosen) == {EnrolmentStatus.APPLIED}
    assert not Delivery.objects.filter(recipient__in=[e.person for e in chosen]).exists()


def test_declining_many_mails_each_the_one_reason(
    world, cohort, coordinator_client, django_capture_on_commit_callbacks, outbox
) -> None:
    chosen = people_enrol(cohort, 2, municipality=world.municipality_a)
    asked = _choose(coordinator_client, cohort, "decline", chosen)
    without_reason = _confirm(coordinator_client, cohort, asked)
    assert without_reason.status_code == 400
    assert "This field is required." in without_reason.content.decode()
    assert _statuses(chosen) == {EnrolmentStatus.APPLIED}
    with django_capture_on_commit_callbacks(execute=True):
        _confirm(coordinator_client, cohort, asked, reason="Platserna räckte inte till.")
    assert _statuses(chosen) == {EnrolmentStatus.DECLINED}
    assert {e.status_reason for e in Enrolment.objects.filter(pk__in=[c.pk for c in chosen])} == {
        "Platserna räckte inte till."
    }
    assert sorted(m.to[0] for m in outbox) == sorted(e.person.email for e in chosen)
    assert all("Platserna räckte inte till." in m.body for m in outbox)
    assert AuditEvent.objects.get(action="enrolment.decline_many").object_ids


def test_emailing_the_chosen_queues_one_delivery_each(world, cohort, coordinator_client) -> None:
    chosen = people_enrol(cohort, 3, municipality=world.municipality_a)
    asked = _choose(coordinator_client, cohort, "email", chosen)
    assert "Email 3 applicants?" in asked.content.decode()
    done = _confirm(coordinator_client, cohort, asked, subject="Välkomna", body="Hej alla!")
    assert done.status_code == 302
    message = CohortMessage.objects.get(cohort=cohort)
    assert (message.audience, message.recipient_count) == ("chosen", 3)
    assert sorted(
        Delivery.objects.filter(key=f"message:{message.pk}").values_list("recipient_id", flat=True)
    ) == sorted(e.person_id for e in chosen)


def test_nothing_chosen_says_so(cohort, coordinator_client) -> None:
    response = coordinator_client.post(
        _bulk(cohort), {"action": "admit", "scope": "chosen"}, follow=True
    )
    assert "Nothing was chosen" in response.content.decode()


def test_ids_from_another_cohort_are_not_acted_on(world, cohort, coordinator_client) -> None:
    (own,) = people_enrol(cohort, 1, municipality=world.municipality_a)
    other_cohort = CohortFactory(programme=world.programme)
    (stranger,) = people_enrol(other_cohort, 1, municipality=world.municipality_a)
    asked = _choose(coordinator_client, cohort, "admit", [own, stranger])
    assert "Admit 1 applicant?" in asked.content.decode()
    forged = coordinator_client.post(
        _bulk(cohort),
        {"action": "admit", "ids": f"{own.pk},{stranger.pk}", "query": "", "confirm": "1"},
    )
    assert "no longer in the list. Nothing was changed." in forged.content.decode()
    assert _statuses([own, stranger]) == {EnrolmentStatus.APPLIED}


def test_another_programmes_coordinator_and_a_contact_cannot_act(world, cohort, client_for) -> None:
    chosen = people_enrol(cohort, 1, municipality=world.municipality_a)
    for persona in ("other_coordinator", "contact_a"):
        response = _choose(client_for(persona), cohort, "admit", chosen)
        assert response.status_code == 404
    assert _statuses(chosen) == {EnrolmentStatus.APPLIED}


def test_export_of_the_chosen_as_csv_and_of_all_as_excel(world, cohort, coordinator_client):
    chosen = people_enrol(cohort, 2, municipality=world.municipality_a)
    people_enrol(cohort, 1, municipality=world.municipality_b)
    csv = _choose(coordinator_client, cohort, "export_csv", chosen)
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert text.count("\r\n") == 3 and chosen[0].person.email in text
    xlsx = coordinator_client.post(
        _bulk(cohort), {"action": "export_xlsx", "scope": "all", "query": ""}
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 4
    assert sheet.cell(1, 1).value == "Name"
    assert AuditEvent.objects.filter(action="enrolment.export").count() == 2


def test_a_name_that_looks_like_a_formula_stays_text_in_both_exports(
    world, cohort, coordinator_client
) -> None:
    (enrolment,) = people_enrol(cohort, 1, municipality=world.municipality_a)
    enrolment.person.full_name = '=HYPERLINK("http://evil")'
    enrolment.person.save()
    for action in ("export_csv", "export_xlsx"):
        response = coordinator_client.post(
            _bulk(cohort), {"action": action, "scope": "all", "query": ""}
        )
        if action == "export_csv":
            assert "'=HYPERLINK" in response.content.decode("utf-8-sig")
        else:
            sheet = load_workbook(io.BytesIO(response.content)).active
            assert sheet.cell(2, 1).value == '\'=HYPERLINK("http://evil")'


# Cost ----------------------------------------------------------------------------------


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_list_costs_the_same_queries_at_a_thousand_rows_as_at_ten(
    world, coordinator_client
) -> None:
    small = CohortFactory(programme=world.programme)
    large = CohortFactory(programme=world.programme)
    for cohort, count in ((small, 10), (large, 1000)):
        third = count // 3
        people_enrol(cohort, third, municipality=world.municipality_a)
        people_enrol(cohort, third, municipality=world.municipality_b, complete=False)
        people_enrol(cohort, count - 2 * third, municipality=world.municipality_c)
    coordinator_client.get(_url(small))
    at_ten = _queries(coordinator_client, _url(small, per_page=str(PAGE_SIZES[-1])))
    at_thousand = _queries(coordinator_client, _url(large, per_page=str(PAGE_SIZES[-1])))
    assert at_thousand <= 2 * at_ten
    assert at_thousand == at_ten


def test_the_longest_consent_waits_are_named_and_the_rest_are_a_filter_away(
    world, cohort, coordinator_client
) -> None:
    waiting = people_enrol(cohort, 12, municipality=world.municipality_a, complete=False)
    for days, enrolment in enumerate(waiting):
        consent_ask(enrolment, days_ago=days)
    content = coordinator_client.get(_url(cohort)).content.decode()
    section = content.split("waiting-consent-heading", 1)[1].split("</section>")[0]
    assert section.count("<li>") == 10
    # The oldest request first; the two newest are left to the list's filter.
    assert waiting[11].person.full_name in section and waiting[0].person.full_name not in section
    assert 'href="?consent=waiting">Show all 12 applications waiting for consent' in section

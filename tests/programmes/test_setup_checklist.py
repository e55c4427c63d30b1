"""The coordinator's setup checklist on the programme and cohort pages, and the refused window."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from matching.models import CohortMatching, Question, QuestionKind
from matching.services.profile import questionnaire_ensure
from pairs.models import Questionnaire as Evaluation
from pairs.services.evaluation import question_add, questionnaire_save
from programmes.models import AdmissionRule, Cohort, Programme, ProgrammeKind
from reports.services import outcome_target_set
from tests.factories import CohortFactory, MembershipFactory, ProgrammeFactory
from tests.programmes.factories_enrolment import (  # noqa: F401 (fixture)
    ApprovalStageFactory,
    WorkAreaFactory,
    english,
)
from tests.programmes.factories_running import EventFactory
from tests.world import World

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def fresh(world: World) -> Programme:
    """A new talent programme by nomination, coordinated by the world's coordinator."""
    return ProgrammeFactory(
        name="Ledartalang 2027",
        kind=ProgrammeKind.TALENT,
        admission_rule=AdmissionRule.NOMINATION,
        coordinators=[world.coordinator],
    )


@pytest.fixture
def coming(fresh: Programme) -> Cohort:
    """A cohort that starts in two months, without an application window."""
    return CohortFactory(
        programme=fresh,
        name="Hösten 2027",
        starts_on=TODAY + datetime.timedelta(days=60),
        ends_on=TODAY + datetime.timedelta(days=240),
    )


def _programme_page(client: Client, programme: Programme):  # type: ignore[no-untyped-def]
    return client.get(reverse("programmes:programme_detail", kwargs={"pk": programme.pk}))


def _cohort_page(client: Client, cohort: Cohort):  # type: ignore[no-untyped-def]
    return client.get(reverse("programmes:cohort_detail", kwargs={"pk": cohort.pk}))


def _done(response) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    """Each step's key (with the cohort's name for a cohort's step) and whether it is done."""
    return {
        step.key + (f" {step.cohort.name}" if step.cohort else ""): step.done
        for phase in response.context["checklist"].phases
        for step in phase.steps
    }


def test_a_fresh_programme_lists_every_step_to_do_with_its_reason_and_link(
    fresh: Programme, coming: Cohort, client_for: Callable[[str], Client]
) -> None:
    response = _programme_page(client_for("coordinator"), fresh)
    done = _done(response)
    assert {key for key, is_done in done.items() if not is_done} == {
        "programmes.members",
        "programmes.work_areas",
        "programmes.stages",
        "programmes.window Hösten 2027",
        "fees.withdrawal_deadline Hösten 2027",
        "matching.questionnaire",
        "matching.settings Hösten 2027",
        "matching.profiles_open Hösten 2027",
        "pairs.evaluation Hösten 2027",
        "reports.outcome_target",
        "events.planned Hösten 2027",
    }
    page = response.content.decode()
    assert "Setup checklist" in page and "11 things left to do." in page
    assert "<h3" in page and "Before applications open" in page and "Before matching" in page
    assert "To do:" in page and "Done:" in page  # the status is text, not only a colour
    assert "no manager can send a nomination" in page
    stages = reverse("programmes:nomination_settings", kwargs={"pk": fresh.pk})
    assert f'href="{stages}"' in page
    assert f'href="{reverse("reports:outcome_target", kwargs={"pk": fresh.pk})}"' in page


def test_the_programme_steps_are_done_once_the_coordinator_has_done_them(
    world: World, fresh: Programme, coming: Cohort, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    MembershipFactory(programme=fresh, municipality=world.municipality_a)
    client.post(reverse("programmes:work_areas", kwargs={"pk": fresh.pk}), {"names": "Skola\nVård"})
    client.post(
        reverse("programmes:nomination_settings", kwargs={"pk": fresh.pk}),
        {"guidance": "", "stages": "Förvaltningens ledningsgrupp\nKoncernledningen"},
    )
    response = client.post(
        reverse("programmes:cohort_edit", kwargs={"pk": coming.pk}),
        {
            "name": coming.name,
            "starts_on": coming.starts_on.isoformat(),
            "ends_on": coming.ends_on.isoformat(),
            "applications_open_on": TODAY.isoformat(),
            "applications_close_on": (TODAY + datetime.timedelta(days=30)).isoformat(),
            "withdrawal_fee_deadline": coming.starts_on.isoformat(),
            "mentor_places": "0",
            "adept_places": "15",
        },
    )
    assert response.status_code == 302
    done = _done(_programme_page(client, fresh))
    for key in (
        "programmes.members",
        "programmes.work_areas",
        "programmes.stages",
        "programmes.places Hösten 2027",
        "programmes.window Hösten 2027",
        "fees.withdrawal_deadline Hösten 2027",
    ):
        assert done[key], key


def test_a_free_programme_needs_no_withdrawal_deadline(
    fresh: Programme, coming: Cohort, client_for: Callable[[str], Client]
) -> None:
    Programme.objects.filter(pk=fresh.pk).update(fee_sek=0, mentor_fee_sek=0)
    assert _done(_programme_page(client_for("coordinator"), fresh))[
        "fees.withdrawal_deadline Hösten 2027"
    ]


def test_the_matching_steps_are_done_with_questions_settings_and_open_profiles(
    world: World, fresh: Programme, coming: Cohort, client_for: Callable[[str], Client]
) -> None:
    Question.objects.create(
        questionnaire=questionnaire_ensure(programme=fresh),
        kind=QuestionKind.TEXT,
        text="Vad vill du utveckla?",
    )
    CohortMatching.objects.create(cohort=coming, profiles_opened_at=timezone.now())
    done = _done(_cohort_page(client_for("coordinator"), coming))
    assert done["matching.questionnaire"]
    assert done["matching.settings Hösten 2027"]
    assert done["matching.profiles_open Hösten 2027"]


def test_the_evaluation_step_is_done_once_it_has_a_question(
    fresh: Programme, coming: Cohort, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    evaluation = questionnaire_save(cohort=coming, introduction="", send_days_before_end=30)
    assert not _done(_cohort_page(client, coming))["pairs.evaluation Hösten 2027"]
    question_add(questionnaire=evaluation, audience="adept", kind="text", text="Vad tar du med?")
    assert Evaluation.objects.filter(cohort=coming).exists()
    assert _done(_cohort_page(client, coming))["pairs.evaluation Hösten 2027"]


def test_the_outcome_target_is_asked_of_talent_programmes_only(
    world: World, fresh: Programme, coming: Cohort, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    outcome_target_set(
        actor=world.coordinator, programme=fresh, manager_share_percent=75, within_months=24
    )
    assert _done(_programme_page(client, fresh))["reports.outcome_target"]
    assert "reports.outcome_target" not in _done(_programme_page(client, world.programme))


def test_a_cohort_event_or_a_programme_event_during_the_year_counts_as_planned(
    fresh: Programme, coming: Cohort, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    later = CohortFactory(
        programme=fresh,
        name="Våren 2028",
        starts_on=TODAY + datetime.timedelta(days=300),
        ends_on=TODAY + datetime.timedelta(days=500),
    )
    EventFactory(programme=fresh, cohort=coming, audience="cohort")
    EventFactory(
        programme=fresh,
        starts_at=timezone.now() + datetime.timedelta(days=320),
        ends_at=timezone.now() + datetime.timedelta(days=320, hours=3),
    )
    done = _done(_programme_page(client, fresh))
    assert done["events.planned Hösten 2027"] and done[f"events.planned {later.name}"]


def test_a_cancelled_event_is_not_a_plan(
    fresh: Programme, coming: Cohort, client_for: Callable[[str], Client]
) -> None:
    EventFactory(programme=fresh, cohort=coming, audience="cohort", cancelled_at=timezone.now())
    done = _done(_programme_page(client_for("coordinator"), fresh))
    assert not done["events.planned Hösten 2027"]


@pytest.mark.parametrize(
    ("rule", "members", "message"),
    [
        (AdmissionRule.NOMINATION, True, "no manager can send a nomination"),
        (AdmissionRule.SELECTION, False, "an applicant has no municipality to choose"),
    ],
)
def test_opening_a_window_whose_form_cannot_be_sent_is_refused_and_nothing_saved(
    world: World, client_for: Callable[[str], Client], rule: str, members: bool, message: str
) -> None:
    programme = ProgrammeFactory(admission_rule=rule, coordinators=[world.coordinator])
    if members:
        MembershipFactory(programme=programme, municipality=world.municipality_a)
    client = client_for("coordinator")
    response = client.post(
        reverse("programmes:cohort_create", kwargs={"programme_pk": programme.pk}),
        {
            "name": "2027/28",
            "starts_on": "2027-09-01",
            "ends_on": "2028-06-30",
            "applications_open_on": "2027-04-01",
            "applications_close_on": "2027-05-31",
            "mentor_places": "20",
            "adept_places": "20",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Applications cannot open yet, because nobody could send the form." in page
    assert message in page
    assert not Cohort.objects.filter(programme=programme).exists()


def test_adding_a_window_to_a_cohort_is_refused_until_the_stages_exist(
    world: World, fresh: Programme, coming: Cohort, client_for: Callable[[str], Client]
) -> None:
    MembershipFactory(programme=fresh, municipality=world.municipality_a)
    client = client_for("coordinator")
    url = reverse("programmes:cohort_edit", kwargs={"pk": coming.pk})
    data = {
        "name": coming.name,
        "starts_on": coming.starts_on.isoformat(),
        "ends_on": coming.ends_on.isoformat(),
        "applications_open_on": TODAY.isoformat(),
        "applications_close_on": (TODAY + datetime.timedelta(days=20)).isoformat(),
        "mentor_places": "0",
        "adept_places": "12",
    }
    refused = client.post(url, data)
    assert "no manager can send a nomination" in refused.content.decode()
    coming.refresh_from_db()
    assert (coming.applications_open_on, coming.adept_places) == (None, 20)
    ApprovalStageFactory(programme=fresh)
    assert client.post(url, data).status_code == 302
    coming.refresh_from_db()
    assert coming.applications_open_on == TODAY


def test_a_cohort_whose_window_stays_as_it_was_may_still_be_edited(
    world: World, fresh: Programme, client_for: Callable[[str], Client]
) -> None:
    cohort = CohortFactory(
        programme=fresh,
        starts_on=TODAY + datetime.timedelta(days=60),
        ends_on=TODAY + datetime.timedelta(days=240),
        applications_open_on=TODAY,
        applications_close_on=TODAY + datetime.timedelta(days=20),
    )
    response = client_for("coordinator").post(
        reverse("programmes:cohort_edit", kwargs={"pk": cohort.pk}),
        {
            "name": "Nytt namn",
            "starts_on": cohort.starts_on.isoformat(),
            "ends_on": cohort.ends_on.isoformat(),
            "applications_open_on": cohort.applications_open_on.isoformat(),
            "applications_close_on": cohort.applications_close_on.isoformat(),
            "mentor_places": "0",
            "adept_places": "12",
        },
    )
    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.name == "Nytt namn"


@pytest.mark.parametrize("role", ["adept", "mentor", "contact_a"])
def test_participants_and_contacts_see_no_checklist_and_no_settings(
    world: World, client_for: Callable[[str], Client], role: str
) -> None:
    client = client_for(role)
    for response in (_programme_page(client, world.programme), _cohort_page(client, world.cohort)):
        assert response.status_code == 200
        assert "checklist" not in response.context and "settings_links" not in response.context
        page = response.content.decode()
        assert "Setup checklist" not in page and 'id="settings-heading"' not in page


def test_another_programmes_coordinator_gets_404_as_before(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("other_coordinator")
    assert _programme_page(client, world.programme).status_code == 404
    assert _cohort_page(client, world.cohort).status_code == 404


def test_an_administrator_sees_the_checklist_without_the_coordinators_own_pages(
    fresh: Programme, coming: Cohort, client_for: Callable[[str], Client]
) -> None:
    response = _cohort_page(client_for("administrator"), coming)
    steps = {s.key: s for phase in response.context["checklist"].phases for s in phase.steps}
    assert steps["pairs.evaluation"].url == ""
    assert steps["matching.settings"].url
    evaluation = reverse("pairs:questionnaire_edit", kwargs={"pk": coming.pk})
    assert f'href="{evaluation}"' not in response.content.decode()


def test_every_settings_page_is_linked_from_the_programme_or_the_cohort_page(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    programme_page = _programme_page(client, world.programme).content.decode()
    cohort_page = _cohort_page(client, world.cohort).content.decode()
    pk, cohort_pk = world.programme.pk, world.cohort.pk
    for name, kwargs in [
        ("programmes:programme_edit", {"pk": pk}),
        ("programmes:work_areas", {"pk": pk}),
        ("programmes:nomination_settings", {"pk": pk}),
        ("programmes:consortium_detail", {"programme_pk": pk}),
        ("matching:questionnaire", {"pk": pk}),
        ("matching:travel_times", {"pk": pk}),
        ("reports:outcome_target", {"pk": pk}),
        ("events:event_create", {"programme_pk": pk}),
        ("events:resource_create", {"programme_pk": pk}),
        ("fees:invoice_basis_list", {}),
    ]:
        assert f'href="{reverse(name, kwargs=kwargs)}"' in programme_page, name
    for name in ("matching:settings", "pairs:questionnaire_edit", "programmes:cohort_edit"):
        assert f'href="{reverse(name, kwargs={"pk": cohort_pk})}"' in cohort_page, name


def test_the_programme_page_costs_the_same_queries_with_more_cohorts(
    fresh: Programme, coming: Cohort, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    _programme_page(client, fresh)
    with CaptureQueriesContext(connection) as one:
        _programme_page(client, fresh)
    for year in range(3):
        cohort = CohortFactory(
            programme=fresh,
            starts_on=TODAY + datetime.timedelta(days=100 + 365 * year),
            ends_on=TODAY + datetime.timedelta(days=300 + 365 * year),
        )
        EventFactory(programme=fresh, cohort=cohort, audience="cohort")
        CohortMatching.objects.create(cohort=cohort)
    with CaptureQueriesContext(connection) as four:
        response = _programme_page(client, fresh)
    assert len(_done(response)) > 11
    assert len(four.captured_queries) == len(one.captured_queries)


def test_the_cohort_page_costs_the_same_queries_whether_steps_are_done_or_not(
    world: World, fresh: Programme, coming: Cohort, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    _cohort_page(client, coming)
    with CaptureQueriesContext(connection) as undone:
        _cohort_page(client, coming)
    MembershipFactory(programme=fresh, municipality=world.municipality_a)
    WorkAreaFactory(programme=fresh)
    ApprovalStageFactory(programme=fresh)
    CohortMatching.objects.create(cohort=coming, profiles_opened_at=timezone.now())
    EventFactory(programme=fresh, cohort=coming, audience="cohort")
    with CaptureQueriesContext(connection) as done:
        _cohort_page(client, coming)
    assert len(done.captured_queries) == len(undone.captured_queries)

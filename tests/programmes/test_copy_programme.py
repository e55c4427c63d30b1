"""Copy programme: a new programme with the same settings, lists and setup of each app."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from events.models import Event, Resource
from events.services.resources import resource_add
from matching.models import Dimension, DimensionMode, Question, QuestionKind, Questionnaire
from pairs.models.evaluation import Questionnaire as EvaluationQuestionnaire
from programmes.models import (
    AdmissionRule,
    ApprovalStage,
    Cohort,
    CohortFormat,
    Enrolment,
    Membership,
    Programme,
    WorkArea,
)
from reports.models import OutcomeTarget
from tests.world import World

from .factories_running import EventFactory, in_english, uploaded_mentor_book

pytestmark = pytest.mark.usefixtures("in_english")
__all__ = ["in_english"]


@pytest.fixture
def set_up(world: World) -> World:
    """The world's programme with every kind of setup an app keeps per programme."""
    Programme.objects.filter(pk=world.programme.pk).update(
        admission_rule=AdmissionRule.NOMINATION,
        nomination_guidance="Motivera utifrån medarbetarsamtalen.",
        cohort_format=CohortFormat.GROUPS,
        planned_meetings=9,
        asks_wants=True,
    )
    world.programme.refresh_from_db()
    for position, name in enumerate(["Förvaltningens ledningsgrupp", "Koncernledningen"]):
        ApprovalStage.objects.create(programme=world.programme, name=name, position=position)
    for position, name in enumerate(["Skola", "Omsorg", "Teknik"]):
        WorkArea.objects.create(programme=world.programme, name=name, position=position)
    questionnaire = Questionnaire.objects.create(programme=world.programme, introduction="Hej")
    values = Dimension.objects.create(
        questionnaire=questionnaire, name="Värderingar", mode=DimensionMode.SIMILAR
    )
    Question.objects.create(
        questionnaire=questionnaire, kind=QuestionKind.SCALE, text="Jag delegerar", dimension=values
    )
    Question.objects.create(
        questionnaire=questionnaire, kind=QuestionKind.TEXT, text="Vad vill du utveckla?"
    )
    OutcomeTarget.objects.create(programme=world.programme, manager_share_percent=60)
    resource_add(
        programme=world.programme,
        title="Mentorboken",
        uploaded_by=world.coordinator,
        url="https://example.se/mentorboken",
    )
    Cohort.objects.filter(pk=world.cohort.pk).update(
        starts_on=datetime.date(2026, 9, 1), ends_on=datetime.date(2027, 6, 30)
    )
    EventFactory(
        programme=world.programme,
        cohort=world.cohort,
        title="Kickoff",
        starts_at=timezone.make_aware(datetime.datetime(2026, 9, 10, 13)),
        ends_at=timezone.make_aware(datetime.datetime(2026, 9, 10, 16)),
    )
    uploaded_mentor_book(world)
    EvaluationQuestionnaire.objects.create(cohort=world.cohort)
    return world


def _url(world: World) -> str:
    return reverse("programmes:programme_copy", kwargs={"pk": world.programme.pk})


def _data(**changes: str) -> dict[str, str]:
    data = {
        "name": "Mentorprogrammet 2028–2030",
        "with_members": "on",
        "with_cohort": "on",
        "cohort-name": "2027/28",
        "cohort-starts_on": "2027-09-01",
        "cohort-ends_on": "2028-06-30",
        "cohort-applications_open_on": "",
        "cohort-applications_close_on": "",
        "cohort-withdrawal_fee_deadline": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_copy_has_the_same_settings_and_lists(set_up, coordinator_client) -> None:
    world = set_up
    response = coordinator_client.post(_url(world), _data())
    new = Programme.objects.get(name="Mentorprogrammet 2028–2030")
    assert response["Location"] == reverse("programmes:programme_detail", kwargs={"pk": new.pk})
    for field in ("kind", "admission_rule", "fee_sek", "mentor_fee_sek", "planned_meetings"):
        assert getattr(new, field) == getattr(world.programme, field)
    assert new.nomination_guidance == "Motivera utifrån medarbetarsamtalen."
    assert (new.cohort_format, new.asks_wants) == (CohortFormat.GROUPS, True)
    assert list(new.approval_stages.values_list("name", flat=True)) == [
        "Förvaltningens ledningsgrupp",
        "Koncernledningen",
    ]
    assert list(new.work_areas.values_list("name", flat=True)) == ["Skola", "Omsorg", "Teknik"]
    assert list(new.coordinators.all()) == [world.coordinator]
    assert set(Membership.objects.filter(programme=new).values_list("municipality", flat=True)) == {
        world.municipality_a.pk,
        world.municipality_b.pk,
        world.municipality_c.pk,
    }
    assert Membership.objects.filter(programme=new, joined_on=timezone.localdate()).count() == 3


def test_each_apps_programme_setup_comes_along(set_up, coordinator_client) -> None:
    world = set_up
    coordinator_client.post(_url(world), _data())
    new = Programme.objects.get(name="Mentorprogrammet 2028–2030")
    questionnaire = Questionnaire.objects.get(programme=new)
    dimension = questionnaire.dimensions.get()
    assert dimension.name == "Värderingar"
    scale = questionnaire.questions.get(kind=QuestionKind.SCALE)
    # The question points to the copy's own dimension, not last programme's.
    assert scale.dimension == dimension
    assert questionnaire.questions.count() == 2
    assert OutcomeTarget.objects.get(programme=new).manager_share_percent == 60
    assert Resource.objects.filter(programme=new, cohort=None, title="Mentorboken").exists()


def test_the_latest_cohort_is_copied_into_the_new_programme(set_up, coordinator_client) -> None:
    world = set_up
    response = coordinator_client.post(_url(world), _data(), follow=True)
    new = Programme.objects.get(name="Mentorprogrammet 2028–2030")
    cohort = Cohort.objects.get(programme=new)
    assert (cohort.name, cohort.starts_on) == ("2027/28", datetime.date(2027, 9, 1))
    event = Event.objects.get(cohort=cohort)
    assert event.programme == new
    assert timezone.localtime(event.starts_at).date() == datetime.date(2027, 9, 9)
    assert Resource.objects.filter(cohort=cohort, title="Digital mentorbok").exists()
    assert EvaluationQuestionnaire.objects.filter(cohort=cohort).exists()
    assert not Enrolment.objects.filter(cohort=cohort).exists()
    page = response.content.decode()
    assert "The programme Mentorprogrammet 2028–2030 was created from Mentorprogrammet." in page
    assert "2 approval stages" in page and "3 work areas" in page
    assert "the leader profile questionnaire with 2 questions" in page
    assert "the cohort 2027/28 with" in page
    entry = AuditEvent.objects.get(action="programme.copy")
    assert (entry.actor, entry.target_id) == (world.coordinator, str(new.pk))


def test_without_the_cohort_and_members_only_the_programme_is_made(
    set_up, coordinator_client
) -> None:
    world = set_up
    data = _data()
    del data["with_cohort"], data["with_members"]
    coordinator_client.post(_url(world), data)
    new = Programme.objects.get(name="Mentorprogrammet 2028–2030")
    assert not new.cohorts.exists()
    assert not new.memberships.exists()
    assert new.approval_stages.count() == 2


def test_a_name_already_used_is_refused(set_up, coordinator_client) -> None:
    world = set_up
    response = coordinator_client.post(_url(world), _data(name="mentorprogrammet"))
    assert "A programme with that name already exists." in response.content.decode()
    assert Programme.objects.count() == 2


def test_a_failing_cohort_copy_leaves_no_new_programme(set_up, coordinator_client) -> None:
    world = set_up
    response = coordinator_client.post(_url(world), _data(**{"cohort-ends_on": "2027-08-01"}))
    assert response.status_code == 200
    assert not Programme.objects.filter(name="Mentorprogrammet 2028–2030").exists()
    # A failure in an app's copy, after the programme and its lists were written.
    resource = Resource.objects.get(title="Digital mentorbok")
    resource.file.storage.delete(resource.file.name)
    response = coordinator_client.post(_url(world), _data())
    assert "is missing from the storage" in response.content.decode()
    assert Programme.objects.count() == 2
    assert ApprovalStage.objects.count() == 2
    assert Questionnaire.objects.count() == 1
    assert OutcomeTarget.objects.count() == 1
    assert not AuditEvent.objects.filter(action__in=["programme.copy", "programme.create"]).exists()


@pytest.mark.parametrize("role", ["other_coordinator", "contact_a", "adept", "outsider"])
def test_others_get_404_and_nothing_is_copied(set_up, client_for, role) -> None:
    response = client_for(role).post(_url(set_up), _data())
    assert response.status_code == 404
    assert Programme.objects.count() == 2


def test_the_programme_page_offers_the_copy_to_coordinators_only(set_up, client_for) -> None:
    url = reverse("programmes:programme_detail", kwargs={"pk": set_up.programme.pk})
    assert _url(set_up) in client_for("coordinator").get(url).content.decode()
    assert _url(set_up) not in client_for("contact_a").get(url).content.decode()

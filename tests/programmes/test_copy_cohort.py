"""Copy to a new cohort: next year's cohort gets the settings and plan, never the people."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from common.media_archive import stored_names
from events.models import Audience, Event, EventKind, EventRegistration, Resource
from events.services.resources import resource_add
from matching.models import CohortMatching
from pairs.models import Pair
from pairs.models.evaluation import Answer, Question, Questionnaire, Response
from programmes.models import Cohort, CohortFormat, Enrolment
from tests.world import World

from .factories_running import EventFactory, in_english, uploaded_mentor_book

pytestmark = pytest.mark.usefixtures("in_english")
__all__ = ["in_english"]


@dataclass
class Plan:
    kickoff: Event
    closing: Event
    programme_event: Event
    book: Resource
    link: Resource
    programme_document: Resource
    evaluation: Questionnaire


def _local(year: int, month: int, day: int, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour, 0))


@pytest.fixture
def plan(world: World) -> Plan:
    """The world's cohort, set up as a coordinator would have it at the end of the year."""
    Cohort.objects.filter(pk=world.cohort.pk).update(
        name="2026/27",
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2027, 6, 30),
        applications_open_on=datetime.date(2026, 4, 1),
        applications_close_on=datetime.date(2026, 5, 31),
        withdrawal_fee_deadline=datetime.date(2026, 8, 15),
        format=CohortFormat.GROUPS,
        group_size=5,
        mentor_places=12,
        adept_places=48,
    )
    world.cohort.refresh_from_db()
    # Thursday 10 September 2026, 13–16 in summer time; closing in winter time.
    kickoff = EventFactory(
        programme=world.programme,
        cohort=world.cohort,
        kind=EventKind.KICKOFF,
        title="Kickoff",
        theme="Att komma igång",
        description="Vi träffas i Bålsta.",
        starts_at=_local(2026, 9, 10, 13),
        ends_at=_local(2026, 9, 10, 16),
        online_url="https://teams.example.se/kickoff",
        capacity=60,
        audience=Audience.INVITED,
    )
    kickoff.invitees.add(world.outsider)
    kickoff.open_municipalities.add(world.municipality_a)
    EventRegistration.objects.create(event=kickoff, person=world.adept)
    closing = EventFactory(
        programme=world.programme,
        cohort=world.cohort,
        kind=EventKind.CLOSING,
        title="Avslutning",
        starts_at=_local(2027, 1, 14, 9),
        ends_at=_local(2027, 1, 14, 12),
        audience=Audience.COHORT,
    )
    programme_event = EventFactory(programme=world.programme, title="Ledardag")
    book = uploaded_mentor_book(world)
    link = resource_add(
        programme=world.programme,
        cohort=world.cohort,
        title="Bildspel",
        uploaded_by=world.coordinator,
        url="https://example.se/bildspel",
    )
    programme_document = resource_add(
        programme=world.programme,
        title="Om programmet",
        uploaded_by=world.coordinator,
        url="https://example.se/om",
    )
    evaluation = Questionnaire.objects.create(
        cohort=world.cohort, introduction="Tack för året!", send_days_before_end=30
    )
    for position, (audience, kind, text) in enumerate(
        [
            ("adept", "scale", "Hur nöjd är du med året?"),
            ("adept", "text", "Vad tar du med dig?"),
            ("mentor", "scale", "Hur väl fungerade matchningen?"),
        ]
    ):
        question = Question.objects.create(
            questionnaire=evaluation, audience=audience, kind=kind, text=text, position=position
        )
    Response.objects.create(
        questionnaire=evaluation,
        person=world.mentor,
        role="mentor",
        municipality=world.municipality_b,
    )
    Answer.objects.create(question=question, scale=4)
    CohortMatching.objects.create(
        cohort=world.cohort,
        weights={"needs": 5, "dimensions": 1, "wishes": 0, "experience": 2, "travel": 3},
        min_years_ahead=3,
        shortlist_open=True,
        profiles_opened_at=timezone.now(),
    )
    return Plan(kickoff, closing, programme_event, book, link, programme_document, evaluation)


def _copy_url(world: World) -> str:
    return reverse("programmes:cohort_copy", kwargs={"pk": world.cohort.pk})


def _form_data(**changes: str) -> dict[str, str]:
    data = {
        "name": "2027/28",
        "starts_on": "2027-09-01",
        "ends_on": "2028-06-30",
        "applications_open_on": "2027-04-01",
        "applications_close_on": "2027-05-31",
        "withdrawal_fee_deadline": "2027-08-15",
    }
    data.update(changes)
    return data


def test_the_form_is_prefilled_a_year_later(world, plan, coordinator_client) -> None:
    form = coordinator_client.get(_copy_url(world)).context["form"]
    assert form["name"].value() == "2027/28"
    assert form["starts_on"].value() == datetime.date(2027, 9, 1)
    assert form["ends_on"].value() == datetime.date(2028, 6, 30)
    assert form["applications_open_on"].value() == datetime.date(2027, 4, 1)
    assert form["withdrawal_fee_deadline"].value() == datetime.date(2027, 8, 15)


def test_the_copy_takes_the_settings_and_dates_but_no_people(
    world, plan, coordinator_client
) -> None:
    response = coordinator_client.post(_copy_url(world), _form_data())
    new = Cohort.objects.get(programme=world.programme, name="2027/28")
    assert response["Location"] == reverse("programmes:cohort_detail", kwargs={"pk": new.pk})
    assert (new.format, new.group_size, new.mentor_places, new.adept_places) == (
        CohortFormat.GROUPS,
        5,
        12,
        48,
    )
    assert (new.applications_open_on, new.applications_close_on) == (
        datetime.date(2027, 4, 1),
        datetime.date(2027, 5, 31),
    )
    assert new.withdrawal_fee_deadline == datetime.date(2027, 8, 15)
    assert not Enrolment.objects.filter(cohort=new).exists()
    assert not Pair.objects.filter(cohort=new).exists()
    # The source is untouched.
    assert Enrolment.objects.filter(cohort=world.cohort).count() == 4
    assert Pair.objects.filter(cohort=world.cohort).count() == 2


def test_the_event_plan_moves_to_the_same_weekday_and_time_without_registrations(
    world, plan, coordinator_client
) -> None:
    coordinator_client.post(_copy_url(world), _form_data())
    new = Cohort.objects.get(name="2027/28")
    events = {event.title: event for event in Event.objects.filter(cohort=new)}
    assert set(events) == {"Kickoff", "Avslutning"}
    kickoff = events["Kickoff"]
    starts = timezone.localtime(kickoff.starts_at)
    # A year on, the Thursday closest to 10 September 2027, still 13.00 local time.
    assert (starts.date(), starts.hour) == (datetime.date(2027, 9, 9), 13)
    assert timezone.localtime(kickoff.ends_at).hour == 16
    closing = timezone.localtime(events["Avslutning"].starts_at)
    assert (closing.date(), closing.hour) == (datetime.date(2028, 1, 13), 9)
    assert (kickoff.kind, kickoff.theme, kickoff.description, kickoff.place) == (
        EventKind.KICKOFF,
        "Att komma igång",
        "Vi träffas i Bålsta.",
        plan.kickoff.place,
    )
    assert kickoff.online_url == "https://teams.example.se/kickoff"
    assert (kickoff.capacity, kickoff.audience) == (60, Audience.INVITED)
    assert list(kickoff.open_municipalities.all()) == [world.municipality_a]
    assert not kickoff.invitees.exists()
    assert not kickoff.registrations.exists()
    # The programme's own events (leader days) stay where they are.
    assert Event.objects.filter(title="Ledardag").count() == 1
    assert plan.kickoff.registrations.count() == 1


def test_documents_come_along_with_a_file_of_their_own(
    world, plan, coordinator_client, django_capture_on_commit_callbacks
) -> None:
    coordinator_client.post(_copy_url(world), _form_data())
    new = Cohort.objects.get(name="2027/28")
    copies = {resource.title: resource for resource in Resource.objects.filter(cohort=new)}
    assert set(copies) == {"Digital mentorbok", "Bildspel"}
    book = copies["Digital mentorbok"]
    assert book.file.name != plan.book.file.name
    assert book.original_name == plan.book.original_name
    assert book.uploaded_by == world.coordinator
    with (
        default_storage.open(book.file.name) as copied,
        default_storage.open(plan.book.file.name) as original,
    ):
        assert copied.read() == original.read()
    assert copies["Bildspel"].url == "https://example.se/bildspel"
    assert Resource.objects.filter(title="Om programmet").count() == 1
    # Removing last year's document leaves next year's file in place.
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("events:resource_delete", kwargs={"pk": plan.book.pk}))
    assert not Resource.objects.filter(pk=plan.book.pk).exists()
    assert not default_storage.exists(plan.book.file.name)
    assert default_storage.exists(book.file.name)


def test_the_evaluation_questions_come_along_without_answers(
    world, plan, coordinator_client
) -> None:
    coordinator_client.post(_copy_url(world), _form_data())
    new = Questionnaire.objects.get(cohort__name="2027/28")
    assert (new.introduction, new.send_days_before_end) == ("Tack för året!", 30)
    assert list(new.questions.values_list("audience", "kind", "text")) == list(
        plan.evaluation.questions.values_list("audience", "kind", "text")
    )
    assert not new.responses.exists()
    assert not Answer.objects.filter(question__questionnaire=new).exists()


def test_the_matching_weights_come_along_but_profiles_stay_closed(
    world, plan, coordinator_client
) -> None:
    coordinator_client.post(_copy_url(world), _form_data())
    new = CohortMatching.objects.get(cohort__name="2027/28")
    assert new.weights["needs"] == 5 and new.weights["travel"] == 3
    assert (new.min_years_ahead, new.shortlist_open) == (3, True)
    assert new.profiles_opened_at is None


def test_the_new_cohort_page_says_what_was_copied_and_the_log_too(
    world, plan, coordinator_client
) -> None:
    response = coordinator_client.post(_copy_url(world), _form_data(), follow=True)
    page = response.content.decode()
    assert "The cohort 2027/28 was created from 2026/27." in page
    for said in (
        "2 events",
        "2 documents and links",
        "the end-of-year evaluation with 3 questions",
        "the matching criteria and weights",
    ):
        assert said in page
    new = Cohort.objects.get(name="2027/28")
    entry = AuditEvent.objects.get(action="cohort.copy")
    assert (entry.actor, entry.target_id) == (world.coordinator, str(new.pk))
    assert "2 events" in entry.summary


def test_a_name_already_taken_changes_nothing(world, plan, coordinator_client) -> None:
    response = coordinator_client.post(_copy_url(world), _form_data(name="2026/27"))
    assert "already has a cohort with that name" in response.content.decode()
    assert Cohort.objects.filter(programme=world.programme).count() == 1
    assert Event.objects.count() == 3


def test_a_failure_halfway_rolls_back_everything(world, plan, coordinator_client) -> None:
    # The second document's file is gone from the storage: the first is copied before that.
    broken = uploaded_mentor_book(world, title="Bildspel kickoff")
    default_storage.delete(broken.file.name)
    files_before = sorted(stored_names(default_storage))
    response = coordinator_client.post(_copy_url(world), _form_data())
    assert response.status_code == 200
    assert "“Bildspel kickoff” is missing from the storage" in response.content.decode()
    assert not Cohort.objects.filter(name="2027/28").exists()
    assert Event.objects.count() == 3
    assert Resource.objects.count() == 4
    assert Questionnaire.objects.count() == 1
    assert CohortMatching.objects.count() == 1
    assert not AuditEvent.objects.filter(action="cohort.copy").exists()
    # The file already written for the copy is removed again.
    assert sorted(stored_names(default_storage)) == files_before


@pytest.mark.parametrize("role", ["other_coordinator", "contact_a", "mentor", "outsider"])
def test_others_get_404_and_nothing_is_copied(world, plan, client_for, role) -> None:
    response = client_for(role).post(_copy_url(world), _form_data())
    assert response.status_code == 404
    assert not Cohort.objects.filter(name="2027/28").exists()


def test_an_administrator_may_copy(world, plan, client_for) -> None:
    assert client_for("administrator").post(_copy_url(world), _form_data()).status_code == 302
    assert Cohort.objects.filter(name="2027/28").exists()


def test_the_cohort_page_offers_the_copy_to_coordinators_only(world, plan, client_for) -> None:
    url = reverse("programmes:cohort_detail", kwargs={"pk": world.cohort.pk})
    assert _copy_url(world) in client_for("coordinator").get(url).content.decode()
    assert _copy_url(world) not in client_for("contact_a").get(url).content.decode()

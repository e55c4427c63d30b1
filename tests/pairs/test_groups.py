"""Group mentoring: groups form as adepts are paired with a mentor, meet as a whole, and
keep goals per adept and reflections per member private."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from matching.selectors import cohort_candidates
from notifications.models import Delivery
from pairs.models import GroupMeeting, GroupReflection, MentorGroup, Pair
from pairs.selectors import feed_group_meetings
from pairs.services import groups as group_services
from pairs.services.notify import GROUP_MEETING_CHANGE
from pairs.services.pairs import pair_create, pair_dissolve
from programmes.models import Cohort, CohortFormat, Enrolment, Role
from programmes.profiles import application_profile
from programmes.services.enrolment import validate_can_enrol
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory

from .factories import GoalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group_cohort(world) -> Cohort:
    return CohortFactory(
        programme=world.programme,
        name="Gruppmentorskap 2026",
        format=CohortFormat.GROUPS,
        group_size=3,
    )


def _enrol(cohort: Cohort, role: str, name: str, municipality) -> Enrolment:
    return EnrolmentFactory(
        cohort=cohort,
        role=role,
        person=UserFactory(full_name=name),
        municipality=municipality,
    )


@pytest.fixture
def group(world, group_cohort) -> MentorGroup:
    """A mentor of municipality C with two adepts from A and B."""
    mentor = _enrol(group_cohort, Role.MENTOR, "Greta Gruppmentor", world.municipality_c)
    for name, municipality in (
        ("Adam Adept", world.municipality_a),
        ("Bea Adept", world.municipality_b),
    ):
        pair_create(
            mentor=mentor, adept=_enrol(group_cohort, Role.ADEPT, name, municipality), actor=None
        )
    return MentorGroup.objects.get(mentor=mentor)


def _member(group: MentorGroup, name: str) -> User:
    if name == "mentor":
        return group.mentor.person
    return Pair.objects.get(group=group, adept__person__full_name=name).adept.person


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_pairing_in_a_group_cohort_puts_each_adept_in_the_mentors_one_group(group) -> None:
    assert list(group.pairs.values_list("adept__person__full_name", flat=True).order_by("pk")) == [
        "Adam Adept",
        "Bea Adept",
    ]
    assert MentorGroup.objects.filter(mentor=group.mentor).count() == 1


def test_a_full_group_takes_no_more_adepts(world, group, group_cohort) -> None:
    third = _enrol(group_cohort, Role.ADEPT, "Cecilia Adept", world.municipality_a)
    pair_create(mentor=group.mentor, adept=third, actor=None)
    fourth = _enrol(group_cohort, Role.ADEPT, "David Adept", world.municipality_b)
    with pytest.raises(ValidationError, match="3"):
        pair_create(mentor=group.mentor, adept=fourth, actor=None)
    assert not Pair.objects.filter(adept=fourth).exists()


def test_pairs_in_a_pairs_cohort_belong_to_no_group(world) -> None:
    assert world.pair.group_id is None
    assert not MentorGroup.objects.exists()


def test_the_last_adept_leaving_ends_the_group(group) -> None:
    for pair in group.pairs.all():
        pair_dissolve(pair=pair, actor=None)
    group.refresh_from_db()
    assert group.dissolved_at is not None


def test_matching_offers_each_mentor_the_free_seats_of_their_group(
    world, group, group_cohort
) -> None:
    other = _enrol(group_cohort, Role.MENTOR, "Hugo Mentor", world.municipality_a)
    other.mentor_capacity = 1  # what a mentor offers in a pairs cohort is not the group size
    other.save()
    candidates = cohort_candidates(group_cohort)
    assert candidates.capacity == {group.mentor.pk: 1, other.pk: 3}


def test_members_open_the_group_page_and_nobody_else_does(world, group) -> None:
    url = reverse("pairs:group_detail", kwargs={"pk": group.pk})
    for name in ("mentor", "Adam Adept", "Bea Adept"):
        assert _client(_member(group, name)).get(url).status_code == 200
    for persona in ("adept", "mentor", "coordinator", "administrator", "outsider"):
        assert _client(world.people[persona]).get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_an_adept_sees_their_own_goals_and_the_mentor_sees_each_adepts(group) -> None:
    adam_pair = Pair.objects.get(group=group, adept__person__full_name="Adam Adept")
    bea_pair = Pair.objects.get(group=group, adept__person__full_name="Bea Adept")
    GoalFactory(pair=adam_pair, title="Delegera mer")
    GoalFactory(pair=bea_pair, title="Leda möten kortare")
    url = reverse("pairs:group_detail", kwargs={"pk": group.pk})
    adam_page = _client(_member(group, "Adam Adept")).get(url).content.decode()
    assert "Delegera mer" in adam_page and "Leda möten kortare" not in adam_page
    mentor_page = _client(_member(group, "mentor")).get(url).content.decode()
    assert "Delegera mer" in mentor_page and "Leda möten kortare" in mentor_page


def _plan(client: Client, group: MentorGroup):
    day = timezone.localdate() + datetime.timedelta(days=10)
    return client.post(
        reverse("pairs:group_meeting_plan", kwargs={"pk": group.pk}),
        {
            "day": day.isoformat(),
            "time": "09:00",
            "minutes": "120",
            "mode": "in_person",
            "place": "Stadshuset, sal 3",
            "questions": "Vilket samtal skjuter du upp?",
        },
    )


def test_the_mentor_plans_a_group_meeting_and_every_adept_is_told(group) -> None:
    assert _plan(_client(_member(group, "mentor")), group).status_code == 302
    meeting = GroupMeeting.objects.get(group=group)
    told = set(
        Delivery.objects.filter(kind=GROUP_MEETING_CHANGE).values_list(
            "recipient__full_name", flat=True
        )
    )
    assert told == {"Adam Adept", "Bea Adept"}
    # In every member's calendar feed.
    for name in ("mentor", "Adam Adept", "Bea Adept"):
        assert feed_group_meetings(_member(group, name)) == [meeting]


def test_an_adept_cannot_plan_the_groups_meetings(group) -> None:
    response = _plan(_client(_member(group, "Adam Adept")), group)
    assert response.status_code == 200
    assert "Bara gruppens mentor kan göra det." in response.content.decode()
    assert not GroupMeeting.objects.exists()


def test_the_group_meeting_mail_links_the_group_page_with_a_calendar_file(
    group, outbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _plan(_client(_member(group, "mentor")), group)
    assert len(outbox) == 2
    message = outbox[0]
    assert reverse("pairs:group_detail", kwargs={"pk": group.pk}) in message.body
    assert any(part.get_content_type() == "text/calendar" for part in message.message().walk())


def test_logged_notes_are_read_by_the_group(group) -> None:
    mentor = _member(group, "mentor")
    meeting = group_services.group_meeting_plan(
        group=group,
        actor=mentor,
        starts_at=timezone.now() + datetime.timedelta(days=1),
        minutes=60,
        mode="in_person",
        place="Biblioteket",
    )
    GroupMeeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    meeting.refresh_from_db()
    group_services.group_meeting_log(
        meeting=meeting, actor=mentor, held=True, held_minutes=60, notes="Vi övade svåra samtal."
    )
    page = _client(_member(group, "Bea Adept")).get(
        reverse("pairs:group_detail", kwargs={"pk": group.pk})
    )
    assert "Vi övade svåra samtal." in page.content.decode()


def test_the_mentor_records_a_group_meeting_already_held_and_the_group_reads_its_notes(
    group,
) -> None:
    url = reverse("pairs:group_meeting_record", kwargs={"pk": group.pk})
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    form = {
        "day": yesterday.isoformat(),
        "time": "13:00",
        "minutes": "110",
        "mode": "in_person",
        "place": "Stadshuset",
        "notes": "Vi pratade om ledarplattformen.",
    }
    # Only the mentor records the group's meetings.
    _client(_member(group, "Adam Adept")).post(url, form)
    assert not GroupMeeting.objects.filter(group=group).exists()

    mentor = _client(_member(group, "mentor"))
    assert (
        url in mentor.get(reverse("pairs:group_detail", kwargs={"pk": group.pk})).content.decode()
    )
    response = mentor.post(url, form)
    assert response.status_code == 302
    meeting = GroupMeeting.objects.get(group=group)
    assert (meeting.status, meeting.held_minutes, meeting.place) == ("held", 110, "Stadshuset")
    page = _client(_member(group, "Bea Adept")).get(
        reverse("pairs:group_detail", kwargs={"pk": group.pk})
    )
    assert "Vi pratade om ledarplattformen." in page.content.decode()


def test_a_group_meeting_recorded_as_held_cannot_lie_ahead(group) -> None:
    with pytest.raises(ValidationError) as error:
        group_services.group_meeting_record(
            group=group,
            actor=_member(group, "mentor"),
            starts_at=timezone.now() + datetime.timedelta(days=1),
            held_minutes=60,
            mode="in_person",
            place="Biblioteket",
        )
    assert "day" in error.value.message_dict
    assert not GroupMeeting.objects.filter(group=group).exists()


def test_a_reflection_is_private_until_its_author_shares_it_with_the_group(group) -> None:
    adam, bea = _member(group, "Adam Adept"), _member(group, "Bea Adept")
    reflection = group_services.group_reflection_create(
        group=group, actor=adam, text="Jag vågade säga emot."
    )
    url = reverse("pairs:group_detail", kwargs={"pk": group.pk})
    for reader in (bea, _member(group, "mentor")):
        assert "Jag vågade säga emot." not in _client(reader).get(url).content.decode()
    share = reverse("pairs:group_reflection_share", kwargs={"pk": reflection.pk})
    # Only the author may share it.
    assert _client(bea).post(share, {"shared": "1"}).status_code == 404
    _client(adam).post(share, {"shared": "1"})
    assert "Jag vågade säga emot." in _client(bea).get(url).content.decode()


def test_the_register_extract_has_own_group_reflections_and_not_others_texts(group) -> None:
    adam, bea = _member(group, "Adam Adept"), _member(group, "Bea Adept")
    GroupReflection.objects.create(group=group, author=adam, text="Adams egna")
    GroupReflection.objects.create(group=group, author=bea, text="Beas delade", shared=True)
    body = _client(adam).get(reverse("privacy:my_data_json")).content.decode()
    assert "Adams egna" in body and "Beas delade" not in body
    models = {section["model"] for section in json.loads(body)["sections"] if section["rows"]}
    assert {"pairs.mentorgroup", "pairs.groupreflection"} <= models


def test_the_pair_list_leads_a_group_member_to_the_group(group) -> None:
    response = _client(_member(group, "Adam Adept")).get(reverse("pairs:pair_list"))
    assert response["Location"] == reverse("pairs:group_detail", kwargs={"pk": group.pk})


def test_a_group_cohorts_mentor_is_not_asked_how_many_adepts(world) -> None:
    asked = application_profile(world.programme, Role.MENTOR, cohort_format=CohortFormat.GROUPS)
    assert not asked.asks("mentor_capacity")
    assert application_profile(world.programme, Role.MENTOR).asks("mentor_capacity")


def test_a_programme_of_sessions_takes_no_mentor_applications(world) -> None:
    cohort = CohortFactory(
        programme=world.programme,
        name="Ledarskapsprogrammet",
        format=CohortFormat.SESSIONS,
        applications_open_on=timezone.localdate() - datetime.timedelta(days=1),
        applications_close_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    with pytest.raises(ValidationError, match="utan mentorer"):
        validate_can_enrol(person=world.outsider, cohort=cohort, role=Role.MENTOR)
    validate_can_enrol(person=world.outsider, cohort=cohort, role=Role.ADEPT)


def test_the_coordinator_sees_each_group_in_figures_and_never_its_notes(world, group) -> None:
    mentor = _member(group, "mentor")
    meeting = group_services.group_meeting_plan(
        group=group,
        actor=mentor,
        starts_at=timezone.now() + datetime.timedelta(days=1),
        minutes=60,
        mode="in_person",
        place="Biblioteket",
    )
    GroupMeeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    meeting.refresh_from_db()
    group_services.group_meeting_log(
        meeting=meeting, actor=mentor, held=True, held_minutes=60, notes="Hemligt samtal"
    )
    url = reverse("pairs:cohort_health", kwargs={"pk": group.cohort_id})
    page = _client(world.coordinator).get(url).content.decode()
    assert "Greta Gruppmentor" in page and "Adam Adept" in page and "Bea Adept" in page
    assert "1 av 7" in page
    assert "Hemligt samtal" not in page

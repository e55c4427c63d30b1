"""The leader profile's journey mails: the invitation on opening, late admissions, the reminder."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from matching.models import CohortMatching, MatchRun, ProfileAnswer
from matching.services import profile_mails
from matching.tasks import sweep
from notifications.models import Delivery
from programmes.models import EnrolmentStatus, Role
from tests.factories import EnrolmentFactory, UserFactory
from tests.world import World

from .factories import Profiled

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(profiled: Profiled) -> Profiled:
    """The profiled cohort before its profiles open; Bo Adept and Nils Mentor have not answered,
    and an applicant not yet admitted is in it too."""
    CohortMatching.objects.filter(cohort=profiled.cohort).update(profiles_opened_at=None)
    ProfileAnswer.objects.filter(enrolment__in=[profiled.adepts[1], profiled.mentors[1]]).delete()
    EnrolmentFactory(cohort=profiled.cohort, status=EnrolmentStatus.APPLIED, role=Role.ADEPT)
    return profiled


def _open(client_for, cohort, capture) -> str:  # type: ignore[no-untyped-def]
    """Opens the profiles through the page; returns the page the coordinator comes back to."""
    with capture(execute=True):
        response = client_for("coordinator").post(
            reverse("matching:profiles_open", kwargs={"pk": cohort.pk}), follow=True
        )
    assert response.redirect_chain
    return response.content.decode()


def test_opening_the_profiles_invites_each_admitted_participant_who_has_not_answered(
    world: World, closed: Profiled, client_for, outbox, django_capture_on_commit_callbacks
) -> None:
    page = _open(client_for, closed.cohort, django_capture_on_commit_callbacks)
    assert "får en inbjudan med e-post" in page
    unfinished = {closed.adepts[1], closed.mentors[1]}
    assert sorted(m.to[0] for m in outbox) == sorted(e.person.email for e in unfinished)
    for message in outbox:
        enrolment = next(e for e in unfinished if e.person.email == message.to[0])
        link = f"{settings.SITE_URL}/matching/profile/{enrolment.pk}/"
        assert world.programme.name in message.subject
        assert "profil" in message.subject.lower()
        assert link in message.body
        html = message.alternatives[0][0]
        assert f'href="{link}"' in html and world.programme.name in html


def test_the_invitation_is_in_the_recipients_language(
    world: World, closed: Profiled, client_for, outbox, django_capture_on_commit_callbacks
) -> None:
    english = closed.adepts[1].person
    english.preferred_language = "en"
    english.save(update_fields=["preferred_language"])
    _open(client_for, closed.cohort, django_capture_on_commit_callbacks)
    subjects = {m.to[0]: m.subject for m in outbox}
    assert subjects[english.email] == f"{world.programme.name}: fill in your leader profile"
    swedish = subjects[closed.mentors[1].person.email]
    assert swedish == f"{world.programme.name}: fyll i din ledarprofil"


def test_the_sweep_after_the_opening_sends_nothing_twice(
    world: World, closed: Profiled, client_for, outbox, django_capture_on_commit_callbacks
) -> None:
    _open(client_for, closed.cohort, django_capture_on_commit_callbacks)
    assert len(outbox) == 2
    sweep()
    sweep()
    assert len(outbox) == 2


def test_a_participant_admitted_after_the_opening_is_invited_by_the_sweep(
    world: World, closed: Profiled, client_for, outbox, django_capture_on_commit_callbacks
) -> None:
    _open(client_for, closed.cohort, django_capture_on_commit_callbacks)
    outbox.clear()
    late = EnrolmentFactory(cohort=closed.cohort, person=UserFactory(), role=Role.MENTOR)
    sweep()
    sweep()
    assert [m.to for m in outbox] == [[late.person.email]]
    assert f"/matching/profile/{late.pk}/" in outbox[0].body


def test_a_week_after_the_invitation_those_still_unfinished_are_reminded_once(
    world: World, closed: Profiled, client_for, outbox, django_capture_on_commit_callbacks
) -> None:
    _open(client_for, closed.cohort, django_capture_on_commit_callbacks)
    # Bo Adept answers after the invitation; Nils Mentor does not.
    for enrolment in closed.adepts[:1]:
        for answer in ProfileAnswer.objects.filter(enrolment=enrolment):
            answer.pk = None
            answer.enrolment = closed.adepts[1]
            answer.save()
    outbox.clear()
    sweep()
    assert outbox == []  # not a week yet
    week_later = timezone.now() + profile_mails.PROFILE_REMINDER_AFTER + datetime.timedelta(hours=1)
    assert profile_mails.profile_mails_queue(now=week_later) == 1
    assert profile_mails.profile_mails_queue(now=week_later) == 0
    sweep()
    assert [m.to for m in outbox] == [[closed.mentors[1].person.email]]
    link = f"/matching/profile/{closed.mentors[1].pk}/"
    assert link in outbox[0].body and world.programme.name in outbox[0].subject


def test_no_reminder_once_the_cohort_is_matched(
    world: World, closed: Profiled, client_for, outbox, django_capture_on_commit_callbacks
) -> None:
    _open(client_for, closed.cohort, django_capture_on_commit_callbacks)
    MatchRun.objects.create(cohort=closed.cohort, number=1, published_at=timezone.now())
    week_later = timezone.now() + profile_mails.PROFILE_REMINDER_AFTER + datetime.timedelta(hours=1)
    assert profile_mails.profile_mails_queue(now=week_later) == 0


def test_switched_off_the_opening_and_the_sweep_queue_nothing(
    world: World, closed: Profiled, client_for, outbox, django_capture_on_commit_callbacks
) -> None:
    world.programme.mails_profile_invitation = False
    world.programme.save(update_fields=["mails_profile_invitation"])
    page = _open(client_for, closed.cohort, django_capture_on_commit_callbacks)
    assert "inbjudan" not in page
    week_later = timezone.now() + profile_mails.PROFILE_REMINDER_AFTER + datetime.timedelta(hours=1)
    assert profile_mails.profile_mails_queue(now=week_later) == 0
    sweep()
    assert outbox == []
    assert not Delivery.objects.filter(
        kind__in=[profile_mails.INVITATION_KIND, profile_mails.REMINDER_KIND]
    ).exists()
    assert CohortMatching.objects.get(cohort=closed.cohort).profiles_opened_at is not None

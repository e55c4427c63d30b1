"""The mid-year check-in: halfway through the cohort each pair is asked again whether it works,
each group member how the group is going; once, and not when the programme switched it off."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from notifications.models import Delivery
from pairs.models import MentorGroup, Pair
from pairs.services import check_in
from pairs.services.pairs import pair_create
from pairs.services.sweep import sweep_run
from programmes.models import Cohort, CohortFormat, MailTemplate, Role
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory
from tests.world import World

pytestmark = pytest.mark.django_db


def _at(cohort: Cohort, days_after_mid_year: int = 1) -> datetime.datetime:
    day = check_in.mid_year(cohort) + datetime.timedelta(days=days_after_mid_year)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def _check_ins(outbox: list) -> list:
    """The check-in mails among the sweep's (by mid-year, quiet pairs are nudged too)."""
    return [m for m in outbox if "halvvägs" in m.subject or "halfway" in m.subject]


def _pair_members(world: World) -> set[str]:
    return {p.email for p in (world.adept, world.mentor, world.other_adept, world.other_mentor)}


def test_at_mid_year_both_members_of_each_pair_are_asked_once_whether_it_works(
    world: World, outbox
) -> None:
    result = sweep_run(now=_at(world.cohort))
    assert result.mid_year_check_ins == 4
    assert {m.to[0] for m in _check_ins(outbox)} == _pair_members(world)
    message = next(m for m in _check_ins(outbox) if m.to == [world.adept.email])
    fit = f"{settings.SITE_URL}{reverse('pairs:fit_answer', kwargs={'pk': world.pair.pk})}"
    page = f"{settings.SITE_URL}{reverse('pairs:pair_detail', kwargs={'pk': world.pair.pk})}"
    assert message.subject == f"{world.programme.name}: halvvägs genom året, hur går det?"
    assert fit in message.body and page in message.body
    assert world.mentor.full_name in message.body
    html = message.alternatives[0][0]
    assert f'href="{fit}"' in html and world.programme.name in html
    assert sweep_run(now=_at(world.cohort, 2)).mid_year_check_ins == 0
    assert len(_check_ins(outbox)) == 4


def test_the_check_in_is_in_the_recipients_language(world: World, outbox) -> None:
    world.mentor.preferred_language = "en"
    world.mentor.save(update_fields=["preferred_language"])
    sweep_run(now=_at(world.cohort))
    message = next(m for m in _check_ins(outbox) if m.to == [world.mentor.email])
    assert message.subject == f"{world.programme.name}: halfway through the year, how is it going?"
    assert "Does your pair work?" in message.body


def test_nobody_is_asked_before_mid_year_or_long_after(world: World, outbox) -> None:
    assert sweep_run(now=_at(world.cohort, -1)).mid_year_check_ins == 0
    late = check_in.CHECK_IN_WINDOW.days + 1
    assert sweep_run(now=_at(world.cohort, late)).mid_year_check_ins == 0
    assert _check_ins(outbox) == []


def test_a_dissolved_pair_and_one_formed_after_mid_year_are_not_asked(world: World, outbox) -> None:
    Pair.objects.filter(pk=world.other_pair.pk).update(dissolved_at=timezone.now())
    Pair.objects.filter(pk=world.pair.pk).update(created_at=_at(world.cohort))
    assert sweep_run(now=_at(world.cohort, 2)).mid_year_check_ins == 0
    assert _check_ins(outbox) == []


def test_switched_off_no_check_in_is_queued(world: World, outbox) -> None:
    world.programme.mails_mid_year_check_in = False
    world.programme.save(update_fields=["mails_mid_year_check_in"])
    sweep_run(now=_at(world.cohort))
    assert _check_ins(outbox) == []
    assert not Delivery.objects.filter(kind__in=check_in.KINDS).exists()


def test_in_group_mentoring_each_member_gets_the_groups_page_once(world: World, outbox) -> None:
    cohort = CohortFactory(programme=world.programme, format=CohortFormat.GROUPS, group_size=3)
    mentor = EnrolmentFactory(cohort=cohort, role=Role.MENTOR, person=UserFactory())
    adepts = [EnrolmentFactory(cohort=cohort, role=Role.ADEPT) for _ in range(2)]
    for adept in adepts:
        pair_create(mentor=mentor, adept=adept, actor=None)
    group = MentorGroup.objects.get(mentor=mentor)
    # The world's pairs cohort is at another point of its year.
    Cohort.objects.filter(pk=world.cohort.pk).update(
        starts_on=timezone.localdate() - datetime.timedelta(days=10)
    )
    sweep_run(now=_at(cohort))
    sweep_run(now=_at(cohort, 3))
    members = {mentor.person.email, *(a.person.email for a in adepts)}
    assert sorted(m.to[0] for m in _check_ins(outbox)) == sorted(members)
    page = f"{settings.SITE_URL}{reverse('pairs:group_detail', kwargs={'pk': group.pk})}"
    for message in _check_ins(outbox):
        assert page in message.body and world.programme.name in message.subject
        assert f'href="{page}"' in message.alternatives[0][0]
        assert "/fit/" not in message.body


def test_the_programmes_own_text_of_the_check_in_is_used(world: World, outbox) -> None:
    MailTemplate.objects.create(
        programme=world.programme,
        key="mid_year_check_in",
        language="sv",
        subject="Halvtid i {programme}",
        body="Hur går det med {partner}? Svara här: {link}",
    )
    sweep_run(now=_at(world.cohort))
    message = next(m for m in outbox if m.to == [world.adept.email] and "Halvtid" in m.subject)
    assert message.subject == f"Halvtid i {world.programme.name}"
    fit = f"{settings.SITE_URL}{reverse('pairs:fit_answer', kwargs={'pk': world.pair.pk})}"
    assert f"Hur går det med {world.mentor.full_name}? Svara här: {fit}" in message.body

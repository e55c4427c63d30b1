"""The pair's year: its pages belong to the pair's two members; health and evaluation to the
programme's coordinators; the calendar feed to whoever holds its secret address."""

from __future__ import annotations

import datetime

from django.utils import timezone

from pairs.models import (
    Goal,
    GroupMeeting,
    GroupReflection,
    Homework,
    Meeting,
    MentorGroup,
    Pair,
    Question,
    Questionnaire,
    Reflection,
)
from pairs.services.calendar_feed import calendar_feed_get
from tests.world import World

from .table import NOT_FOUND, OK, REDIRECT, Row, expect, only

MEMBERS = ("adept", "mentor")
POSTED = 302


def _pair(world: World) -> dict[str, int]:
    return {"pk": world.pair.pk}


def _meeting(world: World) -> dict[str, int]:
    meeting = Meeting.objects.create(
        pair=world.pair,
        starts_at=timezone.now() + datetime.timedelta(days=5),
        minutes=60,
        mode="in_person",
        place="Enköping",
    )
    return {"pk": meeting.pk}


def _mentor_group(world: World) -> MentorGroup:
    """The world's pair as a group of one: its mentor leads, its adept belongs."""
    group, _created = MentorGroup.objects.get_or_create(
        cohort=world.cohort, mentor=world.mentor_enrolment
    )
    Pair.objects.filter(pk=world.pair.pk).update(group=group)
    return group


def _group(world: World) -> dict[str, int]:
    return {"pk": _mentor_group(world).pk}


def _group_meeting(world: World) -> dict[str, int]:
    meeting = GroupMeeting.objects.create(
        group=_mentor_group(world),
        starts_at=timezone.now() + datetime.timedelta(days=5),
        minutes=120,
        mode="in_person",
        place="Enköping",
    )
    return {"pk": meeting.pk}


def _group_reflection(world: World) -> dict[str, int]:
    reflection = GroupReflection.objects.create(
        group=_mentor_group(world), author=world.adept, text="Tankar i gruppen"
    )
    return {"pk": reflection.pk}


def _goal(world: World) -> dict[str, int]:
    return {"pk": Goal.objects.create(pair=world.pair, title="Delegera mer").pk}


def _homework(world: World) -> dict[str, int]:
    homework = Homework.objects.create(
        pair=world.pair, title="Läs", due_on=timezone.localdate() + datetime.timedelta(days=3)
    )
    return {"pk": homework.pk}


def _reflection(world: World) -> dict[str, int]:
    reflection = Reflection.objects.create(pair=world.pair, author=world.adept, text="Tankar")
    return {"pk": reflection.pk}


def _questionnaire(world: World) -> Questionnaire:
    questionnaire, _created = Questionnaire.objects.get_or_create(cohort=world.cohort)
    return questionnaire


def _survey(world: World) -> dict[str, int]:
    return {"pk": _questionnaire(world).pk}


def _question(world: World) -> dict[str, int]:
    question = Question.objects.create(
        questionnaire=_questionnaire(world), audience="adept", kind="scale", text="Nöjd?"
    )
    return {"pk": question.pk}


def _cohort(world: World) -> dict[str, int]:
    return {"pk": world.cohort.pk}


def _feed(world: World) -> dict[str, str]:
    return {"token": calendar_feed_get(person=world.adept).token}


members = only(*MEMBERS)
members_post = only(*MEMBERS, status=POSTED)
coordinator_only = only("coordinator")

ROWS = [
    Row(
        "pairs:pair_list",
        expect(OK, adept=REDIRECT, mentor=REDIRECT, other_mentor=REDIRECT),
        why="Every signed-in person sees their own pairs; one pair goes straight to its page.",
    ),
    Row(
        "pairs:pair_detail",
        members,
        kwargs=_pair,
        why="The pair's two members only: coordinators and administrators included get 404.",
    ),
    Row("pairs:pair_meetings", members, kwargs=_pair, why="Like the pair page."),
    Row("pairs:pair_goals", members, kwargs=_pair, why="Like the pair page."),
    Row(
        "pairs:pair_reflections",
        members,
        kwargs=_pair,
        why="Like the pair page; each member sees their own and what the partner shared.",
    ),
    Row("pairs:agreement_edit", members, kwargs=_pair),
    Row("pairs:agreement_confirm", members_post, kwargs=_pair, method="post"),
    Row("pairs:fit_answer", members, kwargs=_pair),
    Row("pairs:goal_create", members, kwargs=_pair),
    Row("pairs:homework_create", members, kwargs=_pair),
    Row("pairs:reflection_create", members, kwargs=_pair),
    Row("pairs:meeting_plan", members, kwargs=_pair),
    Row("pairs:meeting_record", members, kwargs=_pair),
    Row("pairs:meeting_edit", members, kwargs=_meeting),
    Row("pairs:meeting_log", members, kwargs=_meeting),
    Row("pairs:meeting_prepare", members, kwargs=_meeting),
    Row("pairs:meeting_ics", members, kwargs=_meeting),
    Row("pairs:goal_rate", members, kwargs=_goal),
    Row(
        "pairs:homework_tick",
        members_post,
        kwargs=_homework,
        method="post",
        why="The mentor is refused by the service (only the adept ticks) and sent back.",
    ),
    Row(
        "pairs:reflection_share",
        only("adept", status=POSTED),
        kwargs=_reflection,
        method="post",
        data=lambda world: {"shared": "0"},
        why="Only the author: to everyone else, the partner included, the reflection is a 404.",
    ),
    Row(
        "pairs:group_detail",
        members,
        kwargs=_group,
        why="The group's mentor and adepts only: coordinators and administrators get 404.",
    ),
    Row(
        "pairs:group_rename",
        members_post,
        kwargs=_group,
        method="post",
        data=lambda world: {"name": "Gruppen"},
        why="The service lets only the mentor rename; an adept is sent back with the reason.",
    ),
    Row("pairs:group_meeting_plan", members, kwargs=_group),
    Row("pairs:group_meeting_record", members, kwargs=_group),
    Row("pairs:group_reflection_create", members, kwargs=_group),
    Row("pairs:group_meeting_edit", members, kwargs=_group_meeting),
    Row("pairs:group_meeting_log", members, kwargs=_group_meeting),
    Row("pairs:group_meeting_ics", members, kwargs=_group_meeting),
    Row(
        "pairs:group_reflection_share",
        only("adept", status=POSTED),
        kwargs=_group_reflection,
        method="post",
        data=lambda world: {"shared": "1"},
        why="Only the author: to the rest of the group the reflection is a 404.",
    ),
    Row("pairs:calendar", expect(OK)),
    Row("pairs:calendar_renew", expect(POSTED), method="post"),
    Row(
        "pairs:calendar_feed",
        expect(OK, anonymous=OK),
        kwargs=_feed,
        why="Calendar apps fetch the feed without signing in; the secret token is the key.",
    ),
    Row(
        "pairs:cohort_health",
        coordinator_only,
        kwargs=_cohort,
        why="The programme's coordinators only, not administrators; figures, no notes.",
    ),
    Row(
        "pairs:cohort_health_bulk",
        only("coordinator", status=POSTED),
        kwargs=_cohort,
        method="post",
        why="Nothing chosen: back to the list with a message.",
    ),
    Row("pairs:questionnaire_edit", coordinator_only, kwargs=_cohort),
    Row("pairs:evaluation_results", coordinator_only, kwargs=_cohort),
    Row(
        "pairs:question_remove",
        only("coordinator", status=POSTED),
        kwargs=_question,
        method="post",
    ),
    Row("pairs:survey_list", coordinator_only, kwargs=_cohort),
    Row(
        "pairs:pulse_create",
        only("coordinator", status=POSTED),
        kwargs=_cohort,
        method="post",
    ),
    Row("pairs:survey_edit", coordinator_only, kwargs=_survey),
    Row(
        "pairs:survey_preview",
        coordinator_only,
        kwargs=lambda world: {**_survey(world), "role": "mentor"},
        why="The survey as a participant sees it, for those who build it.",
    ),
    Row("pairs:survey_results", coordinator_only, kwargs=_survey),
    Row(
        "pairs:survey_results_csv",
        coordinator_only,
        kwargs=_survey,
        why="Aggregated answers, for those who run the programme.",
    ),
    Row(
        "pairs:survey_test_send",
        only("coordinator", status=POSTED),
        kwargs=_survey,
        method="post",
    ),
    Row(
        "pairs:survey_send_now",
        only("coordinator", status=POSTED),
        kwargs=_survey,
        method="post",
    ),
    Row(
        "pairs:question_move",
        only("coordinator", status=POSTED),
        kwargs=_question,
        method="post",
    ),
    Row(
        "pairs:evaluation_answer",
        only("adept", "mentor", "other_mentor"),
        kwargs=lambda world: {"pk": _questionnaire(world).pk},
        why="The cohort's admitted participants.",
    ),
]

__all__ = ["NOT_FOUND", "ROWS"]

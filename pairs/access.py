"""Who may see a pair: its two members. Coordinators see pairs only as figures."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from programmes.access import AnyUser, cohorts_run_by, get_or_404
from programmes.models import Enrolment, EnrolmentStatus

from .models import (
    FitAnswer,
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
from .surveys import not_closed

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def pairs_for_user(user: AnyUser) -> QuerySet[Pair]:
    """The pairs the user is a member of; nobody else opens a pair's space."""
    if not user.is_authenticated:
        return Pair.objects.none()
    own = Enrolment.objects.filter(person=user).values("pk")
    return Pair.objects.filter(Q(mentor__in=own) | Q(adept__in=own))


def groups_for_user(user: AnyUser) -> QuerySet[MentorGroup]:
    """The mentor groups the user leads or is an adept of (through an active pair)."""
    if not user.is_authenticated:
        return MentorGroup.objects.none()
    led = Q(mentor__person=user)
    member = Q(pk__in=Pair.objects.active().filter(adept__person=user).values("group_id"))
    return MentorGroup.objects.filter(led | member)


def group_for_user(user: AnyUser, pk: int) -> MentorGroup:
    return get_or_404(
        groups_for_user(user).select_related("cohort__programme", "mentor__person"), pk
    )


def group_meeting_for_user(user: AnyUser, pk: int) -> GroupMeeting:
    return get_or_404(
        GroupMeeting.objects.filter(group__in=groups_for_user(user)).select_related(
            "group__cohort__programme", "group__mentor__person"
        ),
        pk,
    )


def group_reflection_for_author(user: AnyUser, pk: int) -> GroupReflection:
    """Only the author opens a group reflection to change it; to others it does not exist."""
    if not user.is_authenticated:
        raise Http404
    return get_or_404(GroupReflection.objects.filter(author=user), pk)


class PairPageFacts(TypedDict):
    """What :func:`pair_for_user` adds to the pair for its page."""

    user_answered_fit: bool
    survey_may_be_open: bool


def pair_for_user(user: User, pk: int) -> WithAnnotations[Pair, PairPageFacts]:
    """The pair with its cohort, agreement, both members' people and municipalities,
    ``user_answered_fit`` (whether the user has said if the pair works) and
    ``survey_may_be_open`` (whether the cohort has a survey not yet closed, so that the
    page looks for the user's open surveys only then).

    The members come in the same query, so the pair page digests what it shows of them
    into its cache key (``selectors.pair_page``) from rows it reads anyway.
    """
    return get_or_404(
        pairs_for_user(user)
        .select_related(
            "cohort__programme",
            "agreement",
            "mentor__person",
            "mentor__municipality",
            "adept__person",
            "adept__municipality",
        )
        .annotate(
            user_answered_fit=Exists(FitAnswer.objects.filter(pair=OuterRef("pk"), person=user)),
            survey_may_be_open=Exists(
                Questionnaire.objects.filter(
                    not_closed(timezone.localdate()), cohort=OuterRef("cohort_id")
                )
            ),
        ),
        pk,
    )


def meetings_for_user(user: AnyUser) -> QuerySet[Meeting]:
    return Meeting.objects.filter(pair__in=pairs_for_user(user))


def meeting_for_user(user: AnyUser, pk: int) -> Meeting:
    return get_or_404(
        meetings_for_user(user).select_related(
            "pair__cohort__programme", "pair__mentor__person", "pair__adept__person"
        ),
        pk,
    )


def goal_for_user(user: AnyUser, pk: int) -> Goal:
    return get_or_404(
        Goal.objects.filter(pair__in=pairs_for_user(user)).select_related(
            "pair__mentor__person", "pair__adept__person"
        ),
        pk,
    )


def homework_for_user(user: AnyUser, pk: int) -> Homework:
    return get_or_404(
        Homework.objects.filter(pair__in=pairs_for_user(user)).select_related(
            "pair__mentor__person", "pair__adept__person"
        ),
        pk,
    )


def reflection_for_author(user: AnyUser, pk: int) -> Reflection:
    """Only the author may open a reflection to change it; to anyone else it does not exist."""
    if not user.is_authenticated:
        raise Http404
    return get_or_404(Reflection.objects.filter(author=user).select_related("pair"), pk)


def questionnaire_for_participant(user: AnyUser, pk: int) -> Questionnaire:
    """The evaluation of a cohort the user is admitted to."""
    if not user.is_authenticated:
        raise Http404
    return get_or_404(
        Questionnaire.objects.filter(
            cohort__enrolments__person=user, cohort__enrolments__status=EnrolmentStatus.ADMITTED
        )
        .distinct()
        .select_related("cohort"),
        pk,
    )


def surveys_run_by(user: AnyUser) -> QuerySet[Questionnaire]:
    """Surveys of the cohorts the user coordinates: only they build them and read results."""
    return Questionnaire.objects.filter(cohort__in=cohorts_run_by(user))


def survey_run_by(user: AnyUser, pk: int) -> Questionnaire:
    return get_or_404(surveys_run_by(user).select_related("cohort__programme"), pk)


def survey_question_run_by(user: AnyUser, pk: int) -> Question:
    return get_or_404(
        Question.objects.filter(questionnaire__in=surveys_run_by(user)).select_related(
            "questionnaire"
        ),
        pk,
    )

"""The start page's to-dos of the pairs (programmes.todo): for those who run the programme,
pairs that need attention, pairs that say they do not work and a low evaluation response;
for the members, what their own pair waits for."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from common.queries import count_of
from programmes.access import Roles, cohorts_run_by
from programmes.models import Cohort, CohortFormat, Enrolment, EnrolmentStatus
from programmes.todo import Priority, Todo, cohort_name, running_cohorts, todos_by_cohort

from . import schedule
from .models import Audience, FitAnswer, Meeting, MeetingStatus, Pair, PairNudge, Question
from .models import Questionnaire as Evaluation
from .models import Response as EvaluationResponse
from .surveys import open_surveys_for

# An evaluation a week old that fewer than half have answered is worth a reminder by hand.
LOW_RESPONSE_SHARE = 0.5
LOW_RESPONSE_AFTER = datetime.timedelta(weeks=1)


def todos(user: User, roles: Roles) -> Iterable[Todo]:
    # The pairs' figures are for those who run the programme, not administrators as such.
    if roles.coordinator:
        cohorts = running_cohorts(cohorts_run_by(user))
        yield from _attention_todos(cohorts)
        yield from _evaluation_todos(cohorts)
    if roles.in_pairs:
        yield from _member_todos(user)
    if roles.participant:
        yield from _open_survey_todos(user)


def _attention_todos(cohorts: QuerySet[Cohort]) -> list[Todo]:
    """Pairs nudged as often as the cohort health calls "needs attention" since they last
    met (as ``selectors.cohort_health``), and pairs where someone said it does not work."""
    pairs = Pair.objects.active().filter(cohort__in=cohorts, cohort__format=CohortFormat.PAIRS)
    # A nudge counts until a meeting is held after it.
    met_since = Meeting.objects.filter(
        pair=OuterRef("pair_id"), status=MeetingStatus.HELD, starts_at__gte=OuterRef("sent_at")
    )
    unanswered = PairNudge.objects.filter(pair=OuterRef("pk")).exclude(Exists(met_since))
    attention = pairs.alias(unanswered_nudges=count_of(unanswered)).filter(
        unanswered_nudges__gte=schedule.nudges_before_attention()
    )
    does_not_work = pairs.filter(Exists(FitAnswer.objects.filter(pair=OuterRef("pk"), works=False)))
    return [
        *todos_by_cohort(
            attention,
            label=_("Pairs that need attention"),
            url_name="pairs:cohort_health",
            query={"attention": 1},
            priority=Priority.URGENT,
        ),
        *todos_by_cohort(
            does_not_work,
            label=_("Pairs that say it does not work"),
            url_name="pairs:cohort_health",
            query={"fit": "no"},
            priority=Priority.URGENT,
        ),
    ]


def _evaluation_todos(cohorts: QuerySet[Cohort]) -> Iterable[Todo]:
    """Evaluations sent a week ago or more that fewer than half of those asked have answered."""
    asked = Enrolment.objects.filter(
        cohort_id=OuterRef("cohort_id"),
        status=EnrolmentStatus.ADMITTED,
    ).filter(
        Exists(
            Question.objects.filter(
                Q(audience=OuterRef("role")) | Q(audience=Audience.BOTH),
                questionnaire=OuterRef(OuterRef("pk")),
            )
        )
    )
    evaluations = (
        Evaluation.objects.filter(cohort__in=cohorts)
        .select_related("cohort__programme")
        .annotate(
            asked=count_of(asked),
            answered=count_of(EvaluationResponse.objects.filter(questionnaire=OuterRef("pk"))),
        )
        .order_by("cohort__programme__name", "cohort__starts_on")
    )
    today = timezone.localdate()
    for evaluation in evaluations:
        opens_on = evaluation.opens_on
        if opens_on is None or today < opens_on + LOW_RESPONSE_AFTER or not evaluation.asked:
            continue
        if evaluation.answered >= LOW_RESPONSE_SHARE * evaluation.asked:
            continue
        cohort = evaluation.cohort
        answered = ngettext(
            "%(answered)s of %(asked)s has answered",
            "%(answered)s of %(asked)s have answered",
            evaluation.answered,
        ) % {"answered": evaluation.answered, "asked": evaluation.asked}
        yield Todo(
            label=(
                _("Have not answered the evaluation")
                if evaluation.is_evaluation
                else _("Have not answered the survey: %(name)s") % {"name": evaluation.name}
            ),
            count=evaluation.asked - evaluation.answered,
            url=(
                reverse("pairs:evaluation_results", args=[cohort.pk])
                if evaluation.is_evaluation
                else reverse("pairs:survey_results", args=[evaluation.pk])
            ),
            priority=Priority.NOTE,
            detail=f"{cohort_name(cohort.programme.name, cohort.name)} · {answered}",
        )


def _member_todos(user: User) -> Iterable[Todo]:
    """What the person's own pairs wait for from them: the agreement, the meetings held but
    not logged, and whether the pair works once they have met."""
    now = timezone.now()
    meetings = Meeting.objects.filter(pair=OuterRef("pk"))
    rows = (
        Pair.objects.active()
        .filter(Q(adept__person=user) | Q(mentor__person=user))
        .filter(cohort__in=running_cohorts(), cohort__format=CohortFormat.PAIRS)
        .annotate(
            unlogged=count_of(meetings.filter(status=MeetingStatus.PLANNED, starts_at__lt=now)),
            held=count_of(meetings.filter(status=MeetingStatus.HELD)),
            fit_answered=Exists(FitAnswer.objects.filter(pair=OuterRef("pk"), person=user)),
        )
        .values(
            "pk",
            "cohort__name",
            "cohort__programme__name",
            "mentor__person_id",
            "agreement",
            "agreement__mentor_confirmed_at",
            "agreement__adept_confirmed_at",
            "unlogged",
            "held",
            "fit_answered",
        )
        .order_by("-cohort__starts_on")
    )
    for row in rows:
        page = reverse("pairs:pair_detail", args=[row["pk"]])
        detail = cohort_name(row["cohort__programme__name"], row["cohort__name"])
        role = "mentor" if row["mentor__person_id"] == user.pk else "adept"
        if row["agreement"] is not None and row[f"agreement__{role}_confirmed_at"] is None:
            yield Todo(
                label=_("Confirm your mentor agreement"),
                count=1,
                url=f"{page}#agreement",
                detail=detail,
            )
        if row["unlogged"]:
            yield Todo(
                label=_("Meetings to log"),
                count=row["unlogged"],
                url=f"{page}#meetings",
                detail=detail,
            )
        if row["held"] and not row["fit_answered"]:
            yield Todo(
                label=_("Tell us whether your pair works"),
                count=1,
                url=reverse("pairs:fit_answer", args=[row["pk"]]),
                detail=detail,
            )


def _open_survey_todos(user: User) -> Iterable[Todo]:
    """Each open survey of the person's cohorts that they have not answered yet."""
    for survey in open_surveys_for(user):
        yield Todo(
            label=_("Answer the survey: %(name)s") % {"name": survey.name},
            count=1,
            url=reverse("pairs:evaluation_answer", args=[survey.pk]),
            priority=Priority.DECIDE,
            detail=_("%(cohort)s · open until %(day)s")
            % {
                "cohort": cohort_name(survey.cohort.programme.name, survey.cohort.name),
                "day": date_format(survey.closes_on, "j F"),
            },
        )

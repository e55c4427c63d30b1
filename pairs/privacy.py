"""What the pair's space holds about a person, and how its records are emptied in time.

Reflections belong to their author: the author's extract has the text; a partner
to whom a reflection was shared gets only that it exists and when, since the text
is the author's and the partner can read it in the pair's space anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from privacy.models import RecordKind
from privacy.registry import ExtractSection, Holding, RetentionHandler, extract_holdings
from privacy.selectors import past_enrolments
from programmes.models import Enrolment

from .models import (
    Agreement,
    Answer,
    CalendarFeed,
    FitAnswer,
    Goal,
    GoalRating,
    GroupMeeting,
    GroupReflection,
    Homework,
    Meeting,
    MentorGroup,
    Pair,
    Preparation,
    Reflection,
    Response,
)
from .revisions import pairs_changed


def _pairs_of(person: User) -> QuerySet[Pair]:
    return Pair.objects.filter(Q(mentor__person=person) | Q(adept__person=person))


def _groups_of(person: User) -> QuerySet[MentorGroup]:
    return MentorGroup.objects.filter(
        Q(mentor__person=person) | Q(pk__in=_pairs_of(person).values("group_id"))
    )


def _in_own_pairs(
    model: type[models.Model], lookup: str = "pair"
) -> Callable[[User], QuerySet[Any]]:
    return lambda person: model._default_manager.filter(**{f"{lookup}__in": _pairs_of(person)})


HOLDINGS: list[Holding] = [
    Holding(
        "pairs.pair",
        _pairs_of,
        _("Your mentor pairs: who you were matched with and when."),
    ),
    Holding(
        "pairs.fitanswer",
        lambda person: FitAnswer.objects.filter(person=person),
        _("Your answer after the first meeting to whether the pair works."),
    ),
    Holding(
        "pairs.agreement",
        _in_own_pairs(Agreement),
        _("The mentor agreement you and your partner confirmed."),
    ),
    Holding(
        "pairs.calendarfeed",
        lambda person: CalendarFeed.objects.filter(person=person),
        _("Your private calendar address (the address itself is a secret and not shown)."),
        fields=("renewed_at",),
    ),
    Holding(
        "pairs.meeting",
        _in_own_pairs(Meeting),
        _("Your pair's meetings with the shared notes both of you read."),
    ),
    Holding(
        "pairs.preparation",
        lambda person: Preparation.objects.filter(person=person),
        _("What you wrote to prepare for meetings."),
    ),
    Holding(
        "pairs.goal",
        _in_own_pairs(Goal),
        _("The goals of your pair."),
    ),
    Holding(
        "pairs.goalrating",
        _in_own_pairs(GoalRating, "goal__pair"),
        _("How far towards each goal, over time."),
    ),
    Holding(
        "pairs.homework",
        _in_own_pairs(Homework),
        _("Homework in your pair."),
    ),
    Holding(
        "pairs.reflection",
        lambda person: Reflection.objects.filter(author=person),
        _("Reflections you wrote, private or shared."),
    ),
    Holding(
        "pairs.reflection",
        lambda person: Reflection.objects.filter(pair__in=_pairs_of(person), shared=True).exclude(
            author=person
        ),
        _(
            "Reflections your partner shared with you: only that they exist and when; the text "
            "is your partner's and is in their extract."
        ),
        fields=("pair", "created_at"),
        title=_("Reflections shared with you"),
    ),
    Holding(
        "pairs.mentorgroup",
        _groups_of,
        _("The mentor groups you led or belonged to."),
    ),
    Holding(
        "pairs.groupmeeting",
        lambda person: GroupMeeting.objects.filter(group__in=_groups_of(person)),
        _("Your group's meetings with the shared notes everyone in the group reads."),
    ),
    Holding(
        "pairs.groupreflection",
        lambda person: GroupReflection.objects.filter(author=person),
        _("Reflections you wrote in your mentor group, private or shared."),
    ),
    Holding(
        "pairs.groupreflection",
        lambda person: GroupReflection.objects.filter(
            group__in=_groups_of(person), shared=True
        ).exclude(author=person),
        _(
            "Reflections others shared with your group: only that they exist and when; the "
            "text is their author's and is in their extract."
        ),
        fields=("group", "created_at"),
        title=_("Reflections shared with your group"),
    ),
    Holding(
        "pairs.response",
        lambda person: Response.objects.filter(person=person),
        _(
            "That you answered a survey (the end-of-year evaluation or a pulse survey). "
            "What you answered is stored without any link to you, so it cannot be included."
        ),
    ),
]


def extract(person: User) -> list[ExtractSection]:
    return extract_holdings(HOLDINGS, person)


def _reflections_empty(enrolments: QuerySet[Enrolment]) -> int:
    """A reflection follows its author's own enrolment in the pair."""
    past = enrolments.values("pk")
    authored_by_past_member = Q(pair__mentor__in=past, author=F("pair__mentor__person")) | Q(
        pair__adept__in=past, author=F("pair__adept__person")
    )
    reflections = Reflection.objects.filter(authored_by_past_member).exclude(text="")
    pairs_changed(Pair.objects.filter(pk__in=reflections.values("pair_id")))
    count = reflections.update(text="")
    led_by_past = Q(group__mentor__in=past, author=F("group__mentor__person"))
    adepts_past = Pair.objects.filter(adept__in=past)
    in_group_past = Q(
        group__in=adepts_past.values("group_id"),
        author__in=adepts_past.values("adept__person"),
    )
    return count + (
        GroupReflection.objects.filter(led_by_past | in_group_past).exclude(text="").update(text="")
    )


def _pairs_past(enrolments: QuerySet[Enrolment], kind: str) -> QuerySet[Pair]:
    """Pairs of these enrolments whose both members' periods have passed."""
    past_everywhere = past_enrolments(kind=kind).values("pk")
    past = enrolments.values("pk")
    return Pair.objects.filter(Q(mentor__in=past) | Q(adept__in=past)).filter(
        mentor__in=past_everywhere, adept__in=past_everywhere
    )


def _notes_empty(enrolments: QuerySet[Enrolment]) -> int:
    pairs = _pairs_past(enrolments, RecordKind.NOTES).values("pk")
    pairs_changed(Pair.objects.filter(pk__in=pairs))
    count = (
        Meeting.objects.filter(pair__in=pairs)
        .exclude(notes="", questions="")
        .update(notes="", questions="")
    )
    count += Preparation.objects.filter(meeting__pair__in=pairs).exclude(text="").update(text="")
    count += (
        Agreement.objects.filter(pair__in=pairs)
        .exclude(adept_wishes="", confidentiality="", meeting_place="")
        .update(adept_wishes="", confidentiality="", meeting_place="")
    )
    count += FitAnswer.objects.filter(pair__in=pairs).exclude(comment="").update(comment="")
    count += _group_notes_empty(enrolments)
    count += Goal.objects.filter(pair__in=pairs).exclude(title="").update(title="")
    count += Homework.objects.filter(pair__in=pairs).exclude(title="").update(title="")
    return count


def _group_notes_empty(enrolments: QuerySet[Enrolment]) -> int:
    """A group's shared notes go once its mentor's and every adept's periods have passed."""
    past_everywhere = past_enrolments(kind=RecordKind.NOTES).values("pk")
    touched = MentorGroup.objects.filter(
        Q(mentor__in=enrolments.values("pk"))
        | Q(pk__in=Pair.objects.filter(adept__in=enrolments.values("pk")).values("group_id"))
    )
    still_kept = Pair.objects.exclude(adept__in=past_everywhere).values("group_id")
    groups = touched.filter(mentor__in=past_everywhere).exclude(pk__in=still_kept)
    return (
        GroupMeeting.objects.filter(group__in=groups)
        .exclude(notes="", questions="")
        .update(notes="", questions="")
    )


def _answers_empty(enrolments: QuerySet[Enrolment]) -> int:
    """Free-text answers go when the whole cohort is past; answers on the scale stay."""
    still_kept = Enrolment.objects.exclude(
        pk__in=past_enrolments(kind=RecordKind.EVALUATION_ANSWERS).values("pk")
    ).values("cohort_id")
    cohorts = enrolments.exclude(cohort_id__in=still_kept).values("cohort_id")
    return (
        Answer.objects.filter(question__questionnaire__cohort_id__in=cohorts)
        .exclude(text="")
        .update(text="")
    )


RETENTION: list[RetentionHandler] = [
    RetentionHandler(
        RecordKind.REFLECTIONS,
        _reflections_empty,
        _("The text of reflections is emptied; that a reflection was written remains."),
    ),
    RetentionHandler(
        RecordKind.NOTES,
        _notes_empty,
        _(
            "Shared meeting notes, preparations, the agreement's text, goal and homework titles "
            "and comments on the pair's fit are emptied once both members' periods have passed; "
            "meetings, goals and ratings remain as figures."
        ),
    ),
    RetentionHandler(
        RecordKind.EVALUATION_ANSWERS,
        _answers_empty,
        _("Free-text answers are emptied once the whole cohort is past; scale answers remain."),
    ),
]


def anonymise_person(person: User) -> None:
    CalendarFeed.objects.filter(person=person).delete()

"""Goals with their check-ins, homework, and reflections."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from ..models import RATING_MAX, RATING_MIN, Goal, GoalRating, Homework, Meeting, Pair, Reflection
from ..revisions import pair_changed
from .meetings import _ensure_member


def _ensure_adept(pair: Pair, actor: User) -> None:
    _ensure_member(pair, actor)
    if actor.pk != pair.adept.person_id:
        raise ValidationError(_("Only the adept can do that."))


@transaction.atomic
def goal_create(*, pair: Pair, actor: User, title: str) -> Goal:
    _ensure_adept(pair, actor)
    if not title.strip():
        raise ValidationError({"title": _("Describe the goal.")})
    goal = Goal.objects.create(pair=pair, title=title.strip())
    pair_changed(pair.pk)
    return goal


@transaction.atomic
def goal_rate(
    *, goal: Goal, actor: User, rating: int, rated_on: datetime.date | None = None
) -> GoalRating:
    _ensure_adept(goal.pair, actor)
    if rating is None or not RATING_MIN <= rating <= RATING_MAX:
        raise ValidationError({"rating": _("A rating is a whole number from 1 to 10.")})
    rated_on = rated_on or timezone.localdate()
    if rated_on > timezone.localdate():
        raise ValidationError({"rated_on": _("A check-in cannot be in the future.")})
    rating_given = GoalRating.objects.create(goal=goal, rating=rating, rated_on=rated_on)
    pair_changed(goal.pair_id)
    return rating_given


@transaction.atomic
def homework_create(*, pair: Pair, actor: User, title: str, due_on: datetime.date) -> Homework:
    _ensure_member(pair, actor)
    if not title.strip():
        raise ValidationError({"title": _("Describe the task.")})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The due date cannot be in the past.")})
    homework = Homework.objects.create(pair=pair, title=title.strip(), due_on=due_on)
    pair_changed(pair.pk)
    return homework


@transaction.atomic
def homework_tick(*, homework: Homework, actor: User, done: bool = True) -> Homework:
    _ensure_adept(homework.pair, actor)
    homework.done_at = timezone.now() if done else None
    homework.save(update_fields=["done_at"])
    pair_changed(homework.pair_id)
    return homework


@transaction.atomic
def reflection_create(
    *, pair: Pair, actor: User, text: str, shared: bool = False, meeting: Meeting | None = None
) -> Reflection:
    _ensure_member(pair, actor)
    if not text.strip():
        raise ValidationError({"text": _("Write your reflection.")})
    if meeting is not None and meeting.pair_id != pair.pk:
        raise ValidationError({"meeting": _("Choose one of your own meetings.")})
    reflection = Reflection.objects.create(
        pair=pair, author=actor, text=text, shared=shared, meeting=meeting
    )
    pair_changed(pair.pk)
    return reflection


@transaction.atomic
def reflection_share(*, reflection: Reflection, actor: User, shared: bool) -> Reflection:
    if reflection.author_id != actor.pk:
        raise ValidationError(_("Only the author can share a reflection."))
    reflection.shared = shared
    reflection.save(update_fields=["shared"])
    pair_changed(reflection.pair_id)
    return reflection

"""A pair's revision: a counter that every change to what its page shows moves on.

The pair page keeps its reads (both members, meetings with preparations, goals with
ratings, homework and the reflections the reader may see) in the cache under the
pair's revision and the reader (``selectors.pair_page``). A change bumps the
revision in the same transaction, so the next page reads afresh and no page is
ever older than the data. Saves and deletes bump it through the signals below;
the few bulk updates (retention) call :func:`pairs_changed` themselves.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, Model, Q, QuerySet
from django.db.models.signals import post_delete, post_save

from accounts.models import User
from programmes.models import Enrolment, Municipality

from .models import (
    Agreement,
    FitAnswer,
    Goal,
    GoalRating,
    Homework,
    Meeting,
    Pair,
    Preparation,
    Reflection,
)


def pairs_changed(pairs: QuerySet[Pair]) -> None:
    """Moves these pairs' revisions on, so their pages read afresh."""
    pairs.update(revision=F("revision") + 1)


# What each kind of object changes: the pairs it shows on, as a filter on Pair.
_PAIRS_OF = {
    Meeting: lambda o: Q(pk=o.pair_id),
    Goal: lambda o: Q(pk=o.pair_id),
    Homework: lambda o: Q(pk=o.pair_id),
    Reflection: lambda o: Q(pk=o.pair_id),
    Agreement: lambda o: Q(pk=o.pair_id),
    FitAnswer: lambda o: Q(pk=o.pair_id),
    Preparation: lambda o: Q(meetings=o.meeting_id),
    GoalRating: lambda o: Q(goals=o.goal_id),
    Enrolment: lambda o: Q(mentor=o.pk) | Q(adept=o.pk),
    User: lambda o: Q(mentor__person=o.pk) | Q(adept__person=o.pk),
    Municipality: lambda o: Q(mentor__municipality=o.pk) | Q(adept__municipality=o.pk),
}


def _changed(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # loading fixtures
    pairs_changed(Pair.objects.filter(_PAIRS_OF[sender](instance)))


def connect() -> None:
    for model in _PAIRS_OF:
        uid = f"pairs.revisions.{model.__name__}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ".delete")

"""What matching holds about a person: the leader profile, rankings, proposals and exclusions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from privacy.models import RecordKind
from privacy.registry import ExtractSection, Holding, RetentionHandler, extract_holdings
from programmes.models import Enrolment

from .models import Exclusion, MatchRun, PairLock, ProfileAnswer, Proposal, ShortlistRank


def _as_mentor_or_adept(model: type[models.Model]) -> Callable[[User], QuerySet[Any]]:
    return lambda person: model._default_manager.filter(
        Q(mentor__person=person) | Q(adept__person=person)
    )


HOLDINGS: list[Holding] = [
    Holding(
        "matching.profileanswer",
        lambda person: ProfileAnswer.objects.filter(enrolment__person=person),
        _("Your leader profile, used to match you with a mentor or adept."),
    ),
    Holding(
        "matching.shortlistrank",
        lambda person: ShortlistRank.objects.filter(adept__person=person),
        _("How you ranked the mentors on your shortlist."),
    ),
    Holding(
        "matching.proposal",
        _as_mentor_or_adept(Proposal),
        _("The matching proposals that included you, with their score."),
        fields=("run", "adept", "mentor", "score", "locked", "manual"),
    ),
    Holding(
        "matching.exclusion",
        lambda person: Exclusion.objects.filter(
            Q(mentor__person=person) | Q(adept__person=person) | Q(declared_by=person)
        ),
        _("Pairs the coordinator must not form, for example because of a conflict of interest."),
    ),
    Holding(
        "matching.pairlock",
        lambda person: PairLock.objects.filter(
            Q(mentor__person=person) | Q(adept__person=person) | Q(created_by=person)
        ),
        _("Pairs a coordinator fixed before the matching ran."),
    ),
    Holding(
        "matching.matchrun",
        lambda person: MatchRun.objects.filter(Q(created_by=person) | Q(published_by=person)),
        _("Matching runs you started or published."),
        fields=("cohort", "number", "created_at", "published_at"),
    ),
]


def extract(person: User) -> list[ExtractSection]:
    return extract_holdings(HOLDINGS, person)


def _profile_text_empty(enrolments: QuerySet[Enrolment]) -> int:
    """Free text of the leader profile goes with the application; scale answers remain."""
    return (
        ProfileAnswer.objects.filter(enrolment__in=enrolments.values("pk"))
        .exclude(text="")
        .update(text="")
    )


RETENTION: list[RetentionHandler] = [
    RetentionHandler(
        RecordKind.APPLICATIONS,
        _profile_text_empty,
        _("The free text of leader profiles is emptied; answers on a scale remain."),
    ),
]

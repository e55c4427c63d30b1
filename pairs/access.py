"""Who may see a pair: its two members. Coordinators see pairs only as figures."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from programmes.access import AnyUser, get_or_404

from .models import Pair


def pairs_for_user(user: AnyUser) -> QuerySet[Pair]:
    """The pairs the user is a member of; nobody else opens a pair's space."""
    if not user.is_authenticated:
        return Pair.objects.none()
    return Pair.objects.filter(Q(mentor__person=user) | Q(adept__person=user))


def pair_for_user(user: AnyUser, pk: int) -> Pair:
    return get_or_404(
        pairs_for_user(user).select_related(
            "cohort__programme",
            "mentor__person",
            "mentor__municipality",
            "adept__person",
            "adept__municipality",
        ),
        pk,
    )

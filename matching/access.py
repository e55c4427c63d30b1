"""Who may see matching: the coordinators of the cohort's programme and administrators.

Participants reach only their own leader profile. Everything else raises Http404.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from pairs.models import Pair
from programmes import access
from programmes.access import AnyUser, get_or_404
from programmes.models import Enrolment, EnrolmentStatus, Role

from .models import Dimension, Exclusion, ExclusionSource, MatchRun, PairLock, Question


def run_for_coordinator(user: AnyUser, pk: int) -> MatchRun:
    return get_or_404(
        MatchRun.objects.filter(cohort__in=access.cohorts_for_coordinator(user)).select_related(
            "cohort__programme"
        ),
        pk,
    )


def run_enrolment_ids(run: MatchRun, role: str) -> set[int]:
    """The adepts or mentors the run matched from, as its inputs recorded them."""
    if role == Role.ADEPT:
        return {int(pk) for pk in run.inputs.get("adepts", [])}
    return {int(pk) for pk in run.mentor_capacity}


def run_enrolment(run: MatchRun, pk: int, role: str) -> Enrolment:
    """An adept or mentor of the run; anyone the run did not match from raises Http404."""
    if pk not in run_enrolment_ids(run, role):
        raise Http404
    return get_or_404(
        Enrolment.objects.admitted()
        .filter(cohort_id=run.cohort_id, role=role)
        .select_related("person", "municipality", "cohort"),
        pk,
    )


def exclusion_for_coordinator(user: AnyUser, pk: int) -> Exclusion:
    return get_or_404(Exclusion.objects.filter(cohort__in=access.cohorts_for_coordinator(user)), pk)


def lock_for_coordinator(user: AnyUser, pk: int) -> PairLock:
    return get_or_404(PairLock.objects.filter(cohort__in=access.cohorts_for_coordinator(user)), pk)


def pair_for_coordinator(user: AnyUser, pk: int) -> Pair:
    """Only for dissolving a pair that does not work; the pair's space stays its members'."""
    return get_or_404(
        Pair.objects.filter(cohort__in=access.cohorts_for_coordinator(user)).select_related(
            "cohort", "adept__person", "mentor__person"
        ),
        pk,
    )


def dimension_for_coordinator(user: AnyUser, pk: int) -> Dimension:
    return get_or_404(
        Dimension.objects.filter(
            questionnaire__programme__in=access.programmes_for_coordinator(user)
        ).select_related("questionnaire__programme"),
        pk,
    )


def question_for_coordinator(user: AnyUser, pk: int) -> Question:
    return get_or_404(
        Question.objects.filter(
            questionnaire__programme__in=access.programmes_for_coordinator(user)
        ).select_related("questionnaire__programme"),
        pk,
    )


def own_profile_enrolment(user: AnyUser, pk: int) -> Enrolment:
    """The person's own admitted enrolment; nobody fills in another's profile."""
    if not user.is_authenticated:
        raise Http404
    return get_or_404(
        Enrolment.objects.filter(person=user, status=EnrolmentStatus.ADMITTED).select_related(
            "cohort__programme", "person"
        ),
        pk,
    )


def own_declared_conflict(user: AnyUser, pk: int) -> Exclusion:
    """A conflict the participant declared themselves; nobody else's, not even the coordinator's."""
    if not user.is_authenticated:
        raise Http404
    return get_or_404(
        Exclusion.objects.filter(source=ExclusionSource.PARTICIPANT, declared_by=user).filter(
            Q(mentor__person=user) | Q(adept__person=user)
        ),
        pk,
    )

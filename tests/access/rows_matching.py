"""Matching: the coordinators of the programme and administrators; own leader profile."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from matching.models import (
    CohortMatching,
    Dimension,
    Exclusion,
    MatchRun,
    PairLock,
    Proposal,
    Question,
    QuestionKind,
    Questionnaire,
)
from pairs.models import FitAnswer
from tests.world import World

from .table import NOT_FOUND, OK, REDIRECT, STAFF, Row, expect, only

# A POST that works answers with a redirect back to the page.
POSTED = only(*STAFF, status=REDIRECT)
# Deleting rows: the coordinator (tried first) deletes, so the administrator then finds nothing.
DELETED = expect(NOT_FOUND, coordinator=REDIRECT)


def _cached(world: World, key: str, make: Any) -> Any:
    if key not in world.extra:
        world.extra[key] = make()
    return world.extra[key]


def _run(world: World) -> MatchRun:
    def make() -> MatchRun:
        mentors = [world.mentor_enrolment, world.other_mentor_enrolment]
        run = MatchRun.objects.create(
            cohort=world.cohort,
            number=1,
            total_score=70,
            inputs={"adepts": [world.adept_enrolment.pk]},
            mentor_capacity={str(m.pk): 1 for m in mentors},
        )
        Proposal.objects.create(
            run=run,
            adept=world.adept_enrolment,
            mentor=world.mentor_enrolment,
            score=70,
            explanation={"points": {}, "max_points": {}},
        )
        MatchRun.objects.create(cohort=world.cohort, number=2, total_score=60)
        return run

    return _cached(world, "run", make)


def _questionnaire(world: World) -> Questionnaire:
    def make() -> Questionnaire:
        questionnaire = Questionnaire.objects.create(programme=world.programme)
        dimension = Dimension.objects.create(questionnaire=questionnaire, name="Struktur")
        Question.objects.create(
            questionnaire=questionnaire,
            kind=QuestionKind.SCALE,
            text="Jag planerar",
            dimension=dimension,
        )
        CohortMatching.objects.create(cohort=world.cohort, profiles_opened_at=timezone.now())
        return questionnaire

    return _cached(world, "questionnaire", make)


def _question(world: World) -> Question:
    return _questionnaire(world).questions.first()


def _lock(world: World) -> PairLock:
    return PairLock.objects.create(
        cohort=world.cohort, adept=world.adept_enrolment, mentor=world.other_mentor_enrolment
    )


def _exclusion(world: World) -> Exclusion:
    return Exclusion.objects.create(
        cohort=world.cohort,
        adept=world.adept_enrolment,
        mentor=world.other_mentor_enrolment,
        reason="relative",
    )


def _not_working_pair(world: World) -> dict[str, int]:
    FitAnswer.objects.create(pair=world.other_pair, person=world.other_mentor, works=False)
    return {"pk": world.other_pair.pk}


def _cohort(world: World) -> dict[str, int]:
    return {"pk": world.cohort.pk}


def _programme(world: World) -> dict[str, int]:
    return {"pk": world.programme.pk}


ROWS = [
    Row("matching:cohort", only(*STAFF), kwargs=_cohort),
    Row("matching:settings", only(*STAFF), kwargs=_cohort),
    Row(
        "matching:run_create",
        POSTED,
        kwargs=_cohort,
        method="post",
        why="Every adept of the world's cohort has a pair: the run is refused with a message.",
    ),
    Row("matching:exclusion_create", only(*STAFF), kwargs=_cohort),
    Row("matching:profile_status", only(*STAFF), kwargs=_cohort),
    Row("matching:profiles_open", POSTED, kwargs=_cohort, method="post"),
    Row("matching:profiles_remind", POSTED, kwargs=_cohort, method="post"),
    Row(
        "matching:exclusion_delete",
        DELETED,
        kwargs=lambda w: {"pk": _exclusion(w).pk},
        method="post",
    ),
    Row("matching:lock_delete", DELETED, kwargs=lambda w: {"pk": _lock(w).pk}, method="post"),
    Row(
        "matching:pair_dissolve",
        POSTED,
        kwargs=_not_working_pair,
        method="post",
        why="The second attempt is told the pair is already dissolved.",
    ),
    Row("matching:run", only(*STAFF), kwargs=lambda w: {"pk": _run(w).pk}),
    Row(
        "matching:run_compare",
        only(*STAFF),
        kwargs=lambda w: {"pk": _run(w).pk},
        data=lambda w: {"other": w.cohort.match_runs.get(number=2).pk},
    ),
    Row(
        "matching:run_publish",
        POSTED,
        kwargs=lambda w: {"pk": _run(w).pk},
        method="post",
        why="Run 1 is not the latest: refused with a message, nothing created.",
    ),
    Row(
        "matching:proposal_lock",
        POSTED,
        kwargs=lambda w: {"pk": _run(w).pk, "proposal_pk": _run(w).proposals.get().pk},
        method="post",
    ),
    Row(
        "matching:proposal_forbid",
        POSTED,
        kwargs=lambda w: {"pk": _run(w).pk, "proposal_pk": _run(w).proposals.get().pk},
        method="post",
    ),
    Row(
        "matching:candidates",
        only(*STAFF),
        kwargs=lambda w: {"pk": _run(w).pk, "adept_pk": w.adept_enrolment.pk},
    ),
    Row(
        "matching:pair_set",
        only(*STAFF),
        kwargs=lambda w: {
            "pk": _run(w).pk,
            "adept_pk": w.adept_enrolment.pk,
            "mentor_pk": w.other_mentor_enrolment.pk,
        },
    ),
    Row("matching:questionnaire", only(*STAFF), kwargs=_programme),
    Row("matching:dimension_create", only(*STAFF), kwargs=_programme),
    Row(
        "matching:dimension_edit",
        only(*STAFF),
        kwargs=lambda w: {
            "pk": w.programme.pk,
            "dimension_pk": _questionnaire(w).dimensions.get().pk,
        },
    ),
    Row("matching:question_create", only(*STAFF), kwargs=_programme),
    Row(
        "matching:question_edit",
        only(*STAFF),
        kwargs=lambda w: {"pk": w.programme.pk, "question_pk": _question(w).pk},
    ),
    Row(
        "matching:question_delete",
        POSTED,
        kwargs=lambda w: {"pk": _question(w).pk},
        method="post",
        why="The profiles are open: the removal is refused with a message.",
    ),
    Row("matching:travel_times", only(*STAFF), kwargs=_programme),
    Row(
        "matching:profile",
        only("adept"),
        kwargs=lambda w: {"pk": w.adept_enrolment.pk},
        why="Only the participant fills in their own leader profile.",
    ),
    Row(
        "matching:profile_answer",
        only("adept"),
        kwargs=lambda w: {"pk": w.adept_enrolment.pk, "question_pk": _question(w).pk},
        method="post",
        data=lambda w: {f"q{_question(w).pk}": "4"},
    ),
]

__all__ = ["OK", "ROWS"]

ROWS.append(
    Row(
        "matching:shortlist",
        only("adept"),
        kwargs=lambda w: {"pk": w.adept_enrolment.pk},
        why="Only the adept ranks mentors, on their own enrolment.",
    )
)


def _declared_conflict(world: World) -> dict[str, int]:
    """A conflict the adept declared about the mentor; only the adept may withdraw it."""
    exclusion = Exclusion.objects.create(
        cohort=world.cohort,
        adept=world.adept_enrolment,
        mentor=world.mentor_enrolment,
        reason="colleague",
        source="participant",
        declared_by=world.adept,
    )
    return {"pk": exclusion.pk}


ROWS += [
    Row(
        "matching:conflicts",
        only("adept"),
        kwargs=lambda w: {"pk": w.adept_enrolment.pk},
        why="Only the participant declares conflicts, on their own enrolment.",
    ),
    Row(
        "matching:conflicts",
        only("mentor"),
        kwargs=lambda w: {"pk": w.mentor_enrolment.pk},
        why="A mentor declares on their own enrolment; nobody else sees the page.",
    ),
    Row(
        "matching:conflict_withdraw",
        only("adept", status=REDIRECT),
        kwargs=_declared_conflict,
        method="post",
        why="Only the declaring participant withdraws; coordinators allow pairs on their page.",
    ),
]

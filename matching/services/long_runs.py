"""A large cohort's run in a Celery task, its stage saved on the run for the page to poll.

A run of more than ``MATCHING_TASK_FROM_ADEPTS`` adepts (a setting, 2,000 by default) is
saved at once as waiting to start and computed by ``matching.match_run_compute`` after
commit; without a broker (the embedded default) the task runs right then in the request,
as every task of the project does. The stage is written outside any transaction, so that
the polling page sees each step; the proposals are saved in one transaction at the end, so
a failed run has none, only its error. The proposals follow the cohort's objective only;
the other objective's figures (what each costs the other) are solved from the same scores
and added to the done run afterwards, so that the proposals do not wait for them.
"""

from __future__ import annotations

import functools
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from notifications.queueing import enqueue_now
from programmes.models import Cohort

from .. import selectors, solver
from ..models import MatchRun, RunStage
from . import runs
from .runs import Unfinished

logger = logging.getLogger(__name__)

# The task that computes a queued run (matching/tasks.py).
MATCH_RUN_COMPUTE_TASK = "matching.match_run_compute"


def match_run_request(*, cohort: Cohort, actor: User | None, unfinished: Unfinished) -> MatchRun:
    """A small cohort's run made at once; a large one's queued for a task, shown by stage.
    The audit log records the run when it is saved with its proposals (match_run_fill)."""
    if selectors.adepts_to_match_count(cohort) <= runs.task_from_adepts():
        return runs.match_run_create(cohort=cohort, actor=actor, unfinished=unfinished)
    with transaction.atomic():
        run = MatchRun.objects.create(
            cohort=cohort,
            number=runs.next_run_number(cohort),
            created_by=actor,
            inputs={"unfinished_profiles": unfinished},
            objective=selectors.cohort_matching(cohort).objective,
            stage=RunStage.QUEUED,
        )
        transaction.on_commit(functools.partial(_start, run.pk))
    return run


def _start(run_id: int) -> None:
    if not enqueue_now(MATCH_RUN_COMPUTE_TASK, run_id):
        _fail(
            run_id,
            _(
                "The run could not be started: the task queue does not answer. "
                "Try again in a while."
            ),
        )


def match_run_compute(*, run_id: int) -> MatchRun:
    """Scores, solves and proves a queued run, saving its stage on the way; the proposals
    are saved whole or, on any failure, not at all, with the reason on the run."""
    # Taken by one worker only: a redelivered task finds the run already started.
    claimed = MatchRun.objects.filter(pk=run_id, stage=RunStage.QUEUED).update(
        stage=RunStage.SCORING
    )
    run = MatchRun.objects.select_related("cohort__programme", "created_by").get(pk=run_id)
    if not claimed:
        return run
    unfinished: Unfinished = (
        "exclude" if run.inputs.get("unfinished_profiles") == "exclude" else "refuse"
    )
    language = run.created_by.preferred_language if run.created_by else settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            comp = runs.match_compute(
                cohort=run.cohort, unfinished=unfinished, on_stage=_stage_writer(run_id)
            )
            _set_stage(run_id, RunStage.SAVING)
            with transaction.atomic():
                runs.match_run_fill(run=run, computation=comp, unfinished=unfinished)
        except ValidationError as refusal:
            _fail(run_id, " ".join(refusal.messages))
        except Exception:
            logger.exception("Match run %s failed", run_id)
            _fail(
                run_id,
                _(
                    "The run stopped on an error and nothing was saved. Run the matching "
                    "again, and tell the administrator if it happens again."
                ),
            )
        else:
            _compare(run, comp)
    run.refresh_from_db()
    return run


def _compare(run: MatchRun, comp: runs.Computation) -> None:
    """The other objective's figures added to the done run; the run stands without them."""
    try:
        runs.match_run_compare(run=run, computation=comp)
    except Exception:
        logger.exception("Match run %s: the other objective's figures failed", run.pk)


def _set_stage(run_id: int, stage: str) -> None:
    MatchRun.objects.filter(pk=run_id).update(stage=stage)


def _stage_writer(run_id: int) -> solver.StageCallback:
    """Saves each new stage once (the certified solve moves between solving and proving)."""
    last = [RunStage.SCORING.value]

    def write(stage: str) -> None:
        if stage != last[0]:
            last[0] = stage
            _set_stage(run_id, stage)

    return write


def _fail(run_id: int, message: str) -> None:
    MatchRun.objects.filter(pk=run_id).update(stage=RunStage.FAILED, error=message)

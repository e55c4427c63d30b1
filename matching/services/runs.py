"""Running the matcher, reviewing its proposals and publishing them as pairs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from notifications.models import Delivery
from notifications.services import (
    DeliveryNotNeeded,
    Notification,
    deliveries_queue,
    delivery_sender,
)
from pairs.models import Pair
from pairs.services.pairs import pair_create
from programmes.models import Cohort, Enrolment
from programmes.services.mail_templates import programme_mail_send

from .. import bottleneck, explain, scoring, selectors, solver, warm_state
from ..models import MatchRun, Objective, PairLock, Proposal, RunStage
from ..pool import ScorePool

Unfinished = Literal["refuse", "exclude"]
# From this many adepts the sparse, certified solve is used.
LARGE_COHORT = 1000
PUBLISHED_KIND = "matching_pair_published"
# Proposals saved per INSERT.
PROPOSAL_BATCH = 2000


@dataclass
class Computation:
    """One solve of a cohort: the input arrays, the scores, the solution and the reasons."""

    inp: scoring.ScoringInput
    # int16 hundredths, solver.FORBIDDEN where a hard rule forbids the pair: the matrix, or
    # a national cohort's pool of each adept's best pairs (scoring.cohort_units).
    units: np.ndarray | ScorePool
    # The optimum of the cohort's objective, and the best-total one (the same for that one).
    solution: solver.Solution
    best_total: solver.Solution
    objective: str
    fixed: dict[int, tuple[int, bool]]  # adept position -> (mentor position, set by hand)
    candidates: selectors.Candidates
    # The locked pairs asked for: (adept, mentor, set by hand).
    wanted: list[tuple[Enrolment, Enrolment, bool]] = field(default_factory=list)
    excluded_unfinished: list[Enrolment] = field(default_factory=list)
    unmatched: list[dict[str, Any]] = field(default_factory=list)
    # Both objectives' optima, where the run compares them.
    optima: bottleneck.Optima | None = None

    @property
    def total(self) -> float:
        return self.solution.total_units / solver.UNITS_PER_POINT

    def figures(self) -> dict[str, dict[str, float | int | None]]:
        """Matched, total and lowest pair score (points) of each objective solved, by Objective."""
        solutions = {str(self.objective): self.solution, Objective.BEST_TOTAL: self.best_total}
        if self.optima is not None:
            solutions[Objective.NO_WEAK_PAIR] = self.optima.no_weak_pair
        figures = {}
        for objective, solution in solutions.items():
            found = bottleneck.Figures.of(solution, self.units)
            figures[str(objective)] = {
                "matched": found.matched,
                "total": found.total_units / solver.UNITS_PER_POINT,
                "lowest": None
                if found.lowest_units is None
                else found.lowest_units / solver.UNITS_PER_POINT,
            }
        return figures

    def score(self, adept: int, mentor: int) -> float:
        return int(self.units[adept, mentor]) / solver.UNITS_PER_POINT

    def solution_scores(self) -> list[float]:
        """The score of each pair of the solution, in its order (points)."""
        units = solver.pair_units(self.units, self.solution.pairs)
        return [u / solver.UNITS_PER_POINT for u in units.tolist()]


def _validate_weights(weights: dict[str, float]) -> None:
    if any(value < 0 for value in weights.values()):
        raise ValidationError(_("A weight cannot be negative."))
    if not any(value > 0 for value in weights.values()):
        raise ValidationError(_("At least one criterion must have a weight above zero."))


def unfinished_profiles(cohort: Cohort) -> list[Enrolment]:
    return selectors.unfinished_enrolments(cohort)


# Locked pairs asked for: (adept, mentor, set by hand).
Wanted = list[tuple[Enrolment, Enrolment, bool]]


def match_compute(
    *,
    cohort: Cohort,
    unfinished: Unfinished = "refuse",
    extra_lock: tuple[Enrolment, Enrolment] | None = None,
    compare: bool | None = None,
    objective: str | None = None,
    on_stage: solver.StageCallback | None = None,
    prepared: Prepared | None = None,
) -> Computation:
    """Scores and solves the cohort under every hard rule; raises ValidationError on bad input.

    The cohort's objective (or ``objective``) decides the proposals; with ``compare``, the
    other objective is solved too, for the figures. By default only a run small enough to
    be made at once compares: a large run's task saves the run first and adds the other
    objective's figures after (:func:`match_run_compare`). ``on_stage`` is told SCORING,
    SOLVING and PROVING."""
    if on_stage is not None:
        on_stage(RunStage.SCORING)
    inp, candidates, wanted, missing, cohort_objective = prepared or _prepared(cohort, unfinished)
    if compare is None:
        compare = inp.n_adepts <= task_from_adepts()
    return _solved(
        inp=inp,
        units=scoring.cohort_units(inp),
        candidates=candidates,
        wanted=_with_lock(wanted, extra_lock),
        excluded_unfinished=missing if unfinished == "exclude" else [],
        objective=objective or cohort_objective,
        compare=compare,
        on_stage=on_stage,
    )


def task_from_adepts() -> int:
    """Runs of more adepts than this go to a task (settings.MATCHING_TASK_FROM_ADEPTS)."""
    return int(settings.MATCHING_TASK_FROM_ADEPTS)


# The cohort's scoring input, candidates, locks, unfinished participants left out and
# objective, as _prepared reads them.
Prepared = tuple[scoring.ScoringInput, selectors.Candidates, Wanted, list[Enrolment], str]


def _prepared(cohort: Cohort, unfinished: Unfinished) -> Prepared:
    """The cohort's scoring input, candidates, locks, unfinished participants left out and
    objective."""
    config = selectors.cohort_matching(cohort)
    _validate_weights({c: float(config.weight(c)) for c in scoring.CRITERIA})
    candidates = selectors.cohort_candidates(cohort)
    if not candidates.mentors:
        raise ValidationError(_("The cohort has no admitted mentor with a free place."))
    if not candidates.adepts:
        raise ValidationError(_("The cohort has no admitted adept without a mentor."))
    locks = list(PairLock.objects.filter(cohort=cohort).select_related("adept", "mentor"))
    locked_ids = {lock.adept_id for lock in locks} | {lock.mentor_id for lock in locks}
    # Only those this run would match count; paired adepts and full mentors do not.
    in_run = {e.pk for e in candidates.adepts} | {e.pk for e in candidates.mentors}
    missing = [e for e in unfinished_profiles(cohort) if e.pk in in_run and e.pk not in locked_ids]
    missing_ids = {e.pk for e in missing}
    if missing and unfinished == "refuse":
        names = ", ".join(e.person.full_name for e in missing)
        raise ValidationError(
            _("These participants have not finished their leader profile: %(names)s.")
            % {"names": names},
            code="unfinished",
        )
    candidates.adepts = [a for a in candidates.adepts if a.pk not in missing_ids]
    candidates.mentors = [m for m in candidates.mentors if m.pk not in missing_ids]
    if not candidates.mentors:
        raise ValidationError(_("No mentor with a free place has finished the leader profile."))
    if not candidates.adepts:
        raise ValidationError(_("No adept without a mentor has finished the leader profile."))

    inp = selectors.scoring_input(cohort, candidates)
    wanted = [(lock.adept, lock.mentor, lock.manual) for lock in locks]
    return inp, candidates, wanted, missing, config.objective


def _with_lock(wanted: Wanted, extra: tuple[Enrolment, Enrolment] | None) -> Wanted:
    """The locks with ``extra`` set by hand in place of any lock of the same adept."""
    if extra is None:
        return wanted
    return [w for w in wanted if w[0].pk != extra[0].pk] + [(extra[0], extra[1], True)]


def _solved(
    *,
    inp: scoring.ScoringInput,
    units: np.ndarray | ScorePool,
    candidates: selectors.Candidates,
    wanted: Wanted,
    excluded_unfinished: list[Enrolment],
    objective: str = Objective.BEST_TOTAL,
    compare: bool = False,
    start: solver.Solution | None = None,
    warm: solver.Warm | None = None,
    on_stage: solver.StageCallback | None = None,
) -> Computation:
    """The cohort's scores solved with the ``wanted`` (adept, mentor, set by hand) pairs kept;
    ``start``, an earlier best-total solution of the same scores to start the certified
    solve from, and ``warm`` its optimum to re-solve from (a what-if); with ``compare``,
    both objectives are solved whichever is asked for."""
    fixed = _fixed_pairs(
        inp, candidates, wanted, lambda a, m: bool(units[a, m] == solver.FORBIDDEN)
    )
    kept = _kept(fixed)
    if on_stage is not None:
        on_stage(RunStage.SOLVING)
    if inp.n_adepts >= LARGE_COHORT:
        # Same optimum in far less memory for a national cohort (see solver.solve_certified);
        # locked pairs leave the problem, their mentors' places reduced.
        graph = start.graph if isinstance(start, solver.CertifiedSolution) else None
        best: solver.Solution = solver.solve_certified(
            units,
            None,
            inp.mentor_capacity,
            fixed=kept,
            start=graph,
            on_stage=on_stage,
            warm=warm,
        )
    else:
        matrix = units if isinstance(units, np.ndarray) else np.asarray(units[:])
        best = solver.solve(matrix, None, inp.mentor_capacity, kept)
    optima = None
    if compare or objective == Objective.NO_WEAK_PAIR:
        optima = bottleneck.solve_no_weak_pair(
            units, inp.mentor_capacity, kept, best=best, on_stage=on_stage
        )
    solution = optima.no_weak_pair if optima and objective == Objective.NO_WEAK_PAIR else best
    matched = solution.mentor_of()
    unmatched = []
    left = np.array([a for a in range(len(candidates.adepts)) if a not in matched], dtype=np.int64)
    # The hard rules read again for the adepts left without a mentor, a block at a time.
    step = scoring.chunk_rows(inp.n_mentors)
    for first in range(0, len(left), step):
        rows = left[first : first + step]
        for a, allowed_row in zip(rows.tolist(), scoring.allowed_rows(inp, rows), strict=True):
            adept = candidates.adepts[a]
            reason = explain.unmatched_reason(inp, allowed_row, a, adept.municipality.name)
            unmatched.append({"adept_id": adept.pk, **reason})
    return Computation(
        inp=inp,
        units=units,
        solution=solution,
        best_total=best,
        objective=objective,
        optima=optima,
        fixed=fixed,
        candidates=candidates,
        wanted=wanted,
        excluded_unfinished=excluded_unfinished,
        unmatched=unmatched,
    )


def _fixed_pairs(
    inp: scoring.ScoringInput,
    candidates: selectors.Candidates,
    wanted: Wanted,
    forbidden: Callable[[int, int], bool],
) -> dict[int, tuple[int, bool]]:
    """The wanted pairs by position (adept -> (mentor, set by hand)), each checked against
    the hard rules (``forbidden`` of adept and mentor positions) and the mentor's places."""
    adept_row = {int(pk): i for i, pk in enumerate(inp.adept_ids)}
    mentor_col = {int(pk): j for j, pk in enumerate(inp.mentor_ids)}
    fixed: dict[int, tuple[int, bool]] = {}
    for adept, mentor, manual in wanted:
        if adept.pk not in adept_row:
            continue  # the adept is already paired
        if mentor.pk not in mentor_col:
            raise ValidationError(
                _("%(mentor)s has no free place for the locked pair with %(adept)s.")
                % {"mentor": mentor.person.full_name, "adept": adept.person.full_name}
            )
        a, m = adept_row[adept.pk], mentor_col[mentor.pk]
        if forbidden(a, m):
            raise ValidationError(
                _("The pair %(mentor)s and %(adept)s breaks a hard rule: %(reason)s")
                % {
                    "mentor": mentor.person.full_name,
                    "adept": adept.person.full_name,
                    "reason": _pair_rule_broken(inp, a, m),
                }
            )
        fixed[a] = (m, manual)
    taken = np.bincount([m for m, _manual in fixed.values()], minlength=inp.n_mentors)
    over = np.flatnonzero(taken > inp.mentor_capacity)
    if len(over):
        mentor = candidates.mentors[int(over[0])]
        raise ValidationError(
            _("%(mentor)s has more locked adepts than places.")
            % {"mentor": mentor.person.full_name}
        )
    return fixed


def _kept(fixed: dict[int, tuple[int, bool]]) -> dict[int, int]:
    """The fixed pairs as the solver keeps them: adept position -> mentor position."""
    return {a: m for a, (m, _manual) in fixed.items()}


def _pair_rule_broken(inp: scoring.ScoringInput, a: int, m: int) -> str:
    if inp.adept_person[a] == inp.mentor_person[m]:
        return _("a person cannot be their own mentor.")
    if inp.require_other_municipality and inp.adept_municipality[a] == inp.mentor_municipality[m]:
        return _("the programme requires a mentor from another municipality.")
    if inp.mentor_years[m] - inp.adept_years[a] < inp.min_years_ahead:
        return _("the mentor is not enough years ahead as manager.")
    return _("the pair is excluded.")


def _inputs_snapshot(comp: Computation, cohort: Cohort, unfinished: Unfinished) -> dict[str, Any]:
    inp = comp.inp
    return {
        "weights": {c: inp.weights[c] for c in scoring.CRITERIA},
        "min_years_ahead": inp.min_years_ahead,
        "mentor_from_other_municipality": inp.require_other_municipality,
        "unfinished_profiles": unfinished,
        "excluded_unfinished": [e.pk for e in comp.excluded_unfinished],
        "adepts": [int(pk) for pk in inp.adept_ids],
        "mentor_capacity": {
            str(int(pk)): int(c) for pk, c in zip(inp.mentor_ids, inp.mentor_capacity, strict=True)
        },
        "exclusions": [
            [int(inp.adept_ids[a]), int(inp.mentor_ids[m])]
            for a, m in zip(inp.excluded_adepts, inp.excluded_mentors, strict=True)
        ],
        "locks": [
            [int(inp.adept_ids[a]), int(inp.mentor_ids[m]), manual]
            for a, (m, manual) in sorted(comp.fixed.items())
        ],
    }


def next_run_number(cohort: Cohort) -> int:
    return (cohort.match_runs.aggregate(top=Max("number"))["top"] or 0) + 1


@transaction.atomic
def match_run_create(
    *,
    cohort: Cohort,
    actor: User | None,
    unfinished: Unfinished = "refuse",
    computation: Computation | None = None,
) -> MatchRun:
    """Saves a run; ``computation``, the cohort's match_compute with the same ``unfinished``
    just made by the caller, saves scoring and solving the cohort a second time."""
    comp = computation or match_compute(cohort=cohort, unfinished=unfinished)
    run = MatchRun(cohort=cohort, number=next_run_number(cohort), created_by=actor)
    return match_run_fill(run=run, computation=comp, unfinished=unfinished)


def match_run_fill(*, run: MatchRun, computation: Computation, unfinished: Unfinished) -> MatchRun:
    """Saves the computation as the run's figures and proposals: the run is then done.
    The caller holds the transaction, so that a run is saved whole or not at all."""
    comp, cohort, actor = computation, run.cohort, run.created_by
    scores = comp.solution_scores()
    inputs = _inputs_snapshot(comp, cohort, unfinished)
    run.inputs = inputs
    run.total_score = comp.total
    run.lowest_score = min(scores) if scores else None
    run.unmatched = comp.unmatched
    run.mentor_capacity = inputs["mentor_capacity"]
    run.objective = comp.objective
    run.figures = comp.figures()
    run.stage, run.error = RunStage.DONE, ""
    kept = _kept(comp.fixed)
    run.solve_state = warm_state.state_dump(comp.inp, comp.units, kept, comp.best_total)
    run.save()
    # Only the latest run's what-ifs start from its optimum.
    cohort.match_runs.exclude(pk=run.pk).exclude(solve_state=b"").update(solve_state=b"")
    facts = explain.pairs_facts(comp.inp, comp.solution.pairs)
    Proposal.objects.bulk_create(
        [
            Proposal(
                run=run,
                adept=comp.candidates.adepts[a],
                mentor=comp.candidates.mentors[m],
                score=score,
                explanation=explanation,
                locked=a in comp.fixed,
                manual=a in comp.fixed and comp.fixed[a][1],
            )
            for (a, m), score, explanation in zip(comp.solution.pairs, scores, facts, strict=True)
        ],
        batch_size=PROPOSAL_BATCH,
    )
    audit_record(
        actor=actor,
        action="match_run.create",
        target=run,
        summary=f"{len(comp.solution.pairs)} of {comp.inp.n_adepts} adepts matched",
    )
    return run


def match_run_compare(*, run: MatchRun, computation: Computation) -> MatchRun:
    """Adds the other objective's figures to a run saved without them: the "no weak pair"
    optimum solved on the run's scores from its best total (a large run's task does this
    after saving the run, so that the proposals do not wait for it)."""
    comp = computation
    if comp.optima is not None:
        return run  # solved before the run was saved, its figures with it
    kept = _kept(comp.fixed)
    comp.optima = bottleneck.solve_no_weak_pair(
        comp.units, comp.inp.mentor_capacity, kept, best=comp.best_total
    )
    run.figures = comp.figures()
    run.save(update_fields=["figures"])
    return run


@dataclass(frozen=True)
class PairCost:
    score: float
    total_before: float
    total_after: float
    matched_before: int
    matched_after: int

    @property
    def difference(self) -> float:
        return round(self.total_after - self.total_before, 2)


def match_pair_cost(*, cohort: Cohort, adept: Enrolment, mentor: Enrolment) -> PairCost:
    """What setting this pair by hand would cost the cohort's best total (locks kept).

    From the latest run's kept optimum where the cohort is as it was then (see
    matching.warm_state), else by scoring and solving the cohort first."""
    prepared = _prepared(cohort, "exclude")
    # Paired since the run, or a profile that a new question left unfinished.
    if adept.pk not in {int(pk) for pk in prepared[0].adept_ids}:
        raise ValidationError(
            _("%(adept)s is no longer among the adepts to match.")
            % {"adept": adept.person.full_name}
        )
    from_run = _pair_cost_from_latest_run(cohort, adept, mentor, prepared)
    if from_run is not None:
        return from_run
    before = match_compute(
        cohort=cohort,
        unfinished="exclude",
        compare=False,
        objective=Objective.BEST_TOTAL,
        prepared=prepared,
    )
    # The same scores solved again with the pair set, from the first solve's proven graph:
    # the cohort is scored once and the second solve needs few widening rounds.
    return _pair_cost_after(
        before.inp,
        before.candidates,
        before.wanted,
        (adept, mentor),
        units=before.units,
        start=before.best_total,
        total_before=before.total,
        matched_before=before.solution.matched,
    )


def _pair_cost_from_latest_run(
    cohort: Cohort, adept: Enrolment, mentor: Enrolment, prepared: Prepared
) -> PairCost | None:
    """match_pair_cost re-solved from the latest run's kept optimum, or None where there is
    none for the cohort as it is now."""
    latest = cohort.match_runs.exclude(solve_state=b"").only("solve_state").first()
    if latest is None:
        return None
    inp, candidates, wanted, _missing, _objective = prepared
    fixed = _fixed_pairs(inp, candidates, wanted, _never_forbidden)
    state = warm_state.state_load(bytes(latest.solve_state), inp, _kept(fixed))
    if state is None:
        return None
    return _pair_cost_after(
        inp,
        candidates,
        wanted,
        (adept, mentor),
        units=state.pool,
        start=solver.CertifiedSolution(pairs=[], total_units=0, graph=state.graph),
        warm=state.warm,
        total_before=state.total_units / solver.UNITS_PER_POINT,
        matched_before=state.matched,
    )


def _pair_cost_after(
    inp: scoring.ScoringInput,
    candidates: selectors.Candidates,
    wanted: Wanted,
    pair: tuple[Enrolment, Enrolment],
    *,
    units: np.ndarray | ScorePool,
    start: solver.Solution,
    total_before: float,
    matched_before: int,
    warm: solver.Warm | None = None,
) -> PairCost:
    """The cohort's best total with ``pair`` set by hand, against the one before."""
    after = _solved(
        inp=inp,
        units=units,
        candidates=candidates,
        wanted=_with_lock(wanted, pair),
        excluded_unfinished=[],
        start=start,
        warm=warm,
    )
    a = [int(x) for x in inp.adept_ids].index(pair[0].pk)
    m = [int(x) for x in inp.mentor_ids].index(pair[1].pk)
    return PairCost(
        score=after.score(a, m),
        total_before=total_before,
        total_after=after.total,
        matched_before=matched_before,
        matched_after=after.solution.matched,
    )


def _never_forbidden(adept: int, mentor: int) -> bool:
    """The locks were checked when they were set and when the kept run was made."""
    return False


# Locks and bans ---------------------------------------------------------------------


@transaction.atomic
def pair_lock_set(
    *, cohort: Cohort, adept: Enrolment, mentor: Enrolment, actor: User, manual: bool
) -> PairLock:
    if adept.cohort_id != cohort.pk or mentor.cohort_id != cohort.pk:
        raise ValidationError(_("Both must be in the cohort."))
    # Checks every hard rule and the mentor's places with the lock in place, without
    # scoring or solving the cohort.
    inp, candidates, wanted, _missing, _objective = _prepared(cohort, "exclude")
    _fixed_pairs(
        inp,
        candidates,
        _with_lock(wanted, (adept, mentor)),
        lambda a, m: not bool(scoring.allowed_rows(inp, np.array([a]))[0, m]),
    )
    lock, _created = PairLock.objects.update_or_create(
        adept=adept,
        defaults={"cohort": cohort, "mentor": mentor, "manual": manual, "created_by": actor},
    )
    audit_record(actor=actor, action="match_lock.set", target=lock)
    return lock


@transaction.atomic
def pair_lock_remove(*, lock: PairLock, actor: User) -> None:
    audit_record(actor=actor, action="match_lock.remove", target=lock)
    lock.delete()


# Publishing ------------------------------------------------------------------------


@transaction.atomic
def match_run_publish(*, run: MatchRun, actor: User) -> list[Pair]:
    """Creates the run's pairs and tells both members; only the cohort's latest run."""
    run = MatchRun.objects.select_for_update().get(pk=run.pk)
    if run.published_at is not None:
        raise ValidationError(_("This run has already been published."))
    if not run.is_done:
        raise ValidationError(_("The run has not finished."))
    # A failed run never blocks an earlier one; a run under way does, as it may propose anyone.
    latest = run.cohort.match_runs.exclude(stage=RunStage.FAILED).aggregate(top=Max("number"))[
        "top"
    ]
    if run.number != latest:
        raise ValidationError(_("Only the latest run can be published. Run the matching again."))
    proposals = list(
        run.proposals.select_related("adept__person", "mentor__person", "adept__cohort")
    )
    if not proposals:
        raise ValidationError(_("The run has no proposals to publish."))
    pairs = [pair_create(mentor=p.mentor, adept=p.adept, actor=actor) for p in proposals]
    run.published_at = timezone.now()
    run.published_by = actor
    run.save(update_fields=["published_at", "published_by"])
    PairLock.objects.filter(cohort=run.cohort, adept__in=[p.adept_id for p in proposals]).delete()
    audit_record(
        actor=actor,
        action="match_run.publish",
        target=run,
        summary=f"{len(pairs)} pairs created",
    )
    if not run.cohort.programme.mails_pair_published:
        return pairs  # the coordinator tells the pairs in their own way
    # Both mails of every pair are in the outbox with the pairs: they leave once, on commit.
    deliveries_queue(
        Notification(
            kind=PUBLISHED_KIND,
            key=f"proposal:{proposal.pk}",
            recipient_id=enrolment.person_id,
            payload={"proposal_id": proposal.pk},
        )
        for proposal in proposals
        for enrolment in (proposal.adept, proposal.mentor)
    )
    return pairs


@delivery_sender(PUBLISHED_KIND)
def published_pair_send(delivery: Delivery) -> str:
    """Tells one member of a published pair who the other is and why the two were matched."""
    proposal = (
        Proposal.objects.select_related(
            "adept__person",
            "mentor__person",
            "adept__municipality",
            "mentor__municipality",
            "run__cohort__programme",
        )
        .filter(pk=delivery.payload["proposal_id"])
        .first()
    )
    if proposal is None:
        raise DeliveryNotNeeded
    person = delivery.recipient
    is_adept = person.pk == proposal.adept.person_id
    with translation.override(person.preferred_language):
        why = explain.why_you_two_text(proposal.explanation)
        summary = selectors.profile_summary(proposal.adept)
    return programme_mail_send(
        key="pair_published_adept" if is_adept else "pair_published_mentor",
        programme=proposal.run.cohort.programme,
        to=person,
        context={
            "proposal": proposal,
            "cohort": proposal.run.cohort,
            "programme": proposal.run.cohort.programme,
            "other": proposal.mentor if is_adept else proposal.adept,
            "why": why,
            "summary": summary,
            "page_url": _published_page_url(proposal),
        },
    )


def _published_page_url(proposal: Proposal) -> str:
    """Where the two meet in the product: their pair's page, or the mentor's group's."""
    pair = Pair.objects.filter(
        mentor=proposal.mentor, adept=proposal.adept, dissolved_at__isnull=True
    ).first()
    if pair is None:
        return reverse("pairs:pair_list")
    if pair.group_id:
        return reverse("pairs:group_detail", kwargs={"pk": pair.group_id})
    return reverse("pairs:pair_detail", kwargs={"pk": pair.pk})

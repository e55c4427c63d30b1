"""Criteria and weights per cohort, hard rules, travel times, runs and proposals."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import Cohort, Enrolment, Municipality


class Criterion(models.TextChoices):
    NEEDS = "needs", _("Development needs and the mentor's strengths")
    DIMENSIONS = "dimensions", _("Leader profile")
    WISHES = "wishes", _("The adept's wishes")
    EXPERIENCE = "experience", _("Experience as manager")
    TRAVEL = "travel", _("Travel time")
    RANKING = "ranking", _("The adept's own ranking")


# Documented in README.md ("## Matching"): needs and the profile weigh most, the rest
# adjusts; the adept's ranking counts only where the coordinator opens a shortlist.
DEFAULT_WEIGHTS: dict[str, int] = {
    Criterion.NEEDS: 3,
    Criterion.DIMENSIONS: 3,
    Criterion.WISHES: 2,
    Criterion.EXPERIENCE: 1,
    Criterion.TRAVEL: 1,
    Criterion.RANKING: 0,
}
MAX_WEIGHT = 10


def default_weights() -> dict[str, int]:
    return {str(key): value for key, value in DEFAULT_WEIGHTS.items()}


class Objective(models.TextChoices):
    """What a run optimises once as many adepts as possible are matched (matching.bottleneck)."""

    BEST_TOTAL = "best_total", _("Best total")
    NO_WEAK_PAIR = "no_weak_pair", _("No weak pair")


class CohortMatching(models.Model):
    """A cohort's matching settings and whether its leader profiles are open."""

    cohort = models.OneToOneField(
        Cohort, on_delete=models.CASCADE, related_name="matching", verbose_name=_("cohort")
    )
    weights = models.JSONField(_("weights"), default=default_weights)
    min_years_ahead = models.PositiveSmallIntegerField(
        _("minimum years as manager the mentor is ahead"), default=0
    )
    profiles_opened_at = models.DateTimeField(_("leader profiles opened"), null=True, blank=True)
    shortlist_open = models.BooleanField(_("adepts rank a shortlist of mentors"), default=False)
    objective = models.CharField(
        _("objective"), max_length=16, choices=Objective.choices, default=Objective.BEST_TOTAL
    )

    class Meta:
        verbose_name = _("matching settings")
        verbose_name_plural = _("matching settings")

    def __str__(self) -> str:
        return str(self.cohort)

    def weight(self, criterion: str) -> int:
        return int(self.weights.get(str(criterion), DEFAULT_WEIGHTS.get(criterion, 0)))


class TravelTime(models.Model):
    """Travel time between two municipalities, the same both ways (stored once, lower id first)."""

    origin = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    destination = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    minutes = models.PositiveSmallIntegerField(_("minutes"))

    class Meta:
        verbose_name = _("travel time")
        verbose_name_plural = _("travel times")
        constraints = [
            models.UniqueConstraint(fields=["origin", "destination"], name="travel_time_unique"),
            models.CheckConstraint(
                condition=Q(origin__lt=F("destination")), name="travel_time_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.origin_id}–{self.destination_id}: {self.minutes}"


class ExclusionReason(models.TextChoices):
    FORMER_MANAGER = "former_manager", _("Former manager")
    RELATIVE = "relative", _("Relative")
    COLLEAGUE = "colleague", _("Close colleague")
    COORDINATOR = "coordinator", _("Forbidden by the coordinator")
    DID_NOT_WORK = "did_not_work", _("The pair did not work")
    OTHER = "other", _("Other reason")


# The reasons a participant can give when declaring a conflict of interest.
PARTICIPANT_REASONS = (
    ExclusionReason.FORMER_MANAGER,
    ExclusionReason.RELATIVE,
    ExclusionReason.COLLEAGUE,
    ExclusionReason.OTHER,
)


class ExclusionSource(models.TextChoices):
    COORDINATOR = "coordinator", _("Declared by the coordinator")
    PARTICIPANT = "participant", _("Declared by the participant")


class Exclusion(models.Model):
    """A pair that is never proposed."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="exclusions")
    mentor = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="+")
    adept = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=20, choices=ExclusionReason.choices)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    source = models.CharField(
        _("declared by"),
        max_length=12,
        choices=ExclusionSource.choices,
        default=ExclusionSource.COORDINATOR,
    )
    # The participant's own words; shown to the coordinator, never put in the audit log.
    comment = models.TextField(_("comment"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("excluded pair")
        verbose_name_plural = _("excluded pairs")
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "adept"],
                name="exclusion_once",
                violation_error_message=_("The pair is already excluded."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor_id}×{self.adept_id}"


class PairLock(models.Model):
    """A pair the coordinator keeps (from a proposal) or sets by hand; every run keeps it."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="pair_locks")
    mentor = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="+")
    adept = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="+")
    manual = models.BooleanField(_("set by hand"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("locked pair")
        verbose_name_plural = _("locked pairs")
        constraints = [
            models.UniqueConstraint(
                fields=["adept"],
                name="pair_lock_once_per_adept",
                violation_error_message=_("The adept already has a locked mentor."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor_id}→{self.adept_id}"


class ShortlistRank(models.Model):
    """The adept's own ranking of mentors on the shortlist (1 is the first choice)."""

    adept = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="shortlist_ranks")
    mentor = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["adept", "mentor"], name="shortlist_once"),
            models.UniqueConstraint(fields=["adept", "rank"], name="shortlist_rank_once"),
        ]

    def __str__(self) -> str:
        return f"{self.adept_id}: {self.rank}. {self.mentor_id}"


class RunStage(models.TextChoices):
    """Where a run is; a large cohort's run goes through them in a task (services.long_runs);
    solving and proving are the values solver.solve_certified reports."""

    QUEUED = "queued", _("Waiting to start")
    SCORING = "scoring", _("Scoring the pairs")
    SOLVING = "solving", _("Solving")
    PROVING = "proving", _("Proving the optimum")
    SAVING = "saving", _("Saving the proposals")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


# The stages of a run still under way.
RUN_UNDER_WAY = (
    RunStage.QUEUED,
    RunStage.SCORING,
    RunStage.SOLVING,
    RunStage.PROVING,
    RunStage.SAVING,
)


class MatchRun(models.Model):
    """One run of the solver, kept with its inputs so that it can be explained later."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="match_runs")
    number = models.PositiveIntegerField(_("number"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("run"), default=timezone.now)
    inputs = models.JSONField(_("inputs"), default=dict)
    total_score = models.FloatField(_("total score"), default=0)
    lowest_score = models.FloatField(_("lowest pair score"), null=True)
    unmatched = models.JSONField(_("unmatched adepts"), default=list)
    mentor_capacity = models.JSONField(_("free places per mentor"), default=dict)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    objective = models.CharField(
        _("objective"), max_length=16, choices=Objective.choices, default=Objective.BEST_TOTAL
    )
    # Both objectives' optima of the same scores, by Objective value: matched, total and
    # lowest pair score, so that the coordinator sees what each costs the other.
    figures = models.JSONField(_("figures of both objectives"), default=dict)
    stage = models.CharField(
        _("stage"), max_length=10, choices=RunStage.choices, default=RunStage.DONE
    )
    # Why a run failed, in words the coordinator can act on.
    error = models.TextField(_("error"), blank=True)
    # The best total's proven optimum of a large run (matching.warm_state), so that "What
    # would it cost?" re-solves from it; kept on the cohort's latest run only.
    solve_state = models.BinaryField(_("solve state"), blank=True, default=b"", editable=False)

    class Meta:
        verbose_name = _("match run")
        verbose_name_plural = _("match runs")
        ordering = ["cohort", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="match_run_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.cohort} #{self.number}"

    @property
    def is_done(self) -> bool:
        return self.stage == RunStage.DONE

    @property
    def is_stalled(self) -> bool:
        """Under way for longer than any task may run: its worker is gone."""
        return (
            self.stage in RUN_UNDER_WAY and self.created_at < timezone.now() - run_stalled_after()
        )

    @property
    def is_under_way(self) -> bool:
        return self.stage in RUN_UNDER_WAY and not self.is_stalled

    @property
    def has_failed(self) -> bool:
        return self.stage == RunStage.FAILED or self.is_stalled

    @property
    def stage_step(self) -> int:
        """How many of the stages under way are behind the run, for a progress bar."""
        return RUN_UNDER_WAY.index(RunStage(self.stage)) if self.stage in RUN_UNDER_WAY else 0

    @property
    def stage_count(self) -> int:
        return len(RUN_UNDER_WAY)


def run_stalled_after() -> datetime.timedelta:
    """As long as the broker keeps a task before giving it to another worker (settings)."""
    return datetime.timedelta(seconds=settings.CELERY_TASK_VISIBILITY_TIMEOUT)


class Proposal(models.Model):
    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="proposals")
    adept = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    # Points per criterion and the facts behind them, see matching.explain.
    explanation = models.JSONField(default=dict)
    locked = models.BooleanField(default=False)
    manual = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["run", "adept__person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["run", "adept"], name="proposal_once_per_adept")
        ]

    def __str__(self) -> str:
        return f"{self.run_id}: {self.mentor_id}→{self.adept_id}"

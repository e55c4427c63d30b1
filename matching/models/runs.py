"""Criteria and weights per cohort, hard rules, travel times, runs and proposals."""

from __future__ import annotations

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

    class Meta:
        verbose_name = _("match run")
        verbose_name_plural = _("match runs")
        ordering = ["cohort", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="match_run_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.cohort} #{self.number}"


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

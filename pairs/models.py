"""The pair's own space. Pairs are created by matching (pair_create) or by hand."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import Cohort, Enrolment


class PairQuerySet(models.QuerySet["Pair"]):
    def active(self) -> PairQuerySet:
        return self.filter(dissolved_at__isnull=True)


class Pair(models.Model):
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="pairs", verbose_name=_("cohort")
    )
    mentor = models.ForeignKey(
        Enrolment,
        on_delete=models.PROTECT,
        related_name="pairs_as_mentor",
        verbose_name=_("mentor"),
    )
    adept = models.ForeignKey(
        Enrolment,
        on_delete=models.PROTECT,
        related_name="pairs_as_adept",
        verbose_name=_("adept"),
    )
    created_at = models.DateTimeField(_("formed"), default=timezone.now)
    dissolved_at = models.DateTimeField(_("dissolved"), null=True, blank=True)

    objects = PairQuerySet.as_manager()

    class Meta:
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")
        ordering = ["cohort", "adept__person__full_name"]
        constraints = [
            # An adept has one active mentor at a time.
            models.UniqueConstraint(
                fields=["adept"],
                condition=Q(dissolved_at__isnull=True),
                name="pair_one_active_per_adept",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor.person} & {self.adept.person}"


class FitAnswer(models.Model):
    """After the first meeting each member says whether the pair works."""

    pair = models.ForeignKey(
        Pair, on_delete=models.CASCADE, related_name="fit_answers", verbose_name=_("pair")
    )
    person = models.ForeignKey(
        "programmes.User", on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    works = models.BooleanField(_("the pair works"))
    comment = models.TextField(_("comment"), blank=True)
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("fit answer")
        verbose_name_plural = _("fit answers")
        constraints = [
            models.UniqueConstraint(fields=["pair", "person"], name="fit_answer_once_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.pair}: {self.works}"

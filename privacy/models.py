"""Retention (gallring): each municipality's decision, the runs that follow it, anonymisations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models.core import Municipality

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class RecordKind(models.TextChoices):
    """The kinds of record a retention decision names a period for."""

    REFLECTIONS = "reflections", _("Reflections")
    NOTES = "notes", _("Pair notes")
    EVALUATION_ANSWERS = "evaluation_answers", _("Evaluation answers")
    APPLICATIONS = "applications", _("Applications and nominations")
    CONTACT_DETAILS = "contact_details", _("Contact details")


# The decision's field for each kind: months after the cohort ends.
PERIOD_FIELDS: dict[str, str] = {
    RecordKind.REFLECTIONS: "reflections_months",
    RecordKind.NOTES: "notes_months",
    RecordKind.EVALUATION_ANSWERS: "evaluation_answers_months",
    RecordKind.APPLICATIONS: "applications_months",
    RecordKind.CONTACT_DETAILS: "contact_details_months",
}
DEFAULT_MONTHS = 24


def _months(label: StrOrPromise) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label,
        default=DEFAULT_MONTHS,
        help_text=_("Months after the cohort ends; 0 removes it as soon as the cohort has ended."),
    )


class RetentionDecisionQuerySet(models.QuerySet["RetentionDecision"]):
    def in_force(self) -> list[RetentionDecision]:
        """The latest decision of each municipality that has one."""
        today = timezone.localdate()
        latest: dict[int, RetentionDecision] = {}
        for decision in self.filter(decided_on__lte=today).order_by(
            "municipality_id", "decided_on", "pk"
        ):
            latest[decision.municipality_id] = decision
        return list(latest.values())


class RetentionDecision(models.Model):
    """A municipality's gallringsbeslut: how long each kind of record is kept."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="retention_decisions",
        verbose_name=_("municipality"),
    )
    decided_on = models.DateField(_("decided on"), default=timezone.localdate)
    reference = models.CharField(
        _("reference number"), max_length=100, help_text=_("The decision's diary number.")
    )
    reflections_months = _months(_("reflections kept (months)"))
    notes_months = _months(_("pair notes kept (months)"))
    evaluation_answers_months = _months(_("evaluation answers kept (months)"))
    applications_months = _months(_("applications kept (months)"))
    contact_details_months = _months(_("contact details kept (months)"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    objects = RetentionDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("retention decision")
        verbose_name_plural = _("retention decisions")
        ordering = ["municipality__name", "-decided_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "decided_on"],
                name="retention_decision_once_per_day",
                violation_error_message=_("The municipality already has a decision of that date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.decided_on} ({self.reference})"

    def months_for(self, kind: str) -> int:
        return int(getattr(self, PERIOD_FIELDS[kind]))


class RetentionTrigger(models.TextChoices):
    SCHEDULE = "schedule", _("Daily schedule")
    COMMAND = "command", _("Management command")


class RetentionRun(models.Model):
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    trigger = models.CharField(_("started by"), max_length=20, choices=RetentionTrigger.choices)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}"


class RetentionAction(models.Model):
    """What one run did to one kind of record under one decision."""

    run = models.ForeignKey(
        RetentionRun, on_delete=models.CASCADE, related_name="actions", verbose_name=_("run")
    )
    decision = models.ForeignKey(
        RetentionDecision,
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name=_("decision"),
    )
    kind = models.CharField(_("kind of record"), max_length=30, choices=RecordKind.choices)
    count = models.PositiveIntegerField(_("records removed or anonymised"))

    class Meta:
        verbose_name = _("retention action")
        verbose_name_plural = _("retention actions")
        ordering = ["run", "decision", "kind"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.count}"


class PersonAnonymisation(models.Model):
    """An administrator anonymised a person on request; the reason is recorded."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="anonymisation",
        verbose_name=_("person"),
    )
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("performed by"),
    )
    reason = models.TextField(_("reason"))
    performed_at = models.DateTimeField(_("performed"), default=timezone.now)

    class Meta:
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")
        ordering = ["-performed_at"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.performed_at:%Y-%m-%d}"

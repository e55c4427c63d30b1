"""Stored reports, later appointments of participants, and the programme's outcome target."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import Cohort, Enrolment, Municipality, Programme

# The seeds' target: three out of four talents hold a manager post within two years.
DEFAULT_TARGET_PERCENT = 75
DEFAULT_TARGET_MONTHS = 24


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to start")
    RUNNING = "running", _("Being generated")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class GeneratedReport(models.Model):
    """A yearly report (whole cohort) or a municipality's report, rendered once and kept."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="reports", verbose_name=_("cohort")
    )
    # Empty for the whole cohort's report.
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("municipality"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    pages = models.PositiveIntegerField(_("pages"), default=0)
    pdf = models.FileField(_("PDF file"), upload_to="reports/%Y/", blank=True)

    class Meta:
        verbose_name = _("generated report")
        verbose_name_plural = _("generated reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="generated_report_progress_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cohort} {self.municipality or ''} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_done(self) -> bool:
        return self.status == ReportStatus.DONE

    @property
    def is_finished(self) -> bool:
        return self.status in (ReportStatus.DONE, ReportStatus.FAILED) or self.is_stalled

    @property
    def is_stalled(self) -> bool:
        """Waiting or being made for longer than any task may run: its worker is gone."""
        return (
            self.status
            in (
                ReportStatus.PENDING,
                ReportStatus.RUNNING,
            )
            and self.created_at < timezone.now() - report_stalled_after()
        )

    @property
    def has_failed(self) -> bool:
        return self.status == ReportStatus.FAILED or self.is_stalled


def report_stalled_after() -> datetime.timedelta:
    """As long as the broker keeps a task before giving it to another worker (settings)."""
    return datetime.timedelta(seconds=settings.CELERY_TASK_VISIBILITY_TIMEOUT)


class Appointment(models.Model):
    """A participant's later post, recorded for the outcome indicators."""

    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="appointments",
        verbose_name=_("participant"),
    )
    appointed_on = models.DateField(_("appointed on"))
    post = models.CharField(_("post"), max_length=200)
    is_manager_post = models.BooleanField(_("a manager post"), default=True)
    # Internal recruitment: the post is in the participant's own municipality.
    is_internal = models.BooleanField(_("in the participant's own municipality"), default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["enrolment", "appointed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "appointed_on", "post"],
                name="appointment_once",
                violation_error_message=_("That appointment is already recorded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.post} ({self.appointed_on})"


class OutcomeTarget(models.Model):
    """The share of participants the programme aims to see in a manager post, and by when."""

    programme = models.OneToOneField(
        Programme,
        on_delete=models.CASCADE,
        related_name="outcome_target",
        verbose_name=_("programme"),
    )
    manager_share_percent = models.PositiveSmallIntegerField(
        _("target share in a manager post (%)"),
        default=DEFAULT_TARGET_PERCENT,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    within_months = models.PositiveSmallIntegerField(
        _("within (months after the cohort ends)"),
        default=DEFAULT_TARGET_MONTHS,
        validators=[MinValueValidator(1)],
    )

    class Meta:
        verbose_name = _("outcome target")
        verbose_name_plural = _("outcome targets")
        constraints = [
            models.CheckConstraint(
                condition=Q(manager_share_percent__gte=1, manager_share_percent__lte=100),
                name="outcome_target_percent_range",
                violation_error_message=_("The target is a share between 1 and 100 %."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.manager_share_percent} %"

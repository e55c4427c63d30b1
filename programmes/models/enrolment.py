"""Enrolment's own data: work areas, manager consent, nominations and their approval stages."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programmes.models.core import Enrolment, Programme


class ProgrammeList(models.Model):
    """An entry of one of a programme's own ordered lists, unique by name in the programme."""

    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # Each list declares its own `name` field, with the length its entries need.
    name: str

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class WorkArea(ProgrammeList):
    """One entry of a programme's list of work areas, maintained by its coordinator."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="work_areas", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("work area")
        verbose_name_plural = _("work areas")
        ordering = ["programme", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"],
                name="work_area_unique_per_programme",
                violation_error_message=_("The programme already has that work area."),
            ),
        ]


class ConsentRequest(models.Model):
    """The nearest manager's agreement that the programme runs on working time."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="consent", verbose_name=_("application")
    )
    manager_name = models.CharField(_("name of the nearest manager"), max_length=200)
    manager_email = models.EmailField(_("email of the nearest manager"))
    # Part of the signed link, so a link cannot be forged from the id alone.
    nonce = models.CharField(max_length=32)
    asked_at = models.DateTimeField(_("asked"))
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    agreed = models.BooleanField(_("agreed"), null=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("manager consent")
        verbose_name_plural = _("manager consents")
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_at__isnull=True, agreed__isnull=True)
                | Q(decided_at__isnull=False, agreed__isnull=False),
                name="consent_answer_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.manager_name} – {self.enrolment}"

    @property
    def is_pending(self) -> bool:
        return self.decided_at is None


class ApprovalStage(ProgrammeList):
    """A step a nomination passes, e.g. the administration's management group."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="approval_stages",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("approval stage")
        verbose_name_plural = _("approval stages")
        ordering = ["programme", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"],
                name="approval_stage_unique_per_programme",
                violation_error_message=_("The programme already has a stage with that name."),
            ),
        ]


class Nomination(models.Model):
    """A manager's nomination of an employee, with a motivation."""

    enrolment = models.OneToOneField(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="nomination",
        verbose_name=_("application"),
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="nominations_made",
        verbose_name=_("nominated by"),
    )
    motivation = models.TextField(_("motivation"))
    created_at = models.DateTimeField(_("nominated"), auto_now_add=True)
    # When the nominee said yes to the nomination (and answered the optional questions).
    accepted_at = models.DateTimeField(_("accepted by the nominee"), null=True, blank=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.enrolment} ← {self.nominated_by}"


class StageDecision(models.Model):
    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("nomination")
    )
    stage = models.ForeignKey(
        ApprovalStage, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("stage")
    )
    approved = models.BooleanField(_("approved"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="stage_decisions",
        verbose_name=_("recorded by"),
    )
    decided_at = models.DateTimeField(_("decided"))
    # Kept with the decision for those who decide; never mailed or shown to the nominee.
    comment = models.TextField(_("internal comment"), blank=True)
    # Mailed to the nominee and the nominating manager, and shown to them with the decision.
    message = models.TextField(_("message to the nominee and the manager"), blank=True)

    class Meta:
        verbose_name = _("stage decision")
        verbose_name_plural = _("stage decisions")
        ordering = ["nomination", "stage__position", "stage_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "stage"],
                name="stage_decided_once",
                violation_error_message=_("This stage has already decided."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stage}: {self.approved}"


class ImportBatch(models.Model):
    """A parsed upload waiting for the coordinator's confirmation; deleted when used."""

    cohort = models.ForeignKey(
        "programmes.Cohort",
        on_delete=models.CASCADE,
        related_name="import_batches",
        verbose_name=_("cohort"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="import_batches",
        verbose_name=_("uploaded by"),
    )
    role = models.CharField(_("role"), max_length=10)
    filename = models.CharField(_("file"), max_length=200)
    rows = models.JSONField(_("rows"), default=list)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant import")
        verbose_name_plural = _("participant imports")

    def __str__(self) -> str:
        return self.filename

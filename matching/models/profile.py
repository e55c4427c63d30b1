"""The leader profile (ledarprofil): a questionnaire per programme and the answers."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import Enrolment, Programme, Role

SCALE_MIN = 1
SCALE_MAX = 5


class DimensionMode(models.TextChoices):
    SIMILAR = "similar", _("Favour similarity")
    COMPLEMENT = "complement", _("Favour complementarity")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Statement on a 1–5 scale")
    CHOICE = "choice", _("Choices")
    TEXT = "text", _("Free text")


class ChoicePurpose(models.TextChoices):
    # The adept's answer is what to develop, the mentor's what they can offer.
    NEEDS = "needs", _("Development needs against the mentor's strengths")
    INFORMATION = "information", _("Information only")


class Audience(models.TextChoices):
    BOTH = "both", _("Mentors and adepts")
    MENTORS = "mentor", _("Mentors only")
    ADEPTS = "adept", _("Adepts only")


class Questionnaire(models.Model):
    programme = models.OneToOneField(
        Programme,
        on_delete=models.CASCADE,
        related_name="questionnaire",
        verbose_name=_("programme"),
    )
    introduction = models.TextField(_("introduction"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("leader profile questionnaire")
        verbose_name_plural = _("leader profile questionnaires")

    def __str__(self) -> str:
        return str(self.programme)


class Dimension(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="dimensions"
    )
    name = models.CharField(_("name"), max_length=100)
    mode = models.CharField(
        _("matching favours"),
        max_length=12,
        choices=DimensionMode.choices,
        default=DimensionMode.SIMILAR,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        ordering = ["questionnaire", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "name"],
                name="dimension_unique_name",
                violation_error_message=_("The questionnaire already has a dimension so named."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question or statement"), max_length=300)
    mentor_text = models.CharField(
        _("wording for mentors"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty to ask mentors the same as adepts."),
    )
    dimension = models.ForeignKey(
        Dimension,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("dimension"),
    )
    purpose = models.CharField(
        _("used for"),
        max_length=12,
        choices=ChoicePurpose.choices,
        default=ChoicePurpose.INFORMATION,
    )
    options = models.TextField(_("options"), blank=True, help_text=_("One option per line."))
    audience = models.CharField(
        _("asked of"), max_length=10, choices=Audience.choices, default=Audience.BOTH
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["questionnaire", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=QuestionKind.SCALE) | Q(dimension__isnull=False),
                name="question_scale_has_dimension",
                violation_error_message=_("A statement on the scale belongs to a dimension."),
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    @property
    def is_required(self) -> bool:
        return self.kind != QuestionKind.TEXT

    def wording_for(self, role: str) -> str:
        return self.mentor_text if role == Role.MENTOR and self.mentor_text else self.text

    def is_for(self, role: str) -> bool:
        return self.audience in (Audience.BOTH, role)


class ProfileAnswer(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="profile_answers"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    scale_value = models.PositiveSmallIntegerField(null=True, blank=True)
    choices = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("leader profile answer")
        verbose_name_plural = _("leader profile answers")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "question"], name="profile_answer_once_per_question"
            ),
            models.CheckConstraint(
                condition=Q(scale_value__isnull=True)
                | Q(scale_value__gte=SCALE_MIN, scale_value__lte=SCALE_MAX),
                name="profile_answer_on_scale",
                violation_error_message=_("Answer on the scale from 1 to 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}/{self.question_id}"

    @property
    def is_answered(self) -> bool:
        return self.scale_value is not None or bool(self.choices) or bool(self.text.strip())

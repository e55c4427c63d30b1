"""The end-of-year evaluation: a questionnaire per cohort, answered anonymously.

Who answered (Response) and what was answered (Answer) are stored apart, with
no link between them, so that nobody can read who answered what. An answer's
key is random and it carries no time, so not even the order in which rows were
written ties an answer to a response.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import Cohort, Municipality, Role

from .. import schedule

SCALE_MIN = 1
SCALE_MAX = 5
SMALLEST_REPORTED_GROUP = 5
MAX_DAYS_BEFORE_END = 180


class Questionnaire(models.Model):
    cohort = models.OneToOneField(
        Cohort, on_delete=models.CASCADE, related_name="questionnaire", verbose_name=_("cohort")
    )
    introduction = models.TextField(_("introduction"), blank=True)
    send_days_before_end = models.PositiveSmallIntegerField(
        _("send this many days before the cohort ends"),
        default=schedule.DEFAULT_EVALUATION_DAYS_BEFORE_END,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("evaluation questionnaire")
        verbose_name_plural = _("evaluation questionnaires")

    def __str__(self) -> str:
        return str(self.cohort)

    @property
    def opens_on(self) -> datetime.date:
        return self.cohort.ends_on - datetime.timedelta(days=self.send_days_before_end)

    @property
    def closes_on(self) -> datetime.date:
        return self.cohort.ends_on

    def is_open(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.closes_on


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale 1–5")
    TEXT = "text", _("Free text")


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("questionnaire"),
    )
    audience = models.CharField(_("asked of"), max_length=10, choices=Role.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["audience", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    """That someone answered, for response rates and to refuse a second answer; not what."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="responses",
        verbose_name=_("questionnaire"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    # Only the day: a timestamp could be matched against an answer's.
    answered_on = models.DateField(_("answered"), default=timezone.localdate)

    class Meta:
        verbose_name = _("evaluation response")
        verbose_name_plural = _("evaluation responses")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "person"],
                name="evaluation_response_once",
                violation_error_message=_("You have already answered the evaluation."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} – {self.person_id}"


class Answer(models.Model):
    """One answer to one question, with no link to who gave it."""

    # Not a counter: sequential ids would follow the responses' ids in the same order.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    scale = models.PositiveSmallIntegerField(_("scale"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("evaluation answer")
        verbose_name_plural = _("evaluation answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale__isnull=True) | Q(scale__gte=SCALE_MIN, scale__lte=SCALE_MAX),
                name="evaluation_answer_scale_one_to_five",
                violation_error_message=_("Answer on the scale from 1 to 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"

"""Surveys of a cohort (the end-of-year evaluation and pulse surveys), answered anonymously.

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
NPS_MIN = 0
NPS_MAX = 10
# NPS: 9–10 recommend the programme (promoters), 0–6 do not (detractors).
NPS_PROMOTER_FROM = 9
NPS_DETRACTOR_TO = 6
MIN_OPTIONS = 2
SMALLEST_REPORTED_GROUP = 5
MAX_DAYS_BEFORE_END = 180


class SurveyKind(models.TextChoices):
    EVALUATION = "evaluation", _("End-of-year evaluation")
    PULSE = "pulse", _("Pulse survey")


class Questionnaire(models.Model):
    """A survey of a cohort: its one end-of-year evaluation, or a pulse survey during the year."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="surveys", verbose_name=_("cohort")
    )
    kind = models.CharField(
        _("kind of survey"),
        max_length=12,
        choices=SurveyKind.choices,
        default=SurveyKind.EVALUATION,
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    send_days_before_end = models.PositiveSmallIntegerField(
        _("send this many days before the cohort ends"),
        default=schedule.DEFAULT_EVALUATION_DAYS_BEFORE_END,
    )
    # A chosen opening day ("send now" sets today); without one, the evaluation opens
    # send_days_before_end before the cohort ends and a pulse survey does not open.
    open_from = models.DateField(_("opens"), null=True, blank=True)
    open_until = models.DateField(_("closes"), null=True, blank=True)
    send_reminder = models.BooleanField(_("remind those who have not answered"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["cohort", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort"],
                condition=Q(kind="evaluation"),
                name="evaluation_once_per_cohort",
                violation_error_message=_("The cohort has an end-of-year evaluation already."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cohort} – {self.name}"

    @property
    def name(self) -> str:
        return self.title or str(self.get_kind_display())

    @property
    def is_evaluation(self) -> bool:
        return self.kind == SurveyKind.EVALUATION

    @property
    def opens_on(self) -> datetime.date | None:
        if self.open_from is not None:
            return self.open_from
        if self.is_evaluation:
            return self.cohort.ends_on - datetime.timedelta(days=self.send_days_before_end)
        return None

    @property
    def closes_on(self) -> datetime.date:
        return self.open_until or self.cohort.ends_on

    def is_open(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        opens_on = self.opens_on
        return opens_on is not None and opens_on <= day <= self.closes_on


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale 1–5")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    NPS = "nps", _("Recommendation 0–10 (NPS)")
    TEXT = "text", _("Free text")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class Audience(models.TextChoices):
    """Who is asked a question: one role, or both."""

    MENTOR = Role.MENTOR.value, Role.MENTOR.label
    ADEPT = Role.ADEPT.value, Role.ADEPT.label
    BOTH = "both", _("Mentors and adepts")


def audiences_of(role: str) -> list[str]:
    """The audiences whose questions a participant of this role answers."""
    return [role, Audience.BOTH]


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("questionnaire"),
    )
    audience = models.CharField(_("asked of"), max_length=10, choices=Audience.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    options = models.TextField(_("options"), blank=True, help_text=_("One option per line."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]


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
    score = models.PositiveSmallIntegerField(_("recommendation 0–10"), null=True, blank=True)
    # The chosen options' numbers in the question's list (one for a single choice).
    choices = models.JSONField(_("chosen options"), default=list, blank=True)
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
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=NPS_MIN, score__lte=NPS_MAX),
                name="evaluation_answer_score_zero_to_ten",
                violation_error_message=_("Answer on the scale from 0 to 10."),
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"

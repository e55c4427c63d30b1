"""A participant's reflection after one session of a cohort's programme of sessions."""

from __future__ import annotations

from typing import TypedDict

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.models.events import Event


class ReflectionAnswer(TypedDict):
    question: str
    answer: str


class SessionReflection(models.Model):
    """Private to its author: the coordinator sees only how many reflected."""

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="reflections",
        verbose_name=pgettext_lazy("programme meeting", "session"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="session_reflections",
        verbose_name=_("author"),
    )
    # Each answer keeps its question, so a question changed later does not move the answers.
    answers = models.JSONField(_("answers"), default=list, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("session reflection")
        verbose_name_plural = _("session reflections")
        ordering = ["event", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "author"],
                name="session_reflection_once_per_person",
                violation_error_message=_("You have already written a reflection on this session."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author} – {self.event}"

    @property
    def answer_list(self) -> list[ReflectionAnswer]:
        return [
            ReflectionAnswer(
                question=str(item.get("question", "")), answer=str(item.get("answer", ""))
            )
            for item in self.answers
            if isinstance(item, dict)
        ]

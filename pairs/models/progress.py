"""The adept's goals and their ratings, homework, and each member's reflections."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .meetings import Meeting
from .pair import Pair

RATING_MIN = 1
RATING_MAX = 10


class Goal(models.Model):
    pair = models.ForeignKey(
        Pair, on_delete=models.CASCADE, related_name="goals", verbose_name=_("pair")
    )
    title = models.CharField(_("goal"), max_length=200)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class GoalRating(models.Model):
    """A check-in: how far the adept has come towards a goal, 1 to 10."""

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("goal")
    )
    rating = models.PositiveSmallIntegerField(_("rating (1–10)"))
    rated_on = models.DateField(_("date"), default=timezone.localdate)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("goal rating")
        verbose_name_plural = _("goal ratings")
        ordering = ["rated_on", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX),
                name="goal_rating_one_to_ten",
                violation_error_message=_("A rating is a whole number from 1 to 10."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.rating}"


class Homework(models.Model):
    pair = models.ForeignKey(
        Pair, on_delete=models.CASCADE, related_name="homework", verbose_name=_("pair")
    )
    title = models.CharField(_("task"), max_length=300)
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("homework")
        verbose_name_plural = _("homework")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class ReflectionQuerySet(models.QuerySet["Reflection"]):
    def readable_by(self, user_id: int) -> ReflectionQuerySet:
        """The author's own and the shared ones; the caller has checked pair membership."""
        return self.filter(Q(author_id=user_id) | Q(shared=True))


class Reflection(models.Model):
    """Private to its author unless the author shares it with the partner."""

    pair = models.ForeignKey(
        Pair, on_delete=models.CASCADE, related_name="reflections", verbose_name=_("pair")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reflections",
        verbose_name=_("author"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reflections",
        verbose_name=_("meeting"),
    )
    text = models.TextField(_("reflection"))
    shared = models.BooleanField(_("shared with my partner"), default=False)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    objects = ReflectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        # Never the text: this string shows up in the admin and in logs.
        return f"#{self.pk}"

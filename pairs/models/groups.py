"""What a mentor's group does together: its meetings and each member's reflections."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .meetings import MeetingFields, MeetingStatus
from .pair import MentorGroup


class GroupMeetingQuerySet(models.QuerySet["GroupMeeting"]):
    def planned(self) -> GroupMeetingQuerySet:
        return self.filter(status=MeetingStatus.PLANNED)

    def held(self) -> GroupMeetingQuerySet:
        return self.filter(status=MeetingStatus.HELD)


class GroupMeeting(MeetingFields):
    """A meeting of the whole group; its shared notes are read by the group's members only."""

    group = models.ForeignKey(
        MentorGroup, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("group")
    )

    objects = GroupMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("group meeting")
        verbose_name_plural = _("group meetings")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1),
                name="group_meeting_has_length",
                violation_error_message=_("A meeting must end after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(status="held") | Q(held_minutes__isnull=False),
                name="group_meeting_held_has_length",
                violation_error_message=_("Give the actual length of the meeting."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def uid(self) -> str:
        return f"pairs-group-meeting-{self.pk}@mentorship"


class GroupReflectionQuerySet(models.QuerySet["GroupReflection"]):
    def readable_by(self, user_id: int) -> GroupReflectionQuerySet:
        """The author's own and those shared with the group; the caller checked membership."""
        return self.filter(Q(author_id=user_id) | Q(shared=True))


class GroupReflection(models.Model):
    """Private to its author unless the author shares it with the group."""

    group = models.ForeignKey(
        MentorGroup, on_delete=models.CASCADE, related_name="reflections", verbose_name=_("group")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_reflections",
        verbose_name=_("author"),
    )
    meeting = models.ForeignKey(
        GroupMeeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reflections",
        verbose_name=_("meeting"),
    )
    text = models.TextField(_("reflection"))
    shared = models.BooleanField(_("shared with the group"), default=False)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    objects = GroupReflectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("group reflection")
        verbose_name_plural = _("group reflections")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        # Never the text: this string shows up in the admin and in logs.
        return f"#{self.pk}"

"""Meetings of a pair: planned, held or cancelled, with preparation and shared notes."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.fields import LinkField

from .pair import Pair


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    DIGITAL = "digital", _("Digital")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", pgettext_lazy("meeting", "Cancelled")


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def planned(self) -> MeetingQuerySet:
        return self.filter(status=MeetingStatus.PLANNED)

    def held(self) -> MeetingQuerySet:
        return self.filter(status=MeetingStatus.HELD)


class MeetingFields(models.Model):
    """What a meeting is, whoever holds it: a pair (Meeting) or a mentor's group (GroupMeeting)."""

    starts_at = models.DateTimeField(_("starts"))
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"))
    mode = models.CharField(_("how"), max_length=10, choices=MeetingMode.choices)
    place = models.CharField(_("place"), max_length=200, blank=True)
    link = LinkField(_("link"), max_length=500, blank=True)
    questions = models.TextField(
        _("preparation questions"),
        blank=True,
        help_text=_("What both of you think about before the meeting."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    held_minutes = models.PositiveSmallIntegerField(_("actual length (minutes)"), null=True)
    # Shared notes: read by the two members of the pair only.
    notes = models.TextField(_("shared notes"), blank=True)
    # Raised on every change so that calendars update the same entry.
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("planned by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        abstract = True

    @property
    def ends_at(self) -> datetime.datetime:
        """When it ends: as long as it was held, once it has been; as planned until then."""
        if self.status == MeetingStatus.HELD and self.held_minutes:
            return self.starts_at + datetime.timedelta(minutes=self.held_minutes)
        return self.starts_at + datetime.timedelta(minutes=self.minutes)

    @property
    def is_planned(self) -> bool:
        return self.status == MeetingStatus.PLANNED

    @property
    def uid(self) -> str:
        """The calendar entry's lasting identity; each kind of meeting names its own."""
        raise NotImplementedError


class Meeting(MeetingFields):
    pair = models.ForeignKey(
        Pair, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("pair")
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1),
                name="meeting_has_length",
                violation_error_message=_("A meeting must end after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(status="held") | Q(held_minutes__isnull=False),
                name="meeting_held_has_length",
                violation_error_message=_("Give the actual length of the meeting."),
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.pair} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def uid(self) -> str:
        return f"pairs-meeting-{self.pk}@mentorship"


class Preparation(models.Model):
    """One member's answers to a meeting's preparation questions, seen by both."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="preparations", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    text = models.TextField(_("my preparation"))
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("preparation")
        verbose_name_plural = _("preparations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="preparation_once_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} – {self.person_id}"

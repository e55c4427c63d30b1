"""Programme events (kickoff, mentor day, seminars, cafés, leader days) and registrations."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Gender, User
from common.fields import LinkField
from programmes.models.core import Cohort, Municipality, Programme
from programmes.models.participants import AgeGroup


class EventKind(models.TextChoices):
    KICKOFF = "kickoff", _("Kickoff")
    HALF_YEAR = "half_year", _("Half-year meeting")
    CLOSING = "closing", _("Closing")
    MENTOR_DAY = "mentor_day", _("Mentor day")
    SEMINAR = "seminar", _("Seminar")
    LEADERSHIP_CAFE = "cafe", _("Leadership café")
    LEADER_DAY = "leader_day", _("Leader day")
    BREAKFAST = "breakfast", _("Breakfast seminar")
    # One meeting of a cohort's programme of sessions; every admitted participant is expected.
    SESSION = "session", _("Programme session")


class Audience(models.TextChoices):
    COHORT = "cohort", _("The cohort's participants")
    MANAGERS = "managers", _("All managers of the consortium's municipalities")
    INVITED = "invited", _("Invited people only")
    OPEN = "open", _("Open to the chosen municipalities' employees")


class EventQuerySet(models.QuerySet["Event"]):
    def upcoming(self) -> EventQuerySet:
        return self.filter(starts_at__gte=timezone.now())

    def taking_place(self) -> EventQuerySet:
        """Events that have not been cancelled."""
        return self.filter(cancelled_at__isnull=True)

    def for_calendar_of(self, user: User) -> EventQuerySet:
        """Events the person is registered for (on the list or waiting), not cancelled."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            registrations__person=user,
            registrations__status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITING],
        ).distinct()


class Event(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="events", verbose_name=_("programme")
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("cohort"),
        help_text=_("Required when the audience is the cohort's participants."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    preparation = models.TextField(
        _("preparation"),
        blank=True,
        help_text=_("What the participants read, think about or bring before the session."),
    )
    reflection_questions = models.TextField(
        _("reflection questions"),
        blank=True,
        help_text=_("Questions each participant answers after the session, one per line."),
    )
    online_url = LinkField(
        _("digital link"), blank=True, help_text=_("An https link, e.g. to Teams.")
    )
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.COHORT
    )
    invitees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="event_invitations",
        verbose_name=_("invited people"),
    )
    # An open event: every employee of these municipalities may register, account or not.
    open_municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="open_events",
        verbose_name=_("open to the employees of"),
    )
    email_domains = models.TextField(
        _("email domains"),
        blank=True,
        help_text=_(
            "Only addresses in these domains may register for an open event, one per line, "
            "e.g. kungsbacka.se. Leave empty to accept any address."
        ),
    )
    # A session of a cohort with mentor pairs may be for the adepts (the talents) alone.
    for_adepts_only = models.BooleanField(
        _("for the adepts only"),
        default=False,
        help_text=_("Only the cohort's adepts are expected; its mentors are not."),
    )
    # A cancelled event stays, so that the people registered find out on its page and in
    # their calendars; it takes no registrations and is in no figures.
    cancelled_at = models.DateTimeField(_("cancelled on"), null=True, blank=True)
    cancellation_note = models.TextField(
        _("about the cancellation"),
        blank=True,
        help_text=_("Shown on the event's page and in the mail to everyone registered."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="event_has_a_place",
                violation_error_message=_("An event needs at least one place."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("The event must end after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(audience="cohort") | Q(cohort__isnull=False),
                name="event_cohort_audience_has_cohort",
                violation_error_message=_("Choose the cohort whose participants are invited."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_past(self) -> bool:
        return self.starts_at < timezone.now()

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def takes_registrations(self) -> bool:
        return not self.is_past and not self.is_cancelled

    @property
    def is_session(self) -> bool:
        return self.kind == EventKind.SESSION

    @property
    def question_list(self) -> list[str]:
        """The reflection questions, one per non-empty line."""
        return [line.strip() for line in self.reflection_questions.splitlines() if line.strip()]

    @property
    def is_open(self) -> bool:
        return self.audience == Audience.OPEN

    @property
    def domain_list(self) -> list[str]:
        """The allowed email domains, lower case without a leading @; empty for any."""
        parts = self.email_domains.replace(",", "\n").split()
        return sorted({part.strip().lstrip("@").lower() for part in parts if part.strip()})

    def accepts_email(self, email: str) -> bool:
        domains = self.domain_list
        return not domains or email.rsplit("@", 1)[-1].lower() in domains


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class EventRegistration(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("person"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    attended = models.BooleanField(_("attended"), default=False)
    # Asked on an open event's registration page; used only in the event's statistics.
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("municipality"),
    )
    workplace = models.CharField(_("workplace"), max_length=200, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    age_group = models.CharField(_("age group"), max_length=6, choices=AgeGroup.choices, blank=True)
    # When the person (re-)registered: the waiting list moves up in this order.
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["event", "registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                name="event_registration_once_per_person",
                violation_error_message=_("You are already registered for this event."),
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "registered_at"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.event}"

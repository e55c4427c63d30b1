"""The consortium: municipalities, programmes, their members over time, cohorts, enrolments."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from programmes.models.participants import AgeGroup, ConsentRule, ParticipantKind

if TYPE_CHECKING:
    from programmes.models.enrolment import Nomination

MUNICIPALITY_CODE_PATTERN = r"^[0-9]{4}$"
DEFAULT_FEE_SEK = Decimal("9800")
DEFAULT_MEETING_MINUTES = 90


class Municipality(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.CharField(
        _("municipality code"),
        max_length=4,
        unique=True,
        validators=[
            RegexValidator(MUNICIPALITY_CODE_PATTERN, _("The municipality code is four digits."))
        ],
        help_text=_("The official four-digit code, e.g. 0305 for Håbo."),
    )
    contacts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="contact_for",
        verbose_name=_("contacts"),
        help_text=_("People who see this municipality's participants, invoices and statistics."),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=MUNICIPALITY_CODE_PATTERN),
                name="municipality_code_four_digits",
                violation_error_message=_("The municipality code is four digits."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProgrammeKind(models.TextChoices):
    MENTOR = "mentor", _("Mentor programme for managers")
    TALENT = "talent", _("Talent programme")
    CAREER = "career", _("Career programme")
    YOUTH = "youth", _("Mentoring for young people")
    LEADERSHIP = "leadership", _("Leadership programme")
    INTRODUCTION = "introduction", _("Introduction for new managers")


class CohortFormat(models.TextChoices):
    """How a cohort meets: the unit that matching forms and that the report counts."""

    PAIRS = "pairs", _("Pairs: one mentor, one adept")
    GROUPS = "groups", _("Group mentoring: one mentor with a group of adepts")
    SESSIONS = "sessions", _("A programme of group sessions, without mentors")


class AdmissionRule(models.TextChoices):
    OPEN = "open", _("Open, first come first served")
    NOMINATION = "nomination", _("Nomination with staged approval")
    SELECTION = "selection", _("Selection by the coordinator")


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ProgrammeKind.choices, default=ProgrammeKind.MENTOR
    )
    description = models.TextField(_("description"), blank=True)
    mentor_from_other_municipality = models.BooleanField(
        _("mentor must come from another municipality"), default=True
    )
    admission_rule = models.CharField(
        _("admission rule"),
        max_length=20,
        choices=AdmissionRule.choices,
        default=AdmissionRule.SELECTION,
    )
    # The adept's fee; the name is older than fees per role.
    fee_sek = models.DecimalField(
        _("fee per adept and year (SEK)"),
        max_digits=10,
        decimal_places=2,
        default=DEFAULT_FEE_SEK,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Billed to the adept's municipality on admission. 0 if adepts take part free."),
    )
    mentor_fee_sek = models.DecimalField(
        _("fee per mentor and year (SEK)"),
        max_digits=10,
        decimal_places=2,
        default=DEFAULT_FEE_SEK,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "Billed to the mentor's municipality on admission. 0 if mentors take part free."
        ),
    )
    fee_includes = models.CharField(_("the fee includes"), max_length=300, blank=True)
    planned_meetings = models.PositiveSmallIntegerField(
        _("planned meetings per pair"), default=7, validators=[MinValueValidator(1)]
    )
    meeting_minutes = models.PositiveSmallIntegerField(
        _("planned length of a meeting (minutes)"),
        default=DEFAULT_MEETING_MINUTES,
        validators=[MinValueValidator(15)],
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="coordinated_programmes",
        verbose_name=_("coordinators"),
    )
    # Shown to the nearest manager on the nomination form (nomination programmes).
    nomination_guidance = models.TextField(_("guidance for nominating managers"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # Who takes part, and so what the application asks (programmes/profiles.py).
    adept_kind = models.CharField(
        _("who may be an adept"),
        max_length=10,
        choices=ParticipantKind.choices,
        default=ParticipantKind.MANAGER,
    )
    mentor_kind = models.CharField(
        _("who may be a mentor"),
        max_length=10,
        choices=ParticipantKind.choices,
        default=ParticipantKind.MANAGER,
    )
    manager_consent = models.CharField(
        _("the nearest manager must agree"),
        max_length=10,
        choices=ConsentRule.choices,
        default=ConsentRule.BY_KIND,
    )
    asks_work_area = models.BooleanField(
        _("ask for a work area"),
        default=True,
        help_text=_("Chosen from the programme's own list of work areas."),
    )
    asks_languages = models.BooleanField(_("ask which languages the person speaks"), default=True)
    asks_wants = models.BooleanField(_("ask adepts what they want from a mentor"), default=False)
    cohort_format = models.CharField(
        _("new cohorts run as"),
        max_length=10,
        choices=CohortFormat.choices,
        default=CohortFormat.PAIRS,
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fee_sek__gte=0),
                name="programme_fee_not_negative",
                violation_error_message=_("The fee cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(mentor_fee_sek__gte=0),
                name="programme_mentor_fee_not_negative",
                violation_error_message=_("The fee cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(planned_meetings__gte=1), name="programme_plans_a_meeting"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def fee_for(self, role: str) -> Decimal:
        """The yearly fee of a participant in ``role`` (a Role value)."""
        return self.mentor_fee_sek if role == Role.MENTOR else self.fee_sek


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active_on(self, day: datetime.date) -> MembershipQuerySet:
        return self.filter(joined_on__lte=day).filter(Q(left_on__isnull=True) | Q(left_on__gte=day))


class Membership(models.Model):
    """A municipality's part in a programme's consortium, from joining until leaving."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("programme")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    joined_on = models.DateField(_("joined"))
    left_on = models.DateField(_("left"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("consortium membership")
        verbose_name_plural = _("consortium memberships")
        ordering = ["programme", "municipality__name", "joined_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="membership_leaves_after_joining",
                violation_error_message=_("A municipality cannot leave before it joins."),
            ),
            models.UniqueConstraint(
                fields=["programme", "municipality", "joined_on"],
                name="membership_unique_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.programme}"


class CohortQuerySet(models.QuerySet["Cohort"]):
    def open_for_applications(self, day: datetime.date | None = None) -> CohortQuerySet:
        day = day or timezone.localdate()
        return self.filter(
            applications_open_on__isnull=False,
            applications_open_on__lte=day,
            applications_close_on__gte=day,
        )

    def running(self, day: datetime.date | None = None) -> CohortQuerySet:
        day = day or timezone.localdate()
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class Cohort(models.Model):
    """One round of a programme, e.g. "2026/27" of "Mentorprogrammet"."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="cohorts", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    applications_open_on = models.DateField(_("applications open"), null=True, blank=True)
    applications_close_on = models.DateField(_("applications close"), null=True, blank=True)
    mentor_places = models.PositiveIntegerField(_("places for mentors"), default=20)
    adept_places = models.PositiveIntegerField(_("places for adepts"), default=20)
    format = models.CharField(
        _("format"), max_length=10, choices=CohortFormat.choices, default=CohortFormat.PAIRS
    )
    group_size = models.PositiveSmallIntegerField(
        _("adepts per group"),
        default=4,
        validators=[MinValueValidator(2)],
        help_text=_("Group mentoring only: how many adepts one mentor takes in a group."),
    )
    # A withdrawal on or before this day removes the participant's fee line.
    withdrawal_fee_deadline = models.DateField(
        _("last day to withdraw without a fee"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="cohort_ends_after_start",
                violation_error_message=_("The cohort must end after it starts."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(applications_open_on__isnull=True, applications_close_on__isnull=True)
                    | Q(
                        applications_open_on__isnull=False,
                        applications_close_on__isnull=False,
                        applications_close_on__gte=models.F("applications_open_on"),
                        applications_close_on__lte=models.F("ends_on"),
                    )
                ),
                name="cohort_application_window_inside",
                violation_error_message=_(
                    "The application window must open before it closes and close before the "
                    "cohort ends."
                ),
            ),
            models.UniqueConstraint(fields=["programme", "name"], name="cohort_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_mentors(self) -> bool:
        """Whether matching forms pairs or groups in this cohort (not in sessions only)."""
        return self.format != CohortFormat.SESSIONS

    @property
    def is_group_mentoring(self) -> bool:
        return self.format == CohortFormat.GROUPS

    def is_open_for_applications(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return bool(
            self.applications_open_on
            and self.applications_close_on
            and self.applications_open_on <= day <= self.applications_close_on
        )


class Role(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    ADEPT = "adept", _("Adept")


class EnrolmentStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    WAITING = "waiting", _("On the waiting list")
    ADMITTED = "admitted", _("Admitted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MeetingPreference(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    DIGITAL = "digital", _("Digitally")
    EITHER = "either", _("Either way")


# A manager who has not answered this long after being asked has had every reminder
# (services/enrolment.py's CONSENT_REMINDER_AFTER ends here): the consent is overdue.
CONSENT_OVERDUE_AFTER = datetime.timedelta(days=8)


def consent_waiting_condition() -> Q:
    """Open applications whose nearest manager has not answered yet."""
    return Q(
        status=EnrolmentStatus.APPLIED, consent__isnull=False, consent__decided_at__isnull=True
    )


def consent_overdue_condition(now: datetime.datetime | None = None) -> Q:
    """Those of :func:`consent_waiting_condition` whose manager answered no reminder."""
    asked_before = (now or timezone.now()) - CONSENT_OVERDUE_AFTER
    return consent_waiting_condition() & Q(consent__asked_at__lte=asked_before)


class EnrolmentQuerySet(models.QuerySet["Enrolment"]):
    def admitted(self) -> EnrolmentQuerySet:
        return self.filter(status=EnrolmentStatus.ADMITTED)

    def consent_waiting(self) -> EnrolmentQuerySet:
        return self.filter(consent_waiting_condition())

    def consent_overdue(self, now: datetime.datetime | None = None) -> EnrolmentQuerySet:
        return self.filter(consent_overdue_condition(now))

    def mentors(self) -> EnrolmentQuerySet:
        return self.filter(role=Role.MENTOR)

    def adepts(self) -> EnrolmentQuerySet:
        return self.filter(role=Role.ADEPT)


class Enrolment(models.Model):
    """A person in a cohort in one role, from application to the end of the year."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("person"),
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("cohort")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.APPLIED,
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("municipality"),
    )
    department = models.CharField(_("department"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    work_area = models.CharField(_("work area"), max_length=100, blank=True)
    years_as_manager = models.PositiveSmallIntegerField(_("years as manager"), default=0)
    # What an adept wants to develop, or what a mentor can offer.
    development = models.TextField(_("what I want to develop or can offer"), blank=True)
    wished_work_area = models.CharField(
        _("wished work area of the mentor"), max_length=100, blank=True
    )
    meeting_preference = models.CharField(
        _("how I prefer to meet"),
        max_length=10,
        choices=MeetingPreference.choices,
        default=MeetingPreference.EITHER,
    )
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("Separate with commas.")
    )
    # How many adepts a mentor takes on; 1 unless the mentor accepts more.
    mentor_capacity = models.PositiveSmallIntegerField(_("adepts I can take"), default=1)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    # When the application became complete (consent given); first come first served order.
    completed_at = models.DateTimeField(_("application complete"), null=True, blank=True)
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)

    # Asked of students and young people, and of adepts where the programme asks it.
    school = models.CharField(_("school or programme"), max_length=200, blank=True)
    wants_from_mentor = models.TextField(_("what I want from a mentor"), blank=True)
    # Optional, at the cohort's start; only ever reported in groups of five or more.
    age_group = models.CharField(_("age group"), max_length=5, choices=AgeGroup.choices, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["cohort", "role", "person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "cohort", "role"],
                name="enrolment_once_per_role",
                violation_error_message=_("The person is already enrolled in that role."),
            ),
        ]
        indexes = [models.Index(fields=["cohort", "role", "status"])]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.cohort})"

    @property
    def nomination_or_none(self) -> Nomination | None:
        """The manager's nomination, or None: a template asking for a missing one would pay
        for an exception and a dir() of the row (Django's variable lookup)."""
        return getattr(self, "nomination", None)

    def status_label(self) -> str:
        """The status as people read it: a manager's nomination that the approval stages
        have not yet decided reads "Nominated", not "Applied"."""
        if self.status == EnrolmentStatus.APPLIED and hasattr(self, "nomination"):
            return pgettext("enrolment status", "Nominated")
        return str(self.get_status_display())

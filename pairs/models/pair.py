"""The pair's own space. Pairs are created by matching (pair_create) or by hand."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import Cohort, Enrolment

from .. import schedule


class PairQuerySet(models.QuerySet["Pair"]):
    def active(self) -> PairQuerySet:
        return self.filter(dissolved_at__isnull=True)


class MentorGroupQuerySet(models.QuerySet["MentorGroup"]):
    def active(self) -> MentorGroupQuerySet:
        return self.filter(dissolved_at__isnull=True)


class MentorGroup(models.Model):
    """Group mentoring: one mentor and the adepts matched to them, each adept's pair a member.

    The group meets as a whole (GroupMeeting); each adept keeps their own goals in their
    pair with the mentor, and each member's reflections are their own.
    """

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="mentor_groups", verbose_name=_("cohort")
    )
    mentor = models.ForeignKey(
        Enrolment,
        on_delete=models.PROTECT,
        related_name="groups_as_mentor",
        verbose_name=_("mentor"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("formed"), default=timezone.now)
    dissolved_at = models.DateTimeField(_("dissolved"), null=True, blank=True)

    objects = MentorGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor group")
        verbose_name_plural = _("mentor groups")
        ordering = ["cohort", "mentor__person__full_name"]
        constraints = [
            # A mentor leads one active group in a cohort.
            models.UniqueConstraint(
                fields=["mentor"],
                condition=Q(dissolved_at__isnull=True),
                name="mentor_group_one_active_per_mentor",
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.mentor.person)


class Pair(models.Model):
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="pairs", verbose_name=_("cohort")
    )
    mentor = models.ForeignKey(
        Enrolment,
        on_delete=models.PROTECT,
        related_name="pairs_as_mentor",
        verbose_name=_("mentor"),
    )
    adept = models.ForeignKey(
        Enrolment,
        on_delete=models.PROTECT,
        related_name="pairs_as_adept",
        verbose_name=_("adept"),
    )
    # Group mentoring: the mentor's group this adept belongs to (None in a pairs cohort).
    group = models.ForeignKey(
        MentorGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pairs",
        verbose_name=_("group"),
    )
    created_at = models.DateTimeField(_("formed"), default=timezone.now)
    dissolved_at = models.DateTimeField(_("dissolved"), null=True, blank=True)
    # Moved on by the services that change what the pair page shows (pairs/revisions.py).
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)

    objects = PairQuerySet.as_manager()

    class Meta:
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")
        ordering = ["cohort", "adept__person__full_name"]
        constraints = [
            # An adept has one active mentor at a time.
            models.UniqueConstraint(
                fields=["adept"],
                condition=Q(dissolved_at__isnull=True),
                name="pair_one_active_per_adept",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor.person} & {self.adept.person}"

    def member_ids(self) -> tuple[int, int]:
        return (self.mentor.person_id, self.adept.person_id)

    def partner_of(self, user_id: int) -> Enrolment:
        return self.adept if self.mentor.person_id == user_id else self.mentor


class FitAnswer(models.Model):
    """After the first meeting each member says whether the pair works."""

    pair = models.ForeignKey(
        Pair, on_delete=models.CASCADE, related_name="fit_answers", verbose_name=_("pair")
    )
    person = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    works = models.BooleanField(_("the pair works"))
    comment = models.TextField(_("comment"), blank=True)
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("fit answer")
        verbose_name_plural = _("fit answers")
        constraints = [
            models.UniqueConstraint(fields=["pair", "person"], name="fit_answer_once_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.pair}: {self.works}"


class Agreement(models.Model):
    """The mentoröverenskommelse: recorded at the first meeting, confirmed by both."""

    pair = models.OneToOneField(
        Pair, on_delete=models.CASCADE, related_name="agreement", verbose_name=_("pair")
    )
    meeting_frequency = models.CharField(_("how often we meet"), max_length=200)
    meeting_place = models.CharField(_("where we meet"), max_length=200)
    confidentiality = models.TextField(
        _("confidentiality"),
        default=_("What we say to each other stays between us."),
    )
    adept_wishes = models.TextField(_("what the adept wants from the year"))
    mentor_confirmed_at = models.DateTimeField(_("mentor confirmed"), null=True, blank=True)
    adept_confirmed_at = models.DateTimeField(_("adept confirmed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return str(self.pair)

    @property
    def is_confirmed(self) -> bool:
        return bool(self.mentor_confirmed_at and self.adept_confirmed_at)


class PairNudge(models.Model):
    """A nudge sent because the pair had not met for a while; two in a row need attention."""

    pair = models.ForeignKey(
        Pair, on_delete=models.CASCADE, related_name="nudges", verbose_name=_("pair")
    )
    number = models.PositiveIntegerField(_("number"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("nudge")
        verbose_name_plural = _("nudges")
        constraints = [
            models.UniqueConstraint(fields=["pair", "number"], name="pair_nudge_once_per_number"),
        ]

    def __str__(self) -> str:
        return f"{self.pair} #{self.number}"


def _new_feed_token() -> str:
    return schedule.new_token()


class CalendarFeed(models.Model):
    """A person's private calendar address; renewing the token retires the old address."""

    person = models.OneToOneField(
        "accounts.User",
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("person"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=_new_feed_token)
    renewed_at = models.DateTimeField(_("renewed"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.person)

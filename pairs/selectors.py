"""Reads for the pair page, the cohort health view and the calendar feed; surveys: surveys.py."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict, cast

from django.core.cache import cache
from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from programmes.models import Cohort, Enrolment

from . import schedule
from .models import (
    FitAnswer,
    Goal,
    GoalRating,
    GroupMeeting,
    GroupReflection,
    Homework,
    Meeting,
    MeetingStatus,
    MentorGroup,
    Pair,
    PairNudge,
    Preparation,
    Reflection,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from .access import PairPageFacts


@dataclass
class YearStep:
    label: str
    done: bool
    detail: str = ""


# How many of each growing list the pair page shows: the next meetings, the latest
# earlier ones, the newest goals and reflections. The pages of all of them are paged.
UPCOMING_SHOWN = 3
PAST_SHOWN = 4
GOALS_SHOWN = 3
REFLECTIONS_SHOWN = 4
ALL_PER_PAGE = 10


@dataclass
class PairPage:
    pair: Pair
    partner: Enrolment
    me_is_adept: bool
    upcoming: list[Meeting]
    past: list[Meeting]
    goals: list[Goal]
    homework: list[Homework]
    reflections: list[Reflection]
    answered_fit: bool
    held_count: int
    planned_total: int
    agreement: object | None = None
    steps: list[YearStep] = field(default_factory=list)

    # The page shows the latest of what grows over the year; the rest is one link away.
    @property
    def upcoming_shown(self) -> list[Meeting]:
        return self.upcoming[:UPCOMING_SHOWN]

    @property
    def past_shown(self) -> list[Meeting]:
        return self.past[:PAST_SHOWN]

    @property
    def meetings_not_shown(self) -> int:
        shown = len(self.upcoming_shown) + len(self.past_shown)
        return len(self.upcoming) + len(self.past) - shown

    @property
    def shown_goals(self) -> list[Goal]:
        return self.goals[-GOALS_SHOWN:]

    @property
    def goals_not_shown(self) -> int:
        return len(self.goals) - GOALS_SHOWN

    @property
    def shown_reflections(self) -> list[Reflection]:
        return self.reflections[:REFLECTIONS_SHOWN]

    @property
    def reflections_not_shown(self) -> int:
        return len(self.reflections) - REFLECTIONS_SHOWN


# How long the pair page's reads stay in the cache; a change to the pair ends them at once
# by moving its revision on (pairs/revisions.py), so this only bounds the cache's size.
PAIR_PAGE_CACHE_SECONDS = 10 * 60


@dataclass
class PairReads:
    """What the pair page reads from the database, kept in the cache per pair revision,
    reader and members: the reflections in it are those this reader may see."""

    meetings: list[Meeting]
    goals: list[Goal]
    homework: list[Homework]
    reflections: list[Reflection]


def _pair_reads(pair: Pair, user: User) -> PairReads:
    return PairReads(
        meetings=list(
            pair.meetings.order_by("starts_at").prefetch_related(
                Prefetch("preparations", queryset=Preparation.objects.select_related("person"))
            )
        ),
        goals=list(
            pair.goals.prefetch_related(
                Prefetch("ratings", queryset=GoalRating.objects.order_by("rated_on", "created_at"))
            )
        ),
        homework=list(pair.homework.all()),
        reflections=list(pair.reflections.readable_by(user.pk).select_related("author", "meeting")),
    )


def members_digest(pair: Pair) -> str:
    """What the page shows of both members, from the rows that loaded the pair: a new
    name, address, title or municipality gives a new cache key without any other app
    telling the pairs (the cached preparations and reflections carry the names)."""
    shown = [
        (
            member.pk,
            member.role,
            member.status,
            member.title,
            member.person_id,
            member.person.full_name,
            member.person.email,
            member.person.phone,
            member.municipality.name,
        )
        for member in (pair.mentor, pair.adept)
    ]
    return hashlib.blake2b(repr(shown).encode(), digest_size=8).hexdigest()


def cached_pair_reads(pair: Pair, user: User) -> PairReads:
    """The pair page's reads, from the cache when neither the pair nor its members have
    changed since (with the cache unreachable, ``programmes.cache`` answers "not found"
    and the page reads the database)."""
    # The pair's creation time too: a database restored from a backup, where ids and
    # revisions start again, must not meet the pages of the one before.
    key = (
        f"pairs:page:{pair.pk}:{pair.created_at.timestamp()}:{pair.revision}:{user.pk}"
        f":{members_digest(pair)}"
    )
    reads: PairReads | None = cache.get(key)
    if reads is None:
        reads = _pair_reads(pair, user)
        cache.set(key, reads, PAIR_PAGE_CACHE_SECONDS)
    return reads


def pair_page(pair: WithAnnotations[Pair, PairPageFacts], user: User) -> PairPage:
    """Everything on the pair page, for a pair as ``access.pair_for_user`` gives it: a
    fixed number of queries, and none but the pair's own when nothing has changed since
    the reader last looked."""
    reads = cached_pair_reads(pair, user)
    meetings, goals = reads.meetings, reads.goals
    homework, reflections = reads.homework, reads.reflections
    agreement = getattr(pair, "agreement", None) if _has_agreement(pair) else None
    now = timezone.now()
    upcoming = [m for m in meetings if m.status == MeetingStatus.PLANNED and m.ends_at >= now]
    past = [m for m in meetings if m not in upcoming]
    held = sum(1 for m in meetings if m.status == MeetingStatus.HELD)
    page = PairPage(
        pair=pair,
        partner=pair.partner_of(user.pk),
        me_is_adept=pair.adept.person_id == user.pk,
        upcoming=upcoming,
        past=list(reversed(past)),
        goals=goals,
        homework=homework,
        reflections=reflections,
        answered_fit=pair.user_answered_fit,
        held_count=held,
        planned_total=pair.cohort.programme.planned_meetings,
        agreement=agreement,
    )
    page.steps = year_path(pair.cohort, held, pair.cohort.programme.planned_meetings)
    return page


def _has_agreement(pair: Pair) -> bool:
    try:
        pair.agreement  # noqa: B018
    except Pair.agreement.RelatedObjectDoesNotExist:
        return False
    return True


def year_path(cohort: Cohort, held: int, planned: int) -> list[YearStep]:
    from django.utils.translation import gettext as _

    today = timezone.localdate()
    half = cohort.starts_on + (cohort.ends_on - cohort.starts_on) / 2
    return [
        YearStep(_("Kickoff"), today >= cohort.starts_on, _date(cohort.starts_on)),
        YearStep(
            _("Meetings"),
            held >= planned,
            _("%(held)s of %(planned)s held") % {"held": held, "planned": planned},
        ),
        YearStep(_("Half-year meeting"), today >= half, _date(half)),
        YearStep(_("Closing"), today >= cohort.ends_on, _date(cohort.ends_on)),
    ]


def _date(day: datetime.date) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j F Y")


# Cohort health -------------------------------------------------------------------


@dataclass
class PairHealth:
    pair: Pair
    held: int
    planned_ahead: int
    last_meeting: datetime.datetime | None
    agreement_confirmed: bool
    fit: str
    nudges: int
    needs_attention: bool
    # Together longer than a nudge's quiet time and not one meeting held or planned.
    not_started: bool = False


class PairActivity(TypedDict):
    """What :func:`cohort_health_pairs` adds to each pair."""

    held: int
    planned_ahead: int
    last_held: datetime.datetime | None
    nudges_since: int
    needs_attention: bool
    fit_no: bool
    fit_answered: int


# Before any meeting: every nudge counts.
_NEVER = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def _counted(rows: QuerySet[Any]) -> Coalesce:
    """How many of ``rows`` (filtered by the outer pair) there are, as a subquery: no
    GROUP BY over the list, so that the database counts only the rows a page shows."""
    count = rows.order_by().values("pair").annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(count, output_field=IntegerField()), 0)


def cohort_health_pairs(cohort: Cohort) -> QuerySet[WithAnnotations[Pair, PairActivity]]:
    """The cohort's active pairs with the health list's figures, so that the database
    filters and sorts them: meetings held and planned, the last held, the nudges since
    it, whether that many nudges need attention, and whether a member says it does not work."""
    now = timezone.now()
    meetings = Meeting.objects.filter(pair=OuterRef("pk"))
    held = meetings.filter(status=MeetingStatus.HELD)
    fit_answers = FitAnswer.objects.filter(pair=OuterRef("pk"))
    annotated = (
        Pair.objects.active()
        .filter(cohort=cohort)
        .select_related(
            "mentor__person",
            "mentor__municipality",
            "adept__person",
            "adept__municipality",
            "agreement",
        )
        .annotate(
            held=_counted(held),
            planned_ahead=_counted(
                meetings.filter(status=MeetingStatus.PLANNED, starts_at__gt=now)
            ),
            last_held=Subquery(
                held.order_by("-starts_at").values("starts_at")[:1],
                output_field=DateTimeField(),
            ),
        )
        .annotate(
            nudges_since=_counted(
                PairNudge.objects.filter(
                    pair=OuterRef("pk"),
                    sent_at__gt=Coalesce(OuterRef("last_held"), Value(_NEVER, DateTimeField())),
                )
            )
        )
        .annotate(
            needs_attention=Q(nudges_since__gte=schedule.nudges_before_attention()),
            fit_no=Exists(fit_answers.filter(works=False)),
            fit_answered=_counted(fit_answers),
        )
        .order_by("adept__person__full_name", "pk")
    )
    # The rows of a custom QuerySet lose their annotations in the stubs: these are the above.
    return cast("QuerySet[WithAnnotations[Pair, PairActivity]]", annotated)


def pairs_needing_attention(pairs: QuerySet[Any]) -> QuerySet[Any]:
    """Those of :func:`cohort_health_pairs` that need attention; only pairs with that many
    reminders at all are looked at closely, so that a large cohort is counted quickly."""
    threshold = schedule.nudges_before_attention()
    reminded = (
        PairNudge.objects.order_by()
        .values("pair")
        .annotate(count=Count("pk"))
        .filter(count__gte=threshold)
        .values("pair")
    )
    return pairs.filter(pk__in=reminded, needs_attention=True)


def pair_health_rows(pairs: Iterable[WithAnnotations[Pair, PairActivity]]) -> list[PairHealth]:
    """A row per pair of :func:`cohort_health_pairs` (one page of it), without a query."""
    now = timezone.now()
    rows = []
    for pair in pairs:
        agreement = getattr(pair, "agreement", None) if _has_agreement(pair) else None
        rows.append(
            PairHealth(
                pair=pair,
                held=pair.held,
                planned_ahead=pair.planned_ahead,
                last_meeting=pair.last_held,
                agreement_confirmed=bool(agreement and agreement.is_confirmed),
                fit=fit_label(pair),
                nudges=pair.nudges_since,
                needs_attention=pair.needs_attention,
                not_started=(
                    pair.held == 0
                    and pair.planned_ahead == 0
                    and pair.created_at <= now - schedule.nudge_after()
                ),
            )
        )
    return rows


def cohort_health(cohort: Cohort) -> list[PairHealth]:
    """One row per active pair, in a fixed number of queries however large the cohort."""
    return pair_health_rows(cohort_health_pairs(cohort))


@dataclass
class GroupHealth:
    group: MentorGroup
    adepts: list[str]
    held: int
    planned_ahead: int
    last_meeting: datetime.datetime | None
    # Formed longer than a nudge's quiet time ago and not one meeting held or planned.
    not_started: bool


class GroupActivity(TypedDict):
    """What :func:`group_health` adds to each group."""

    held: int
    planned_ahead: int
    last_held: datetime.datetime | None


def group_health(cohort: Cohort) -> list[GroupHealth]:
    """One row per active mentor group: who is in it and how often it has met; figures and
    names only, never the group's notes or reflections."""
    now = timezone.now()
    held = Q(meetings__status=MeetingStatus.HELD)
    annotated = (
        MentorGroup.objects.active()
        .filter(cohort=cohort)
        .select_related("mentor__person", "mentor__municipality")
        .prefetch_related(
            Prefetch(
                "pairs",
                queryset=Pair.objects.active()
                .select_related("adept__person", "adept__municipality")
                .order_by("adept__person__full_name"),
            )
        )
        .annotate(
            held=Count("meetings", filter=held, distinct=True),
            planned_ahead=Count(
                "meetings",
                filter=Q(meetings__status=MeetingStatus.PLANNED, meetings__starts_at__gt=now),
                distinct=True,
            ),
            last_held=Max("meetings__starts_at", filter=held),
        )
        .order_by("mentor__person__full_name")
    )
    groups = cast("list[WithAnnotations[MentorGroup, GroupActivity]]", list(annotated))
    return [
        GroupHealth(
            group=group,
            adepts=[
                f"{pair.adept.person.full_name} ({pair.adept.municipality.name})"
                for pair in group.pairs.all()
            ],
            held=group.held,
            planned_ahead=group.planned_ahead,
            last_meeting=group.last_held,
            not_started=(
                group.held == 0
                and group.planned_ahead == 0
                and group.created_at <= now - schedule.nudge_after()
            ),
        )
        for group in groups
    ]


def fit_label(pair: WithAnnotations[Pair, PairActivity]) -> str:
    """What the pair's members said about the fit, from :func:`cohort_health_pairs`."""
    from django.utils.translation import gettext as _

    if not pair.fit_answered:
        return _("Not answered")
    if pair.fit_no:
        return _("Does not work")
    return _("Works (%(n)s of 2)") % {"n": pair.fit_answered}


# Calendar feed -------------------------------------------------------------------


def feed_meetings(person: User) -> list[Meeting]:
    """The person's meetings in active pairs, planned, held and cancelled (so calendars update)."""
    return list(
        Meeting.objects.filter(
            Q(pair__mentor__person=person) | Q(pair__adept__person=person),
            pair__dissolved_at__isnull=True,
        )
        .select_related("pair__mentor__person", "pair__adept__person")
        .order_by("starts_at")
    )


def feed_group_meetings(person: User) -> list[GroupMeeting]:
    """The meetings of the active groups the person leads or belongs to."""
    in_group = Q(group__mentor__person=person) | Q(
        group__pairs__adept__person=person, group__pairs__dissolved_at__isnull=True
    )
    return list(
        GroupMeeting.objects.filter(in_group, group__dissolved_at__isnull=True)
        .select_related("group__mentor__person")
        .distinct()
        .order_by("starts_at")
    )


# The group page ----------------------------------------------------------------------


@dataclass
class GroupMember:
    """An adept of the group: their pair with the mentor and, to those who may see them,
    the goals they keep there."""

    pair: Pair
    goals: list[Goal]


@dataclass
class GroupPage:
    group: MentorGroup
    is_mentor: bool
    members: list[GroupMember]
    upcoming: list[GroupMeeting]
    past: list[GroupMeeting]
    reflections: list[GroupReflection]
    held_count: int
    my_pair: Pair | None


def group_page(group: MentorGroup, user: User) -> GroupPage:
    """What a member sees of the group: every adept's name, the meetings and their shared
    notes, the reflections they wrote or that were shared with the group, and goals: the
    mentor sees each adept's, an adept their own."""
    is_mentor = group.mentor.person_id == user.pk
    pairs = list(
        group.pairs.filter(dissolved_at__isnull=True)
        .select_related("adept__person", "adept__municipality")
        .prefetch_related(
            Prefetch(
                "goals",
                queryset=Goal.objects.prefetch_related(
                    Prefetch(
                        "ratings", queryset=GoalRating.objects.order_by("rated_on", "created_at")
                    )
                ),
            )
        )
        .order_by("adept__person__full_name")
    )
    members = [
        GroupMember(
            pair=pair,
            goals=list(pair.goals.all()) if is_mentor or pair.adept.person_id == user.pk else [],
        )
        for pair in pairs
    ]
    meetings = list(group.meetings.order_by("starts_at"))
    now = timezone.now()
    return GroupPage(
        group=group,
        is_mentor=is_mentor,
        members=members,
        upcoming=[m for m in meetings if m.status == MeetingStatus.PLANNED and m.ends_at >= now],
        past=[
            m
            for m in reversed(meetings)
            if not (m.status == MeetingStatus.PLANNED and m.ends_at >= now)
        ],
        reflections=list(
            group.reflections.readable_by(user.pk).select_related("author", "meeting")
        ),
        held_count=sum(1 for m in meetings if m.status == MeetingStatus.HELD),
        my_pair=next((p for p in pairs if p.adept.person_id == user.pk), None),
    )

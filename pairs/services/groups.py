"""Group mentoring: a mentor's group forms as adepts are paired with them, meets as a
whole, and each member reflects on their own.

The mentor leads the group: they plan, change and log its meetings, and write the
shared notes that every member reads. Each adept's goals stay in their own pair with
the mentor; reflections are their author's unless shared with the group.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record

from ..models import GroupMeeting, GroupReflection, MentorGroup, Pair
from . import notify
from .meetings import log_apply, plan_apply, planned_fields, recorded_fields


def group_join(pair: Pair) -> MentorGroup:
    """Puts a new pair of a group-mentoring cohort into its mentor's group, formed on the
    first adept; refuses when the group already has the cohort's number of adepts."""
    cohort = pair.cohort
    group = MentorGroup.objects.active().filter(mentor=pair.mentor).first()
    if group is None:
        group = MentorGroup.objects.create(cohort=cohort, mentor=pair.mentor)
    elif group.pairs.filter(dissolved_at__isnull=True).count() >= cohort.group_size:
        raise ValidationError(
            _("%(name)s's group already has %(size)s adepts, as many as the cohort allows.")
            % {"name": pair.mentor.person.full_name, "size": cohort.group_size}
        )
    pair.group = group
    pair.save(update_fields=["group"])
    return group


def group_leave(pair: Pair) -> None:
    """After a pair is dissolved: a group without adepts is dissolved with it."""
    group = pair.group
    if group is None or group.dissolved_at is not None:
        return
    if not group.pairs.filter(dissolved_at__isnull=True).exists():
        group.dissolved_at = timezone.now()
        group.save(update_fields=["dissolved_at"])


def member_ids(group: MentorGroup) -> set[int]:
    """The people of the group: its mentor and the adepts of its active pairs."""
    adepts = group.pairs.filter(dissolved_at__isnull=True).values_list(
        "adept__person_id", flat=True
    )
    return {group.mentor.person_id, *adepts}


def _ensure_active(group: MentorGroup) -> None:
    if group.dissolved_at is not None:
        raise ValidationError(_("The group has been dissolved."))


def _ensure_mentor(group: MentorGroup, actor: User) -> None:
    _ensure_active(group)
    if actor.pk != group.mentor.person_id:
        raise ValidationError(_("Only the group's mentor can do that."))


def _ensure_member(group: MentorGroup, actor: User) -> None:
    _ensure_active(group)
    if actor.pk not in member_ids(group):
        raise ValidationError(_("Only the members of the group can do that."))


def _notify_members(meeting: GroupMeeting, actor: User) -> None:
    others = User.objects.filter(pk__in=member_ids(meeting.group) - {actor.pk}).order_by("pk")
    for person in others:
        notify.group_meeting_change_queue(meeting=meeting, recipient=person)


@transaction.atomic
def group_rename(*, group: MentorGroup, actor: User, name: str) -> MentorGroup:
    _ensure_mentor(group, actor)
    group.name = name.strip()
    group.save(update_fields=["name"])
    audit_record(actor=actor, action="group.rename", target=group)
    return group


@transaction.atomic
def group_meeting_plan(
    *,
    group: MentorGroup,
    actor: User,
    starts_at: datetime.datetime,
    minutes: int,
    mode: str,
    place: str = "",
    link: str = "",
    questions: str = "",
) -> GroupMeeting:
    _ensure_mentor(group, actor)
    meeting = GroupMeeting.objects.create(
        group=group,
        created_by=actor,
        **planned_fields(
            starts_at=starts_at,
            minutes=minutes,
            mode=mode,
            place=place,
            link=link,
            questions=questions,
        ),
    )
    _notify_members(meeting, actor)
    return meeting


@transaction.atomic
def group_meeting_reschedule(
    *,
    meeting: GroupMeeting,
    actor: User,
    starts_at: datetime.datetime,
    minutes: int,
    mode: str,
    place: str = "",
    link: str = "",
    questions: str = "",
) -> GroupMeeting:
    _ensure_mentor(meeting.group, actor)
    plan_apply(
        meeting,
        starts_at=starts_at,
        minutes=minutes,
        mode=mode,
        place=place,
        link=link,
        questions=questions,
    )
    _notify_members(meeting, actor)
    return meeting


@transaction.atomic
def group_meeting_log(
    *,
    meeting: GroupMeeting,
    actor: User,
    held: bool,
    held_minutes: int | None = None,
    notes: str = "",
) -> GroupMeeting:
    """Records a group meeting as held (with the shared notes) or cancelled."""
    _ensure_mentor(meeting.group, actor)
    if log_apply(meeting, held=held, held_minutes=held_minutes, notes=notes):
        _notify_members(meeting, actor)
    return meeting


@transaction.atomic
def group_meeting_record(
    *,
    group: MentorGroup,
    actor: User,
    starts_at: datetime.datetime,
    held_minutes: int,
    mode: str,
    place: str = "",
    notes: str = "",
) -> GroupMeeting:
    """Records a meeting the group has already held without planning it here first; nobody
    is mailed, as it has happened."""
    _ensure_mentor(group, actor)
    return GroupMeeting.objects.create(
        group=group,
        created_by=actor,
        **recorded_fields(
            starts_at=starts_at,
            held_minutes=held_minutes,
            mode=mode,
            place=place,
            notes=notes,
            cohort_starts_on=group.cohort.starts_on,
        ),
    )


@transaction.atomic
def group_reflection_create(
    *,
    group: MentorGroup,
    actor: User,
    text: str,
    shared: bool = False,
    meeting: GroupMeeting | None = None,
) -> GroupReflection:
    _ensure_member(group, actor)
    if not text.strip():
        raise ValidationError({"text": _("Write your reflection.")})
    if meeting is not None and meeting.group_id != group.pk:
        raise ValidationError({"meeting": _("Choose one of the group's meetings.")})
    return GroupReflection.objects.create(
        group=group, author=actor, text=text, shared=shared, meeting=meeting
    )


@transaction.atomic
def group_reflection_share(
    *, reflection: GroupReflection, actor: User, shared: bool
) -> GroupReflection:
    if reflection.author_id != actor.pk:
        raise ValidationError(_("Only the author can share a reflection."))
    reflection.shared = shared
    reflection.save(update_fields=["shared"])
    return reflection

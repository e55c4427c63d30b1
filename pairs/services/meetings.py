"""Planning, preparing and logging a pair's meetings. The partner is told by email."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from ..models import Meeting, MeetingMode, MeetingStatus, Pair, Preparation
from ..models.meetings import MeetingFields
from ..revisions import pair_changed
from . import notify

MAX_MEETING_MINUTES = 8 * 60


def _validate_plan(
    *,
    starts_at: datetime.datetime,
    minutes: int,
    mode: str,
    place: str,
    link: str,
) -> None:
    errors: dict[str, str] = {}
    if minutes is None or minutes < 1:
        errors["minutes"] = _("The meeting must end after it starts.")
    elif minutes > MAX_MEETING_MINUTES:
        errors["minutes"] = _("A meeting can be at most eight hours long.")
    if starts_at <= timezone.now():
        errors["starts_at"] = _("A planned meeting must be in the future.")
    if mode == MeetingMode.IN_PERSON and not place.strip():
        errors["place"] = _("Say where you meet.")
    if mode == MeetingMode.DIGITAL:
        if not link.strip():
            errors["link"] = _("Give the link to the digital meeting.")
        elif not link.lower().startswith("https://"):
            errors["link"] = _("The meeting link must start with https://.")
    if mode not in MeetingMode.values:
        errors["mode"] = _("Choose in person or digital.")
    if errors:
        raise ValidationError(errors)


def planned_fields(
    *,
    starts_at: datetime.datetime,
    minutes: int,
    mode: str,
    place: str,
    link: str,
    questions: str,
) -> dict[str, object]:
    """The checked fields of a new meeting, a pair's or a group's."""
    _validate_plan(starts_at=starts_at, minutes=minutes, mode=mode, place=place, link=link)
    return {
        "starts_at": starts_at,
        "minutes": minutes,
        "mode": mode,
        "place": place.strip() if mode == MeetingMode.IN_PERSON else "",
        "link": link.strip() if mode == MeetingMode.DIGITAL else "",
        "questions": questions,
    }


def plan_apply(
    meeting: MeetingFields,
    *,
    starts_at: datetime.datetime,
    minutes: int,
    mode: str,
    place: str,
    link: str,
    questions: str,
) -> None:
    """Moves a planned meeting (a pair's or a group's) to a new time, place or agenda."""
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Only a planned meeting can be changed."))
    fields = planned_fields(
        starts_at=starts_at,
        minutes=minutes,
        mode=mode,
        place=place,
        link=link,
        questions=questions,
    )
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.sequence += 1
    meeting.updated_at = timezone.now()
    meeting.save()


def log_apply(meeting: MeetingFields, *, held: bool, held_minutes: int | None, notes: str) -> bool:
    """Records a meeting as held or cancelled; True when it was still planned before."""
    if held:
        if held_minutes is None or held_minutes < 1:
            raise ValidationError(
                {"held_minutes": _("Give the actual length of the meeting in minutes.")}
            )
        if held_minutes > MAX_MEETING_MINUTES:
            raise ValidationError({"held_minutes": _("A meeting can be at most eight hours long.")})
        if meeting.starts_at > timezone.now():
            raise ValidationError(_("A meeting can be logged as held once it has started."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("The meeting was cancelled."))
    was_planned = meeting.status == MeetingStatus.PLANNED
    meeting.status = MeetingStatus.HELD if held else MeetingStatus.CANCELLED
    meeting.held_minutes = held_minutes if held else None
    meeting.notes = notes
    meeting.updated_at = timezone.now()
    if was_planned:
        # The calendar entry is confirmed as held, or cancelled, in the same entry.
        meeting.sequence += 1
    meeting.save()
    return was_planned


def _notify_partner(meeting: Meeting, actor: User) -> None:
    partner = meeting.pair.partner_of(actor.pk).person
    notify.meeting_change_queue(meeting=meeting, recipient=partner)


def _ensure_member(pair: Pair, actor: User) -> None:
    if actor.pk not in pair.member_ids():
        raise ValidationError(_("Only the two members of the pair can do that."))
    if pair.dissolved_at is not None:
        raise ValidationError(_("The pair has been dissolved."))


@transaction.atomic
def meeting_plan(
    *,
    pair: Pair,
    actor: User,
    starts_at: datetime.datetime,
    minutes: int,
    mode: str,
    place: str = "",
    link: str = "",
    questions: str = "",
) -> Meeting:
    _ensure_member(pair, actor)
    meeting = Meeting.objects.create(
        pair=pair,
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
    pair_changed(pair.pk)
    _notify_partner(meeting, actor)
    return meeting


@transaction.atomic
def meeting_reschedule(
    *,
    meeting: Meeting,
    actor: User,
    starts_at: datetime.datetime,
    minutes: int,
    mode: str,
    place: str = "",
    link: str = "",
    questions: str = "",
) -> Meeting:
    _ensure_member(meeting.pair, actor)
    plan_apply(
        meeting,
        starts_at=starts_at,
        minutes=minutes,
        mode=mode,
        place=place,
        link=link,
        questions=questions,
    )
    pair_changed(meeting.pair_id)
    _notify_partner(meeting, actor)
    return meeting


@transaction.atomic
def meeting_log(
    *,
    meeting: Meeting,
    actor: User,
    held: bool,
    held_minutes: int | None = None,
    notes: str = "",
) -> Meeting:
    """Records a meeting as held (with its actual length) or cancelled, with shared notes."""
    _ensure_member(meeting.pair, actor)
    was_planned = log_apply(meeting, held=held, held_minutes=held_minutes, notes=notes)
    pair_changed(meeting.pair_id)
    if was_planned:
        _notify_partner(meeting, actor)
    return meeting


def recorded_fields(
    *,
    starts_at: datetime.datetime,
    held_minutes: int,
    mode: str,
    place: str,
    notes: str,
    cohort_starts_on: datetime.date,
) -> dict[str, object]:
    """The checked fields of a meeting recorded after the fact, a pair's or a group's: it has
    happened, within the cohort, with a length."""
    errors: dict[str, str] = {}
    if starts_at > timezone.now():
        errors["day"] = _("A meeting you record has already taken place; plan one to come.")
    elif starts_at.date() < cohort_starts_on - datetime.timedelta(days=31):
        errors["day"] = _("The meeting is from before the cohort started.")
    if held_minutes is None or held_minutes < 1:
        errors["minutes"] = _("Give the actual length of the meeting in minutes.")
    elif held_minutes > MAX_MEETING_MINUTES:
        errors["minutes"] = _("A meeting can be at most eight hours long.")
    if mode not in MeetingMode.values:
        errors["mode"] = _("Choose in person or digital.")
    if errors:
        raise ValidationError(errors)
    return {
        "starts_at": starts_at,
        "minutes": held_minutes,
        "held_minutes": held_minutes,
        "mode": mode,
        "place": place.strip() if mode == MeetingMode.IN_PERSON else "",
        "status": MeetingStatus.HELD,
        "notes": notes,
    }


@transaction.atomic
def meeting_record(
    *,
    pair: Pair,
    actor: User,
    starts_at: datetime.datetime,
    held_minutes: int,
    mode: str,
    place: str = "",
    notes: str = "",
) -> Meeting:
    """Records a meeting the pair has already held without planning it here first."""
    _ensure_member(pair, actor)
    meeting = Meeting.objects.create(
        pair=pair,
        created_by=actor,
        **recorded_fields(
            starts_at=starts_at,
            held_minutes=held_minutes,
            mode=mode,
            place=place,
            notes=notes,
            cohort_starts_on=pair.cohort.starts_on,
        ),
    )
    pair_changed(pair.pk)
    return meeting


@transaction.atomic
def meeting_prepare(*, meeting: Meeting, actor: User, text: str) -> Preparation:
    _ensure_member(meeting.pair, actor)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Preparation is for meetings still to come."))
    if not text.strip():
        raise ValidationError({"text": _("Write something to prepare.")})
    preparation, _created = Preparation.objects.update_or_create(
        meeting=meeting, person=actor, defaults={"text": text, "updated_at": timezone.now()}
    )
    pair_changed(meeting.pair_id)
    return preparation

"""A cohort's programme of sessions: plan, change and remove sessions, their materials and
the participants' reflections.

A session is an event of the kind SESSION for the cohort's participants. Nobody
registers: every admitted participant is expected (session_participants.py).
"""

from __future__ import annotations

import datetime
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from events.models import (
    Audience,
    Event,
    EventKind,
    ReflectionAnswer,
    RegistrationStatus,
    Resource,
    SessionReflection,
)
from events.services.event_mails import mails_enabled
from events.services.events import event_create, event_update
from events.services.resources import resource_add, resource_delete
from events.services.session_participants import expected_enrolments, session_participants_sync
from notifications.emails import email_send
from notifications.models import Delivery
from notifications.services import delivery_queue, delivery_sender
from programmes.models import Cohort

SESSION_CANCELLED_KIND = "session_cancelled"


class SessionFields(TypedDict, total=False):
    """What the session form sets; session_update takes any of them."""

    title: str
    theme: str
    description: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    online_url: str
    preparation: str
    reflection_questions: str
    for_adepts_only: bool


def _check_session(event: Event) -> None:
    if not event.is_session or event.cohort_id is None:
        raise ValidationError(_("This event is not a session of a cohort's programme."))


def _check_past_within_cohort(cohort: Cohort, starts_at: datetime.datetime | None) -> None:
    """A session entered after it took place belongs to the cohort's own period."""
    if starts_at is None or starts_at > timezone.now():
        return
    if timezone.localdate(starts_at) < cohort.starts_on:
        raise ValidationError(
            {"starts_at": _("A session that has taken place must be within the cohort's period.")}
        )


@transaction.atomic
def session_plan(*, cohort: Cohort, actor: User, **fields: Unpack[SessionFields]) -> Event:
    """A new session for the cohort; its admitted participants are expected at once."""
    if fields.get("for_adepts_only") and not cohort.has_mentors:
        # Without mentors every participant is an adept already.
        fields["for_adepts_only"] = False
    _check_past_within_cohort(cohort, fields.get("starts_at"))
    session = event_create(
        programme=cohort.programme,
        cohort=cohort,
        kind=EventKind.SESSION,
        audience=Audience.COHORT,
        capacity=1,
        # A coordinator may enter a session that has taken place, to mark who came.
        allow_past=True,
        **fields,
    )
    session_participants_sync(event=session)
    audit_record(actor=actor, action="session.plan", target=session, summary=session.title)
    session.refresh_from_db()
    return session


@transaction.atomic
def session_update(*, event: Event, actor: User, **fields: Unpack[SessionFields]) -> Event:
    _check_session(event)
    assert event.cohort is not None
    if fields.get("for_adepts_only") and not event.cohort.has_mentors:
        fields["for_adepts_only"] = False
    _check_past_within_cohort(event.cohort, fields.get("starts_at"))
    session = event_update(event=event, allow_past=True, **fields)
    session_participants_sync(event=session)
    audit_record(actor=actor, action="session.change", target=session, summary=session.title)
    session.refresh_from_db()
    return session


def session_is_held(event: Event) -> bool:
    """Attendance marked or a reflection written: the session is part of the cohort's figures."""
    return event.registrations.filter(attended=True).exists() or event.reflections.exists()


@transaction.atomic
def session_delete(*, event: Event, actor: User) -> None:
    """Removes a planned session with its materials and tells the people expected; a held
    session stays in the figures."""
    _check_session(event)
    if session_is_held(event):
        raise ValidationError(
            _(
                "The session has attendance or reflections and is part of the cohort's figures; "
                "it cannot be removed."
            )
        )
    if mails_enabled(event):
        # The people expected are told; the mail carries what it needs, the session is gone.
        payload = {
            "title": event.title,
            "starts_at": event.starts_at.isoformat(),
            "place": event.place,
            "cohort_id": event.cohort_id,
            "programme": event.programme.name,
        }
        for registration in event.registrations.filter(
            status=RegistrationStatus.REGISTERED
        ).select_related("person"):
            delivery_queue(
                kind=SESSION_CANCELLED_KIND, recipient=registration.person, payload=payload
            )
    for material in list(event.materials.all()):
        resource_delete(resource=material, actor=actor)
    audit_record(actor=actor, action="session.delete", target=event, summary=event.title)
    event.delete()


@delivery_sender(SESSION_CANCELLED_KIND)
def session_cancelled_send(delivery: Delivery) -> str:
    payload = delivery.payload
    return email_send(
        to=delivery.recipient,
        template="session_cancelled",
        context={
            "title": payload["title"],
            "starts_at": datetime.datetime.fromisoformat(payload["starts_at"]),
            "place": payload.get("place", ""),
            "programme_name": payload.get("programme", ""),
        },
    )


def session_material_add(
    *,
    event: Event,
    actor: User,
    title: str,
    description: str = "",
    upload: UploadedFile | None = None,
    url: str = "",
) -> Resource:
    """A document or link shown on the session, to the cohort's participants."""
    _check_session(event)
    return resource_add(
        programme=event.programme,
        cohort=event.cohort,
        event=event,
        title=title,
        description=description,
        upload=upload,
        url=url,
        uploaded_by=actor,
    )


def reflection_questions_of(event: Event) -> list[str]:
    """The session's questions; a session without any asks for one free reflection ("")."""
    return event.question_list or [""]


@transaction.atomic
def session_reflection_save(
    *, event: Event, author: User, answers: list[str], now: datetime.datetime | None = None
) -> SessionReflection:
    """Writes or rewrites the participant's own reflection, once the session has started."""
    _check_session(event)
    assert event.cohort_id is not None
    now = now or timezone.now()
    if not expected_enrolments(event).filter(person=author).exists():
        raise ValidationError(_("Only the cohort's participants reflect on its sessions."))
    if event.starts_at > now:
        raise ValidationError(_("You can write your reflection once the session has started."))
    questions = reflection_questions_of(event)
    if len(answers) != len(questions):
        raise ValidationError(_("Answer the session's questions as they are shown."))
    cleaned = [answer.strip() for answer in answers]
    if not any(cleaned):
        raise ValidationError(_("Write an answer to at least one question."))
    reflection, _created = SessionReflection.objects.select_for_update().get_or_create(
        event=event, author=author
    )
    reflection.answers = [
        ReflectionAnswer(question=question, answer=answer)
        for question, answer in zip(questions, cleaned, strict=True)
    ]
    reflection.save()
    return reflection

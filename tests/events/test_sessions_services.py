"""A programme of sessions: who is expected, planning, reflections, removal, reminders, privacy."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from audit.models import AuditEvent
from events.models import EventKind, EventRegistration, RegistrationStatus, SessionReflection
from events.services.events import event_cancel, event_register, event_reminders_send
from events.services.session_participants import session_participants_sync
from events.services.sessions import (
    session_delete,
    session_material_add,
    session_plan,
    session_reflection_save,
    session_update,
)
from privacy.registry import register_extract, retention_handlers
from programmes.models import CohortFormat, Enrolment, EnrolmentStatus
from programmes.services.enrolment import enrolment_admit
from tests.factories import EnrolmentFactory

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The services' refusals are read in English here, as the personas read the site."""
    with translation.override("en"):
        yield


def _registered(session) -> set[int]:  # type: ignore[no-untyped-def]
    return set(
        EventRegistration.objects.filter(
            event=session, status=RegistrationStatus.REGISTERED
        ).values_list("person_id", flat=True)
    )


def _plan(world, days: int = 14, **fields):  # type: ignore[no-untyped-def]
    starts = timezone.now() + datetime.timedelta(days=days)
    fields.setdefault("title", "Träff 1")
    return session_plan(
        cohort=world.cohort,
        actor=world.coordinator,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        place=fields.pop("place", "Kommunhuset"),
        **fields,
    )


def _participants(world) -> set[int]:  # type: ignore[no-untyped-def]
    return {world.adept.pk, world.mentor.pk, world.other_adept.pk, world.other_mentor.pk}


def test_a_planned_session_expects_every_admitted_participant_without_registering(world) -> None:
    applied = EnrolmentFactory(cohort=world.cohort, status=EnrolmentStatus.APPLIED)
    session = _plan(world, theme="Att leda förändring", preparation="Läs kapitel 2.")
    assert session.kind == EventKind.SESSION
    assert _registered(session) == _participants(world)
    assert applied.person_id not in _registered(session)
    assert session.capacity == 4
    assert AuditEvent.objects.filter(action="session.plan", target_id=str(session.pk)).exists()


def test_a_participant_admitted_later_is_expected_at_the_coming_sessions(
    world, make_session
) -> None:
    held = make_session(days=-7)
    coming = _plan(world)
    late = EnrolmentFactory(
        cohort=world.cohort, status=EnrolmentStatus.APPLIED, completed_at=timezone.now()
    )
    enrolment_admit(enrolment=late, actor=world.coordinator)
    assert late.person_id in _registered(coming)
    # A session already held is not rewritten: the newcomer was not expected there.
    assert late.person_id not in _registered(held)


def test_a_withdrawn_participant_is_no_longer_expected_but_kept_where_marked_present(
    world, make_session
) -> None:
    held = make_session(days=-7)
    coming = make_session(days=7)
    EventRegistration.objects.filter(event=held, person=world.adept).update(attended=True)
    Enrolment.objects.filter(pk=world.adept_enrolment.pk).update(status=EnrolmentStatus.WITHDRAWN)
    session_participants_sync(event=held)
    session_participants_sync(event=coming)
    assert world.adept.pk not in _registered(coming)
    assert world.adept.pk in _registered(held)


def test_nobody_registers_for_or_cancels_a_session(world, make_session) -> None:
    session = make_session(days=7)
    with pytest.raises(ValidationError, match="Nobody registers"):
        event_cancel(event=session, person=world.adept)
    with pytest.raises(ValidationError, match="Nobody registers"):
        event_register(event=session, person=world.outsider)
    assert world.adept.pk in _registered(session)


def test_a_session_that_took_place_is_entered_afterwards_within_the_cohorts_period(
    world,
) -> None:
    today = timezone.localdate()
    world.cohort.starts_on = today - datetime.timedelta(days=60)
    world.cohort.ends_on = today + datetime.timedelta(days=200)
    world.cohort.save()
    held = _plan(world, days=-1)
    # Entered after the fact: everyone admitted is expected, so attendance can be marked.
    assert _registered(held) == _participants(world)
    with pytest.raises(ValidationError) as error:
        _plan(world, days=-90, title="Före starten")
    assert "starts_at" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _plan(world, place="")
    assert "place" in error.value.message_dict


def test_moving_a_session_keeps_its_participants_and_is_audited(world) -> None:
    session = _plan(world)
    later = session.starts_at + datetime.timedelta(days=7)
    moved = session_update(
        event=session,
        actor=world.coordinator,
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=2),
        reflection_questions="Vad lärde du dig?",
    )
    assert moved.starts_at == later
    assert moved.question_list == ["Vad lärde du dig?"]
    assert _registered(moved) == _participants(world)
    assert AuditEvent.objects.filter(action="session.change").count() == 1


def test_a_reflection_is_written_after_the_start_and_rewritten_not_duplicated(
    world, make_session
) -> None:
    session = make_session(days=-1)
    session_reflection_save(event=session, author=world.adept, answers=["Mod", ""])
    reflection = session_reflection_save(
        event=session, author=world.adept, answers=["Mod att fråga", "Boka ett möte"]
    )
    assert SessionReflection.objects.filter(event=session).count() == 1
    assert reflection.answer_list == [
        {"question": "Vad tar du med dig?", "answer": "Mod att fråga"},
        {"question": "Vad gör du nu?", "answer": "Boka ett möte"},
    ]


@pytest.mark.parametrize(
    ("days", "who", "answers", "message"),
    [
        (2, "adept", ["Mod", "Ja"], "once the session has started"),
        (-1, "outsider", ["Mod", "Ja"], "Only the cohort's participants"),
        (-1, "adept", ["", "  "], "at least one question"),
        (-1, "adept", ["Bara ett svar"], "as they are shown"),
    ],
)
def test_a_reflection_is_refused_and_nothing_saved(
    world, make_session, days, who, answers, message
) -> None:
    session = make_session(days=days)
    with pytest.raises(ValidationError, match=message):
        session_reflection_save(event=session, author=world.people[who], answers=answers)
    assert not SessionReflection.objects.exists()


def test_a_session_without_questions_asks_for_one_free_reflection(world, make_session) -> None:
    session = make_session(days=-1, reflection_questions="")
    reflection = session_reflection_save(event=session, author=world.mentor, answers=["Bra dag"])
    assert reflection.answer_list == [{"question": "", "answer": "Bra dag"}]


def test_a_planned_session_is_removed_with_its_materials(world) -> None:
    session = _plan(world)
    session_material_add(
        event=session, actor=world.coordinator, title="Artikel", url="https://example.se/a"
    )
    session_delete(event=session, actor=world.coordinator)
    assert not EventRegistration.objects.filter(event_id=session.pk).exists()
    assert not world.cohort.resources.exists()
    assert AuditEvent.objects.filter(action="session.delete").exists()


def test_the_people_expected_are_told_when_a_coming_session_is_removed(
    world, outbox, django_capture_on_commit_callbacks
) -> None:
    session = _plan(world, title="Träff 3")
    when = session.starts_at
    with django_capture_on_commit_callbacks(execute=True):
        session_delete(event=session, actor=world.coordinator)
    assert sorted(m.to[0] for m in outbox) == sorted(
        p.email for p in (world.adept, world.mentor, world.other_adept, world.other_mentor)
    )
    assert "Cancelled: Träff 3" in outbox[0].subject
    assert timezone.localtime(when).strftime("%H:%M") in outbox[0].body
    assert "/sessions/" in outbox[0].body


def test_a_held_session_with_attendance_or_reflections_stays(world, make_session) -> None:
    marked = make_session(days=-7)
    EventRegistration.objects.filter(event=marked, person=world.adept).update(attended=True)
    reflected = make_session(days=-1)
    session_reflection_save(event=reflected, author=world.adept, answers=["Mod", ""])
    for session in (marked, reflected):
        with pytest.raises(ValidationError, match="part of the cohort's figures"):
            session_delete(event=session, actor=world.coordinator)
        assert type(session).objects.filter(pk=session.pk).exists()


def test_material_belongs_to_the_session_and_its_cohort(world, make_session) -> None:
    session = make_session(days=7)
    material = session_material_add(
        event=session, actor=world.coordinator, title="Inför träffen", url="https://example.se/b"
    )
    assert material.event == session
    assert material.cohort == world.cohort
    assert material.programme == world.programme


def test_the_reminder_reaches_every_participant_of_a_session(world, make_session, outbox) -> None:
    session = make_session(days=0.5, preparation="Läs artikeln om tillit.")
    # Admitted after the session was made, without the admission's signal: the sweep catches up.
    late = EnrolmentFactory(cohort=world.cohort)
    assert event_reminders_send() == 5
    recipients = {message.to[0] for message in outbox}
    assert recipients == {
        world.adept.email,
        world.mentor.email,
        world.other_adept.email,
        world.other_mentor.email,
        late.person.email,
    }
    body = outbox[0].body
    assert "Läs artikeln om tillit." in body
    assert f"/sessions/{session.pk}/" in body
    assert "please cancel" not in body


def test_the_register_extract_holds_the_authors_own_reflection_only(world, make_session) -> None:
    session = make_session(days=-1)
    session_reflection_save(event=session, author=world.adept, answers=["Hemligt svar", ""])

    def sections(person):  # type: ignore[no-untyped-def]
        return {s["model"]: s for s in register_extract(person)["sections"]}

    own = sections(world.adept)["events.sessionreflection"]
    assert "Hemligt svar" in str(own["rows"])
    other = sections(world.mentor).get("events.sessionreflection")
    assert other is None or "Hemligt svar" not in str(other["rows"])


def test_retention_empties_the_answers_of_past_participants_and_keeps_the_count(
    world, make_session
) -> None:
    session = make_session(days=-1)
    session_reflection_save(event=session, author=world.adept, answers=["Svar", ""])
    session_reflection_save(event=session, author=world.mentor, answers=["Annat", ""])
    handler = next(
        h for h in retention_handlers("reflections") if h.apply.__module__ == "events.privacy"
    )
    emptied = handler.apply(Enrolment.objects.filter(pk=world.adept_enrolment.pk))
    assert emptied == 1
    answers = dict(SessionReflection.objects.values_list("author_id", "answers"))
    assert answers == {
        world.adept.pk: [],
        world.mentor.pk: [
            {"question": "Vad tar du med dig?", "answer": "Annat"},
            {"question": "Vad gör du nu?", "answer": ""},
        ],
    }


def test_a_session_for_the_adepts_only_expects_no_mentor(world, make_session, client_for) -> None:
    session = make_session(days=-1, for_adepts_only=True, theme="Talangträff")
    assert _registered(session) == {world.adept.pk, world.other_adept.pk}
    with pytest.raises(ValidationError, match="Only the cohort's participants"):
        session_reflection_save(event=session, author=world.mentor, answers=["Mod", ""])
    mentor = client_for("mentor")
    assert "Talangträff" not in mentor.get("/sessions/").content.decode()
    assert mentor.get(f"/sessions/{session.pk}/").status_code == 404
    assert "Talangträff" not in mentor.get("/events/").content.decode()
    assert "Talangträff" in client_for("adept").get("/sessions/").content.decode()


def test_a_cohort_without_mentors_has_no_sessions_for_adepts_only(world) -> None:
    world.cohort.format = CohortFormat.SESSIONS
    world.cohort.save()
    session = _plan(world, for_adepts_only=True)
    assert session.for_adepts_only is False

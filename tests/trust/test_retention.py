"""The retention job follows each municipality's decision, logs each run and keeps statistics."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from celery.schedules import crontab
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from events.models import Audience, EventKind, EventRegistration
from mentorship.celery import app as celery_app
from pairs.models import Meeting, Reflection
from privacy.models import (
    PersonAnonymisation,
    RecordKind,
    RetentionAction,
    RetentionDecision,
    RetentionRun,
)
from privacy.services.retention import retention_run
from programmes.models import Enrolment
from tests.programmes.factories_running import EventFactory
from tests.world import World

MONTHS = 12


def _decide(world: World, municipality, **periods: int) -> RetentionDecision:
    values = dict.fromkeys(
        [
            "reflections_months",
            "notes_months",
            "evaluation_answers_months",
            "applications_months",
            "contact_details_months",
        ],
        MONTHS,
    )
    values.update(periods)
    return RetentionDecision.objects.create(
        municipality=municipality,
        decided_on=datetime.date(2020, 1, 1),
        reference=f"KS 2020/{municipality.pk}",
        **values,
    )


def _end_cohort(world: World, *, days_past_limit: int) -> None:
    """Moves the world's cohort so that it ended MONTHS months plus ``days_past_limit`` ago."""
    today = timezone.localdate()
    ends_on = today - relativedelta(months=MONTHS) - datetime.timedelta(days=days_past_limit)
    world.cohort.starts_on = ends_on - datetime.timedelta(days=300)
    world.cohort.ends_on = ends_on
    world.cohort.applications_open_on = None
    world.cohort.applications_close_on = None
    world.cohort.save()


@pytest.fixture
def written(world: World) -> World:
    for municipality in (world.municipality_a, world.municipality_b, world.municipality_c):
        _decide(world, municipality)
    Reflection.objects.create(pair=world.pair, author=world.adept, text="Adeptens tanke")
    Reflection.objects.create(pair=world.pair, author=world.mentor, text="Mentorns tanke")
    Meeting.objects.create(
        pair=world.pair,
        starts_at=timezone.now() - datetime.timedelta(days=500),
        minutes=60,
        mode="digital",
        notes="Vi pratade om budgeten",
    )
    Enrolment.objects.filter(pk=world.adept_enrolment.pk).update(development="Konflikthantering")
    return world


def test_records_on_the_last_day_of_their_period_are_kept(written: World) -> None:
    _end_cohort(written, days_past_limit=0)
    run = retention_run()
    assert run.actions.count() == 0
    assert Reflection.objects.filter(text="Adeptens tanke").exists()
    assert User.objects.get(pk=written.adept.pk).email == written.adept.email


def test_records_one_day_past_their_period_are_emptied_and_the_people_anonymised(
    written: World,
) -> None:
    _end_cohort(written, days_past_limit=1)
    run = retention_run()
    assert set(Reflection.objects.values_list("text", flat=True)) == {""}
    assert Meeting.objects.get().notes == ""
    adept = User.objects.get(pk=written.adept.pk)
    assert adept.email.endswith("@anonymised.invalid")
    assert adept.full_name != "Ada Adept"
    assert not adept.is_active
    assert Enrolment.objects.get(pk=written.adept_enrolment.pk).development == ""
    kinds = set(run.actions.values_list("kind", flat=True))
    assert {RecordKind.REFLECTIONS, RecordKind.NOTES, RecordKind.CONTACT_DETAILS} <= kinds
    action = run.actions.get(
        kind=RecordKind.REFLECTIONS, decision__municipality=written.municipality_a
    )
    assert action.count == 1


def test_statistics_survive_retention(written: World) -> None:
    _end_cohort(written, days_past_limit=1)
    before = (
        Enrolment.objects.filter(cohort=written.cohort).count(),
        Reflection.objects.count(),
        Meeting.objects.count(),
        written.cohort.pairs.count(),
    )
    gender_before = User.objects.get(pk=written.adept.pk).gender
    retention_run()
    after = (
        Enrolment.objects.filter(cohort=written.cohort).count(),
        Reflection.objects.count(),
        Meeting.objects.count(),
        written.cohort.pairs.count(),
    )
    assert after == before
    assert User.objects.get(pk=written.adept.pk).gender == gender_before


def test_a_second_run_finds_nothing_more_to_do(written: World) -> None:
    _end_cohort(written, days_past_limit=1)
    retention_run()
    second = retention_run()
    assert second.actions.count() == 0
    assert RetentionRun.objects.count() == 2


def test_a_municipality_without_a_decision_keeps_everything(written: World) -> None:
    RetentionDecision.objects.filter(municipality=written.municipality_a).delete()
    _end_cohort(written, days_past_limit=400)
    retention_run()
    assert Reflection.objects.get(author=written.adept).text == "Adeptens tanke"
    assert User.objects.get(pk=written.adept.pk).email == written.adept.email
    # The mentor's municipality decided, so the mentor's own reflection went.
    assert Reflection.objects.get(author=written.mentor).text == ""
    # Shared notes stay until both members' periods have passed.
    assert Meeting.objects.get().notes == "Vi pratade om budgeten"


def test_coordinators_and_contacts_keep_their_accounts(written: World) -> None:
    written.cohort.programme.coordinators.add(written.adept)
    _end_cohort(written, days_past_limit=1)
    retention_run()
    assert User.objects.get(pk=written.adept.pk).email == written.adept.email


def test_the_command_logs_the_run_with_kind_count_and_decision(written: World, capsys) -> None:
    _end_cohort(written, days_past_limit=1)
    call_command("retention_run")
    out = capsys.readouterr().out
    assert "Håbo" in out and "KS 2020/" in out
    run = RetentionRun.objects.get()
    assert run.trigger == "command" and run.finished_at is not None
    assert RetentionAction.objects.filter(run=run).exists()
    assert AuditEvent.objects.filter(action="retention.run", target_id=str(run.pk)).exists()


def test_the_nightly_task_is_scheduled_and_runs_the_job(written: World, settings) -> None:
    from privacy.tasks import retention_run as task

    entry = settings.CELERY_BEAT_SCHEDULE["privacy.retention_run"]
    assert entry["task"] == task.name
    assert isinstance(entry["schedule"], crontab)
    _end_cohort(written, days_past_limit=1)
    run_id = task.delay().get()
    assert RetentionRun.objects.get(pk=run_id).trigger == "schedule"
    assert Reflection.objects.get(author=written.adept).text == ""


def test_retention_runs_at_half_past_three_swedish_time_each_night(settings) -> None:
    schedule = settings.CELERY_BEAT_SCHEDULE["privacy.retention_run"]["schedule"]
    assert isinstance(schedule, crontab)
    assert (schedule.hour, schedule.minute) == ({3}, {30})
    assert schedule.day_of_week == set(range(7)) and schedule.day_of_month == set(range(1, 32))
    assert celery_app.conf.timezone == settings.TIME_ZONE == "Europe/Stockholm"
    stockholm = ZoneInfo("Europe/Stockholm")
    # Whenever beat started, and on the nights summer time starts and ends (02:00-03:00 is
    # skipped in March and repeated in October).
    for last_run in (
        datetime.datetime(2026, 12, 5, 14, 7, tzinfo=stockholm),
        datetime.datetime(2027, 3, 27, 3, 30, tzinfo=stockholm),
        datetime.datetime(2027, 10, 30, 3, 30, tzinfo=stockholm),
    ):
        start, due_in, _now = schedule.remaining_delta(last_run)
        next_run = start + due_in
        assert next_run.date() == last_run.date() + datetime.timedelta(days=1)
        assert next_run.astimezone(stockholm).time() == datetime.time(3, 30)


def test_a_contact_records_their_municipalitys_decision(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse(
        "privacy:retention_decision_create", kwargs={"municipality_pk": world.municipality_a.pk}
    )
    data = {
        "decided_on": timezone.localdate().isoformat(),
        "reference": "KS 2026/117",
        "reflections_months": 6,
        "notes_months": 6,
        "evaluation_answers_months": 24,
        "applications_months": 24,
        "contact_details_months": 36,
    }
    response = client_for("contact_a").post(url, data)
    assert response.status_code == 302
    decision = RetentionDecision.objects.get(municipality=world.municipality_a)
    assert decision.reflections_months == 6 and decision.recorded_by == world.contact_a
    page = client_for("contact_a").get(reverse("privacy:retention")).content.decode()
    assert "KS 2026/117" in page


def test_a_decision_dated_in_the_future_is_refused(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse(
        "privacy:retention_decision_create", kwargs={"municipality_pk": world.municipality_a.pk}
    )
    response = client_for("contact_a").post(
        url,
        {
            "decided_on": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
            "reference": "KS 2026/118",
            "reflections_months": 6,
            "notes_months": 6,
            "evaluation_answers_months": 6,
            "applications_months": 6,
            "contact_details_months": 6,
        },
    )
    assert response.status_code == 200
    assert "inte i förväg" in response.content.decode()
    assert not RetentionDecision.objects.exists()


def test_an_administrator_anonymises_a_person_on_request_with_a_reason(
    world: World, client_for: Callable[[str], Client]
) -> None:
    Reflection.objects.create(pair=world.pair, author=world.adept, text="Privat tanke")
    url = reverse("privacy:person_anonymise", kwargs={"pk": world.adept.pk})
    response = client_for("administrator").post(
        url, {"reason": "Begäran 2026-11-02, beviljad av nämnden", "confirm": "on"}
    )
    assert response.status_code == 302
    adept = User.objects.get(pk=world.adept.pk)
    assert adept.email.endswith("@anonymised.invalid") and not adept.is_active
    assert Reflection.objects.get(author=adept).text == ""
    record = PersonAnonymisation.objects.get(person=adept)
    assert record.performed_by == world.administrator and "beviljad" in record.reason
    event = AuditEvent.objects.get(action="person.anonymise")
    assert "beviljad" not in event.summary


def test_anonymising_without_a_reason_is_refused_and_changes_nothing(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse("privacy:person_anonymise", kwargs={"pk": world.adept.pk})
    response = client_for("administrator").post(url, {"reason": "   ", "confirm": "on"})
    assert response.status_code == 200
    assert User.objects.get(pk=world.adept.pk).email == world.adept.email
    assert not PersonAnonymisation.objects.exists()


def test_there_is_no_self_service_deletion(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse("privacy:person_anonymise", kwargs={"pk": world.adept.pk})
    response = client_for("adept").post(url, {"reason": "Jag vill bli raderad", "confirm": "on"})
    assert response.status_code == 404
    assert User.objects.get(pk=world.adept.pk).is_active


def test_the_retention_page_names_each_kind_of_record_once(
    world: World, client_for: Callable[[str], Client]
) -> None:
    from privacy.models import RecordKind
    from privacy.registry import dated_retention_handlers, retention_handlers

    client = client_for("administrator")
    client.cookies["mentorship_language"] = "en"
    page = client.get(reverse("privacy:retention")).content.decode()
    headings = re.findall(r"<dt>([^<]+)</dt>", page)
    handlers = [*retention_handlers(), *dated_retention_handlers()]
    kinds = {handler.kind for handler in handlers}
    assert headings == [str(kind.label) for kind in RecordKind if kind in kinds]
    assert page.count("<dd>") == len(handlers)
    assert "registering for an open event is emptied" in page


def test_a_students_school_and_wishes_are_emptied_and_the_age_group_remains(
    written: World,
) -> None:
    Enrolment.objects.filter(pk=written.adept_enrolment.pk).update(
        school="De Geergymnasiet", wants_from_mentor="Se hur en chef arbetar", age_group="0-29"
    )
    _end_cohort(written, days_past_limit=1)
    retention_run()
    enrolment = Enrolment.objects.get(pk=written.adept_enrolment.pk)
    assert (enrolment.school, enrolment.wants_from_mentor) == ("", "")
    assert enrolment.age_group == "0-29"


# Open events: people who are in no programme -----------------------------------------


def _leader_day(world: World, *, days_past_limit: int, municipality=None) -> EventRegistration:
    """Lena, in no programme, registered for an open leader day that ended MONTHS months
    plus ``days_past_limit`` days ago, giving her workplace and municipality (A unless told)."""
    ended = (
        timezone.localdate()
        - relativedelta(months=MONTHS)
        - datetime.timedelta(days=days_past_limit)
    )
    ends_at = datetime.datetime.combine(
        ended, datetime.time(16), tzinfo=timezone.get_current_timezone()
    )
    event = EventFactory(
        programme=world.programme,
        kind=EventKind.LEADER_DAY,
        audience=Audience.OPEN,
        starts_at=ends_at - datetime.timedelta(hours=7),
        ends_at=ends_at,
    )
    lena = User.objects.filter(email="lena.ledare@habo.se").first() or User.objects.create_user(
        email="lena.ledare@habo.se", password=None, full_name="Lena Ledare"
    )
    return EventRegistration.objects.create(
        event=event,
        person=lena,
        attended=True,
        municipality=municipality or world.municipality_a,
        workplace="Fritidsgården Kalmarsand",
        gender="woman",
        age_group="40-49",
    )


def test_someone_only_at_an_open_event_is_anonymised_a_day_past_the_period(
    written: World,
) -> None:
    registration = _leader_day(written, days_past_limit=1)
    run = retention_run()
    lena = User.objects.get(pk=registration.person_id)
    assert lena.email.endswith("@anonymised.invalid")
    assert "Lena" not in lena.full_name
    assert not lena.is_active
    registration.refresh_from_db()
    assert registration.workplace == ""
    # The event's statistics keep who came from where, their gender and age group.
    assert (registration.municipality, registration.gender, registration.age_group) == (
        written.municipality_a,
        "woman",
        "40-49",
    )
    assert registration.attended
    actions = run.actions.filter(decision__municipality=written.municipality_a)
    assert actions.get(kind=RecordKind.APPLICATIONS).count >= 1
    assert actions.get(kind=RecordKind.CONTACT_DETAILS).count >= 1
    assert retention_run().actions.count() == 0


def test_an_open_events_registration_on_the_last_day_of_its_period_is_kept(
    written: World,
) -> None:
    registration = _leader_day(written, days_past_limit=0)
    retention_run()
    registration.refresh_from_db()
    assert registration.workplace == "Fritidsgården Kalmarsand"
    assert registration.person.email == "lena.ledare@habo.se"


def test_an_open_events_registration_from_a_municipality_without_a_decision_is_kept(
    written: World,
) -> None:
    RetentionDecision.objects.filter(municipality=written.municipality_b).delete()
    registration = _leader_day(written, days_past_limit=400, municipality=written.municipality_b)
    retention_run()
    registration.refresh_from_db()
    assert registration.workplace == "Fritidsgården Kalmarsand"
    assert registration.person.is_active


def test_a_recent_open_event_keeps_the_contact_details_of_everyone_registered(
    written: World,
) -> None:
    old = _leader_day(written, days_past_limit=30)
    recent = _leader_day(written, days_past_limit=-30)
    # The adept's own cohort is long past, but she is registered for the recent event too.
    _end_cohort(written, days_past_limit=30)
    EventRegistration.objects.create(
        event=recent.event, person=written.adept, municipality=written.municipality_a
    )
    retention_run()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.workplace == ""  # the old event's workplace goes on its own time
    assert recent.workplace == "Fritidsgården Kalmarsand"
    assert User.objects.get(pk=old.person_id).email == "lena.ledare@habo.se"
    assert User.objects.get(pk=written.adept.pk).email == written.adept.email
    # Her reflection follows her enrolment's time, not the event's.
    assert Reflection.objects.get(author=written.adept).text == ""


def test_anonymising_on_request_empties_the_workplace_of_open_events(written: World) -> None:
    from privacy.services.people import person_anonymise

    registration = _leader_day(written, days_past_limit=-30)
    person_anonymise(
        person=registration.person, performed_by=written.administrator, reason="Begäran 2026-11"
    )
    registration.refresh_from_db()
    assert registration.workplace == ""
    assert registration.gender == "woman"

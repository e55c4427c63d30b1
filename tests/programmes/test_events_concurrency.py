"""The last place of an event goes to exactly one person, however many ask at the same moment."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper

from events.models import EventRegistration, RegistrationStatus
from events.services.events import event_register
from tests.factories import MunicipalityFactory, ProgrammeFactory, UserFactory

from .factories_running import EventFactory

PLACES = 3
PEOPLE = 200
WORKERS = 24


def _race_for_places() -> tuple[object, list[str]]:
    programme = ProgrammeFactory()
    MunicipalityFactory()
    event = EventFactory(programme=programme, capacity=PLACES)
    people = [UserFactory() for _n in range(PEOPLE)]
    start = threading.Event()
    outcomes: list[str] = []

    def register(person: object) -> None:
        connection.ensure_connection()
        start.wait()
        try:
            event_register(event=event, person=person)
            outcomes.append("registered")
        except ValidationError:
            outcomes.append("full")
        except BaseException as error:  # anything else fails the test below
            import traceback

            traceback.print_exc()
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = [pool.submit(register, person) for person in people]
        start.set()
        for future in futures:
            future.result()
    return event, outcomes


def _assert_exactly_the_places_were_given(event: object, outcomes: list[str]) -> None:
    assert sorted(set(outcomes)) == ["full", "registered"], outcomes
    assert outcomes.count("registered") == PLACES
    registered = EventRegistration.objects.filter(
        event=event, status=RegistrationStatus.REGISTERED
    ).count()
    assert registered == PLACES
    assert EventRegistration.objects.filter(event=event).count() == PLACES


@pytest.fixture
def sqlite_file_database(transactional_db, tmp_path):
    """Runs the test on a SQLite file, as the embedded default does in use.

    The test database is in memory with a shared cache, where a second writer
    fails at once with "table is locked" instead of waiting on the busy timeout,
    so it cannot show how SQLite's IMMEDIATE transactions queue real writers.
    """
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite variant; see the PostgreSQL test below")
    original = connection.settings_dict["NAME"]
    # Django never closes an in-memory database's connection (closing would drop the
    # database), so it is put aside and the file's connection is opened next to it.
    in_memory = connection.connection
    connection.connection = None
    connection.settings_dict["NAME"] = str(tmp_path / "race.sqlite3")
    with connection.schema_editor() as editor:
        for model in apps.get_models():
            if model._meta.managed and not model._meta.proxy:
                editor.create_model(model)
    yield
    BaseDatabaseWrapper.close(connection)
    connection.settings_dict["NAME"] = original
    connection.connection = in_memory


@pytest.mark.sqlite
def test_many_people_asking_for_the_last_places_at_once_get_exactly_those_places(
    sqlite_file_database,
) -> None:
    event, outcomes = _race_for_places()
    _assert_exactly_the_places_were_given(event, outcomes)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_last_places_are_given_exactly_once_on_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("run with DATABASE_URL=postgres://... (the row lock is PostgreSQL's)")
    event, outcomes = _race_for_places()
    _assert_exactly_the_places_were_given(event, outcomes)

"""First come first served holds when many managers agree at the same moment."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection, connections

from fees.models import FeeLine
from programmes.models import AdmissionRule, Enrolment, EnrolmentStatus, Role
from programmes.services.enrolment import consent_answer, consent_link
from tests.factories import MunicipalityFactory, UserFactory

from .factories_enrolment import ConsentRequestFactory, open_cohort

PLACES = 40
APPLICANTS = 200
# Enough simultaneous connections to collide often, well under PostgreSQL's 100.
WORKERS = 24
# SQLite queues every writer on one lock; fewer waiters keep each wait inside its busy
# timeout on a loaded machine, and still collide on every transaction.
SQLITE_WORKERS = 8


@contextmanager
def sqlite_file_copy(directory: Path) -> Iterator[None]:
    """Runs the block against a file copy of the in-memory test database.

    The test database lives in SQLite's shared-cache memory, whose table locks fail at
    once instead of waiting; a deployment uses a file (WAL, IMMEDIATE transactions,
    busy timeout), so the threads below get exactly that.
    """
    if connection.vendor != "sqlite":
        yield
        return
    settings_dict = connection.settings_dict
    memory_name, memory_raw = settings_dict["NAME"], connection.connection
    path = directory / "concurrency.sqlite3"
    with sqlite3.connect(path) as target:
        memory_raw.backup(target)
    target.close()
    settings_dict["NAME"] = str(path)
    connection.connection = None
    try:
        yield
    finally:
        connection.close()
        settings_dict["NAME"] = memory_name
        connection.connection = memory_raw


def _two_hundred_pending_consents() -> tuple[object, list[str]]:
    cohort = open_cohort(rule=AdmissionRule.OPEN, places=PLACES)
    municipality = MunicipalityFactory()
    tokens = []
    for _n in range(APPLICANTS):
        consent = ConsentRequestFactory(
            enrolment__cohort=cohort,
            enrolment__person=UserFactory(),
            enrolment__role=Role.ADEPT,
            enrolment__municipality=municipality,
        )
        tokens.append(consent_link(consent=consent).rsplit("/", 2)[-2])
    return cohort, tokens


def _agree_all_at_once(tokens: list[str], workers: int = WORKERS) -> list[BaseException]:
    start = threading.Event()
    errors: list[BaseException] = []

    def agree(token: str) -> None:
        start.wait()
        try:
            consent_answer(token=token, agreed=True)
        except BaseException as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(agree, token) for token in tokens]
        start.set()
        for future in futures:
            future.result()
    return errors


def _assert_exactly_forty_admitted_and_the_rest_waiting_in_order(cohort: object) -> None:
    enrolments = Enrolment.objects.filter(cohort=cohort)
    admitted = list(enrolments.filter(status=EnrolmentStatus.ADMITTED).order_by("completed_at"))
    waiting = list(enrolments.filter(status=EnrolmentStatus.WAITING).order_by("completed_at", "pk"))
    assert len(admitted) == PLACES
    assert len(waiting) == APPLICANTS - PLACES
    assert enrolments.filter(status=EnrolmentStatus.APPLIED).count() == 0
    # Everyone admitted completed before everyone waiting: the order held.
    assert max(e.completed_at for e in admitted) <= min(e.completed_at for e in waiting)
    assert FeeLine.objects.filter(enrolment__cohort=cohort).count() == PLACES


@pytest.mark.django_db(transaction=True)
def test_two_hundred_simultaneous_consents_admit_exactly_forty_on_sqlite(tmp_path: Path) -> None:
    cohort, tokens = _two_hundred_pending_consents()
    with sqlite_file_copy(tmp_path):
        workers = SQLITE_WORKERS if connection.vendor == "sqlite" else WORKERS
        errors = _agree_all_at_once(tokens, workers)
        assert errors == []
        _assert_exactly_forty_admitted_and_the_rest_waiting_in_order(cohort)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_hundred_simultaneous_consents_admit_exactly_forty_on_postgresql() -> None:
    assert connection.vendor == "postgresql", "run with DATABASE_URL=postgres://..."
    cohort, tokens = _two_hundred_pending_consents()
    errors = _agree_all_at_once(tokens)
    assert errors == []
    _assert_exactly_forty_admitted_and_the_rest_waiting_in_order(cohort)

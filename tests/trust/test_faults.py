"""Faults: Redis down, the database gone for a moment, a worker killed in the middle of a sweep.

The tests without the ``services`` mark run in ``make test`` on the embedded default
(an unreachable broker is simulated by a closed loopback port); those with it run in
.ci/run against real PostgreSQL, Redis and a Celery worker.
"""

from __future__ import annotations

import datetime
import email
import os
import signal
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.db.backends.utils import CursorWrapper
from django.db.utils import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from kombu import pools

from common.sweeps import sweep_tasks
from mentorship.celery import app as celery_app
from notifications.models import Delivery, DeliveryStatus
from notifications.services import deliveries_queue
from programmes.models import CohortMessage, EnrolmentStatus, Programme
from programmes.services.messages import message_copies, message_key
from tests.access.table import ROWS
from tests.factories import EnrolmentFactory
from tests.foundation.subprocesses import BIN, free_port, started, wait_for_text
from tests.services.conftest import database_url
from tests.world import ROLES, World


@pytest.fixture
def redis_down(settings, monkeypatch) -> Iterator[str]:
    """Celery publishes to a Redis that does not answer; the cache is the local one."""
    url = f"redis://127.0.0.1:{free_port()}/0"
    settings.CELERY_BROKER_URL = url
    # Celery prefers the environment variable to its configuration (as in .ci/run).
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    previous = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)
    celery_app.conf.broker_url = url
    celery_app.conf.task_always_eager = False
    _reset_broker_connections()
    yield url
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = previous
    _reset_broker_connections()


def _reset_broker_connections() -> None:
    """Drops pooled connections so that the next publish goes to the newly configured broker."""
    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def _run_sweeps_in_process() -> None:
    """What beat does once Redis is back: every app's sweep finds what is due in the database."""
    celery_app.conf.task_always_eager = True
    for task in sweep_tasks():
        task.apply()


def test_with_redis_down_every_page_of_the_access_table_still_opens(
    redis_down: str, world: World, client_for: Callable[[str], Client]
) -> None:
    failures = []
    for row in ROWS:
        if row.method != "get":
            continue
        try:
            # Some rows build objects that clash with another row's in the same test.
            with transaction.atomic():
                url = reverse(row.name, kwargs=row.kwargs(world))
        except IntegrityError:
            continue
        opening = [role for role in ROLES if row.outcomes[role] == 200]
        for role in {*opening[:1], *opening[-1:]}:
            client = client_for(role)
            client.raise_request_exception = False
            # Rows built together in one test can clash, so the check is only: no server error.
            status = client.get(url).status_code
            if status >= 500:
                failures.append(f"{role} {url}: {status}")
    assert failures == []


@pytest.mark.django_db(transaction=True)
def test_a_message_sent_while_redis_is_down_is_delivered_once_when_it_is_back(
    redis_down: str, world: World, client_for: Callable[[str], Client], outbox: list
) -> None:
    world.cohort.enrolments.update(status=EnrolmentStatus.ADMITTED)
    client = client_for("coordinator")
    client.raise_request_exception = False
    response = client.post(
        reverse("programmes:message_create", kwargs={"cohort_pk": world.cohort.pk}),
        {"audience": "cohort", "subject": "Kickoff", "body": "Välkomna till kickoff!"},
    )
    assert response.status_code == 302, response.status_code
    assert CohortMessage.objects.filter(subject="Kickoff").exists()
    assert outbox == []

    _run_sweeps_in_process()
    first = sorted(message.to[0] for message in mail.outbox if message.subject.endswith("Kickoff"))
    assert len(first) == world.cohort.enrolments.count()
    _run_sweeps_in_process()
    again = sorted(message.to[0] for message in mail.outbox if message.subject.endswith("Kickoff"))
    assert again == first


@pytest.mark.django_db(transaction=True)
def test_a_notification_asked_for_while_redis_is_down_waits_in_the_outbox_and_goes_once(
    redis_down: str, world: World, outbox: list
) -> None:
    from programmes.services.enrolment import notify_on_commit

    with transaction.atomic():
        notify_on_commit(enrolment=world.adept_enrolment, template="waiting_list")
    # Saved with the change; the broker could not wake a worker, so nothing went yet.
    assert outbox == []
    assert Delivery.objects.get().status == DeliveryStatus.PENDING
    _run_sweeps_in_process()
    _run_sweeps_in_process()
    assert [message.to for message in outbox] == [[world.adept.email]]
    assert Delivery.objects.get().status == DeliveryStatus.SENT


def test_with_the_cache_unreachable_sign_in_and_the_pair_page_still_work(
    world: World, settings, caplog
) -> None:
    from tests.accounts.helpers import sign_in_with_password, signed_in_user_id

    settings.CACHES = {
        "default": {
            "BACKEND": "common.cache.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    client = Client()
    client.raise_request_exception = True
    sign_in_with_password(client, world.adept.email)  # rate limits ask the cache
    assert signed_in_user_id(client) == str(world.adept.pk)
    page = client.get(reverse("pairs:pair_detail", kwargs={"pk": world.pair.pk}))
    assert page.status_code == 200
    assert "The cache cannot be reached" in caplog.text


def test_with_the_database_gone_a_request_gets_a_clean_error_page_and_writes_nothing(
    world: World, client_for: Callable[[str], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = client_for("coordinator")
    client.raise_request_exception = False
    before = Programme.objects.count()
    original = CursorWrapper.execute
    writes = {"n": 0}

    # The database stops answering after the request's first write.
    def execute(self, sql, params=None):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes["n"] += 1
            if writes["n"] > 1:
                raise OperationalError("server closed the connection unexpectedly")
        return original(self, sql, params)

    monkeypatch.setattr(CursorWrapper, "execute", execute)
    response = client.post(
        reverse("programmes:programme_create"),
        {
            "name": "Nytt program",
            "kind": "mentor",
            "admission_rule": "selection",
            "fee_sek": "9800",
            "mentor_fee_sek": "9800",
            "planned_meetings": 6,
            "meeting_minutes": 90,
        },
    )
    monkeypatch.setattr(CursorWrapper, "execute", original)

    assert writes["n"] >= 2, "the request never reached its second write"
    _assert_the_database_is_away_page(response, heading="Tjänsten är tillfälligt otillgänglig")
    assert Programme.objects.count() == before
    assert not Programme.objects.filter(name="Nytt program").exists()


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("sv", "Tjänsten är tillfälligt otillgänglig"),
        ("en", "The service is temporarily unavailable"),
    ],
)
def test_with_the_database_down_a_signed_in_page_is_a_503_in_the_person_s_language(
    language: str,
    heading: str,
    client_for: Callable[[str], Client],
    monkeypatch: pytest.MonkeyPatch,
    settings,
) -> None:
    client = client_for("adept")
    client.raise_request_exception = False
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    # Every query fails, the session's and the person's included: the error page needs none.
    def execute(self, sql, params=None):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(CursorWrapper, "execute", execute)
    response = client.get(reverse("programmes:home"))
    monkeypatch.undo()  # the test database's own teardown runs queries
    _assert_the_database_is_away_page(response, heading=heading)


def test_any_other_error_is_still_the_500_page(
    client_for: Callable[[str], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = client_for("adept")
    client.raise_request_exception = False

    def execute(self, sql, params=None):
        raise ZeroDivisionError

    monkeypatch.setattr(CursorWrapper, "execute", execute)
    response = client.get(reverse("programmes:home"))
    monkeypatch.undo()
    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()
    assert "Retry-After" not in response


def _assert_the_database_is_away_page(response, *, heading: str) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "Traceback" not in body and "OperationalError" not in body
    assert f"<h1>{heading}</h1>" in body


# Against the real services (.ci/run) -----------------------------------------------

RECIPIENTS = 150


def _worker_command(queue: str) -> list[str]:
    return [
        str(BIN / "celery"),
        "--app=mentorship",
        "worker",
        "--loglevel=INFO",
        "--pool=solo",
        f"--hostname={queue}-{uuid.uuid4().hex[:6]}@localhost",
        f"--queues={queue}",
        "--without-gossip",
        "--without-mingle",
    ]


def _sent_to(mail_dir: Path) -> dict[str, Counter[str]]:
    """For each address, how many emails it got under each Message-ID (the file backend's files)."""
    sent: dict[str, Counter[str]] = {}
    for path in mail_dir.iterdir():
        for text in path.read_text(errors="replace").split("-" * 79):
            message = email.message_from_string(text.strip())
            if message["To"]:
                sent.setdefault(message["To"], Counter())[message["Message-ID"]] += 1
    return sent


def _cohort_with_many_participants(world: World) -> CohortMessage:
    """A message to a cohort of RECIPIENTS, its copies in the outbox and no worker woken yet."""
    for _ in range(RECIPIENTS - world.cohort.enrolments.count()):
        EnrolmentFactory(cohort=world.cohort, status=EnrolmentStatus.ADMITTED)
    world.cohort.enrolments.update(status=EnrolmentStatus.ADMITTED)
    message = CohortMessage.objects.create(
        cohort=world.cohort,
        audience="cohort",
        subject="Kickoff",
        body="Välkomna!",
        sent_by=world.coordinator,
        recipient_count=RECIPIENTS,
    )
    people = world.cohort.enrolments.values_list("person_id", flat=True)
    deliveries_queue(message_copies(message, people), wake=False)
    return message


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_in_the_middle_of_delivering_loses_and_doubles_nothing(
    world: World,
    settings,
    tmp_path: Path,
) -> None:
    from notifications.tasks import deliveries_send

    assert settings.CELERY_BROKER_URL.startswith("redis://")
    message = _cohort_with_many_participants(world)
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    queue = f"trust-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "tests.trust.worker_settings",
        "TRUST_EMAIL_FILE_PATH": str(mail_dir),
    }
    celery_app.conf.task_always_eager = False
    deliveries = Delivery.objects.filter(key=message_key(message))
    taken = deliveries.filter(claimed_at__isnull=False)
    try:
        with started(_worker_command(queue), env=env, log=tmp_path / "first.log") as first:
            wait_for_text(tmp_path / "first.log", "ready.", first, seconds=90)
            deliveries_send.apply_async(args=[None], queue=queue)
            deadline = time.monotonic() + 60
            while taken.count() < RECIPIENTS // 3 and time.monotonic() < deadline:
                time.sleep(0.02)
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
        killed_at = deliveries.filter(status=DeliveryStatus.SENT).count()
        assert 0 < killed_at < RECIPIENTS, "the worker was not killed in the middle"

        # The killed worker's claim runs out (DELIVERY_RETRY_AFTER) and the row is due again.
        deliveries.filter(status=DeliveryStatus.PENDING).update(
            next_attempt_at=timezone.now() - datetime.timedelta(minutes=1)
        )
        with started(_worker_command(queue), env=env, log=tmp_path / "second.log") as second:
            wait_for_text(tmp_path / "second.log", "ready.", second, seconds=90)
            # What the next sweep does: send what is due; twice, to show it is idempotent.
            for _ in range(2):
                deliveries_send.apply_async(args=[None], queue=queue, ignore_result=False).get(
                    timeout=120
                )
    finally:
        celery_app.conf.task_always_eager = True

    sent = _sent_to(mail_dir)
    addresses = set(world.cohort.enrolments.values_list("person__email", flat=True))
    assert set(sent) == addresses, "someone never got the message"
    two_messages = {address for address, ids in sent.items() if len(ids) > 1}
    assert two_messages == set(), f"two different messages went to {sorted(two_messages)}"
    # Only the one email in flight when the worker died can have left twice (a kill after
    # the mail server took it, before its record): then as the same message, same Message-ID.
    repeats = sum(n - 1 for ids in sent.values() for n in ids.values())
    assert repeats <= 1, f"{repeats} emails left twice"
    assert deliveries.filter(status=DeliveryStatus.SENT).count() == RECIPIENTS


# A save with the broker down answers within this (the bound); bounded time-outs give ~0 s.
SAVE_WITH_BROKER_DOWN_SECONDS = 2.0


def _timed_post(client: Client, url: str, data: dict[str, object]) -> tuple[float, str]:
    """Posts, follows the redirect, returns the seconds taken and the page the person sees."""
    started_at = time.monotonic()
    response = client.post(url, data, follow=True)
    elapsed = time.monotonic() - started_at
    assert response.status_code == 200 and response.redirect_chain, response.status_code
    return elapsed, response.content.decode()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_with_the_real_redis_stopped_saves_answer_at_once_and_each_mail_goes_once_after(
    world: World,
    client_for: Callable[[str], Client],
    tmp_path: Path,
    outbox: list,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    world.cohort.enrolments.update(status=EnrolmentStatus.ADMITTED)
    previous = celery_app.conf.broker_url
    celery_app.conf.broker_url = url
    celery_app.conf.task_always_eager = False
    _reset_broker_connections()
    timings: dict[str, float] = {}
    try:
        with started(command, env=dict(os.environ), log=tmp_path / "redis.log") as redis_server:
            wait_for_text(tmp_path / "redis.log", "Ready to accept connections", redis_server)
            redis_server.terminate()
            redis_server.wait()
            coordinator = client_for("coordinator")
            for name in ("programmes:home", "programmes:cohort_detail"):
                kwargs = {"pk": world.cohort.pk} if name.endswith("detail") else {}
                assert coordinator.get(reverse(name, kwargs=kwargs)).status_code == 200
            timings["message"], page = _timed_post(
                coordinator,
                reverse("programmes:message_create", kwargs={"cohort_pk": world.cohort.pk}),
                {"audience": "cohort", "subject": "Kickoff", "body": "Välkomna!"},
            )
            assert "är på väg till" in page  # "The message is on its way to ... people."
            day = timezone.localdate() + datetime.timedelta(days=10)
            timings["meeting"], page = _timed_post(
                client_for("adept"),
                reverse("pairs:meeting_plan", kwargs={"pk": world.pair.pk}),
                {
                    "day": day.isoformat(),
                    "time": "14:00",
                    "minutes": "60",
                    "mode": "in_person",
                    "place": "Bålsta",
                    "link": "",
                    "questions": "",
                },
            )
            assert "Träffen är planerad" in page
    finally:
        celery_app.conf.broker_url = previous
        _reset_broker_connections()
    assert max(timings.values()) < SAVE_WITH_BROKER_DOWN_SECONDS, timings
    assert outbox == []  # nothing could be sent while the broker was down
    assert Delivery.objects.filter(status=DeliveryStatus.PENDING).count() == (
        world.cohort.enrolments.count() + 1
    )
    # Redis is back: beat starts the sweeps, twice here, and every mail leaves exactly once.
    _run_sweeps_in_process()
    _run_sweeps_in_process()
    got = Counter((m.to[0], m.subject) for m in mail.outbox)
    assert set(got.values()) == {1}
    kickoff = sorted(to for to, subject in got if subject.endswith("Kickoff"))
    assert kickoff == sorted(world.cohort.enrolments.values_list("person__email", flat=True))
    assert [to for to, subject in got if not subject.endswith("Kickoff")] == [world.mentor.email]


def test_an_unreachable_cache_is_left_alone_for_a_few_seconds_then_asked_again(caplog) -> None:
    """A hung Redis costs one socket time-out, not one per cache call of every page."""
    import logging

    from common.cache import RETRY_AFTER_SECONDS, TolerantRedisCache

    cache = TolerantRedisCache(f"redis://127.0.0.1:{free_port()}/0", {})

    def warnings() -> int:
        return sum(record.name == "common.cache" for record in caplog.records)

    with caplog.at_level(logging.WARNING, logger="common.cache"):
        assert cache.get("key") is None
        assert cache.get("key", "default") == "default"
        assert cache.add("lock", 1) is True
        assert warnings() == 1
        assert cache.unreachable_until - time.monotonic() <= RETRY_AFTER_SECONDS
        cache.unreachable_until = 0.0  # the pause is over
        assert cache.get("key") is None
        assert warnings() == 2

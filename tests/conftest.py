"""Personas and clients shared by every test. See tests/world.py for who is who."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from celery._state import _set_task_join_will_block
from django.core import mail
from django.core.cache import cache
from django.test import Client

from accounts.models import User
from mentorship.celery import app as celery_app

from .world import World, build_world


@pytest.fixture(autouse=True)
def _test_settings(settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # A fast hasher: the tests create many people and sign them in.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tasks run in-process so that tests see their effects; the services tests
    # in tests/services/ send them through a real broker and worker instead.
    celery_app.conf.task_always_eager = True
    # A worker started in this process (tests/services) marks the process as a worker,
    # where result.get() is refused; each test starts as a plain client again.
    _set_task_join_will_block(False)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Each test's database starts afresh and reuses ids; so does its cache.
    cache.clear()


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def client_for(world: World) -> Callable[[str], Client]:
    """A signed-in client for a persona name, or an anonymous one for "anonymous"."""

    def make(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(world.people[role])
        return client

    return make


@pytest.fixture
def coordinator(world: World) -> User:
    return world.coordinator


@pytest.fixture
def coordinator_client(client_for: Callable[[str], Client]) -> Client:
    return client_for("coordinator")


@pytest.fixture
def outbox() -> list:
    mail.outbox.clear()
    return mail.outbox

"""Personas and clients shared by every test. See tests/world.py for who is who."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from celery._state import _set_task_join_will_block
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from accounts.models import User
from mentorship.celery import app as celery_app

from .storage import bucket_create, s3_configured, s3_location_fresh
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


@pytest.fixture(autouse=True)
def _default_language() -> None:
    """Each test starts in the site's default language (Swedish): a request through the
    test client leaves the language it chose active in the thread afterwards."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session", autouse=True)
def _s3_bucket_exists() -> None:
    # With STORAGE_S3_* set (.ci/run's S3 stage) every file goes to that bucket.
    if s3_configured():
        bucket_create(os.environ["STORAGE_S3_BUCKET"])


@pytest.fixture(autouse=True)
def _storage_per_test(request, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Each test starts with no stored files: a media folder of its own, or a bucket prefix.

    Tests with a real worker keep the configured storage: the worker's process uses it too.
    """
    if request.node.get_closest_marker("services"):
        return
    if s3_configured():
        settings.STORAGES = s3_location_fresh(settings.STORAGES)
    else:
        settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def s3_bucket() -> str:
    """The bucket of the tests marked `s3`; they are skipped without STORAGE_S3_BUCKET."""
    if not s3_configured():
        pytest.skip("needs STORAGE_S3_BUCKET and STORAGE_S3_ENDPOINT_URL (.ci/run's S3 stage)")
    return os.environ["STORAGE_S3_BUCKET"]


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

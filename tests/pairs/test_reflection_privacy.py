"""A private reflection is read by its author, and by nobody else through any URL."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse

from pairs.models import Reflection
from tests.access.table import ROWS
from tests.world import ROLES, World

from .factories import ReflectionFactory

pytestmark = pytest.mark.django_db

ADEPT_SECRET = "ADEPT-PRIVATE-7f3a9c Jag är rädd att inte räcka till."
MENTOR_SECRET = "MENTOR-PRIVATE-b41e02 Jag känner igen mig själv i henne."


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _client(world: World, role: str) -> Client:
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(world.people[role])
    return client


def test_the_author_reads_a_private_reflection_and_the_partner_does_not(
    world: World, client_for
) -> None:
    ReflectionFactory(pair=world.pair, author=world.adept, text=ADEPT_SECRET)
    url = reverse("pairs:pair_detail", kwargs={"pk": world.pair.pk})
    assert ADEPT_SECRET in client_for("adept").get(url).content.decode()
    assert ADEPT_SECRET not in client_for("mentor").get(url).content.decode()


def test_a_shared_reflection_is_read_by_the_partner_and_no_one_else(
    world: World, client_for
) -> None:
    reflection = ReflectionFactory(pair=world.pair, author=world.adept, text=ADEPT_SECRET)
    client_for("adept").post(
        reverse("pairs:reflection_share", kwargs={"pk": reflection.pk}), {"shared": "1"}
    )
    assert Reflection.objects.get(pk=reflection.pk).shared
    url = reverse("pairs:pair_detail", kwargs={"pk": world.pair.pk})
    assert ADEPT_SECRET in client_for("mentor").get(url).content.decode()
    for role in ("other_mentor", "coordinator", "administrator", "contact_a"):
        assert client_for(role).get(url).status_code == 404


def test_the_partner_cannot_share_or_unshare_someone_elses_reflection(
    world: World, client_for
) -> None:
    reflection = ReflectionFactory(pair=world.pair, author=world.adept, text=ADEPT_SECRET)
    response = client_for("mentor").post(
        reverse("pairs:reflection_share", kwargs={"pk": reflection.pk}), {"shared": "1"}
    )
    assert response.status_code == 404
    assert not Reflection.objects.get(pk=reflection.pk).shared


def test_a_reflection_is_private_unless_the_author_ticks_share(world: World, client_for) -> None:
    client_for("mentor").post(
        reverse("pairs:reflection_create", kwargs={"pk": world.pair.pk}), {"text": MENTOR_SECRET}
    )
    reflection = Reflection.objects.get()
    assert (reflection.author, reflection.shared) == (world.mentor, False)


def test_no_url_of_the_project_shows_a_private_reflection_to_anyone_but_its_author(
    world: World,
) -> None:
    ReflectionFactory(pair=world.pair, author=world.adept, text=ADEPT_SECRET)
    ReflectionFactory(pair=world.pair, author=world.mentor, text=MENTOR_SECRET)
    mail.outbox = []
    clients = {role: _client(world, role) for role in ROLES}
    checked = 0
    for row in ROWS:
        # Each row builds its own objects; rolling them back keeps the world as it was.
        with transaction.atomic():
            url = reverse(row.name, kwargs=row.kwargs(world))
            data = row.data(world) if row.data else {}
            for role, client in clients.items():
                for method in {"get", row.method}:
                    payload = data if method == row.method else {}
                    body = _body(getattr(client, method)(url, payload))
                    if role != "adept":
                        assert ADEPT_SECRET.encode() not in body, f"{role} {method} {url}"
                    if role != "mentor":
                        assert MENTOR_SECRET.encode() not in body, f"{role} {method} {url}"
                    checked += 1
            transaction.set_rollback(True)
        world.extra.clear()
    assert checked >= len(ROLES) * len(ROWS)
    for message in mail.outbox:
        text = message.body + "".join(str(a) for a in message.alternatives)
        assert ADEPT_SECRET not in text and MENTOR_SECRET not in text


def test_the_admin_lists_reflections_without_their_text(world: World, client_for) -> None:
    reflection = ReflectionFactory(pair=world.pair, author=world.adept, text=ADEPT_SECRET)
    admin = client_for("administrator")
    for url in (
        reverse("admin:pairs_reflection_changelist"),
        reverse("admin:pairs_reflection_change", args=[reflection.pk]),
    ):
        response = admin.get(url)
        assert response.status_code == 200
        assert "Ada Adept" in response.content.decode()
        assert ADEPT_SECRET not in response.content.decode()

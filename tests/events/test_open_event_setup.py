"""The coordinator makes an event open to chosen municipalities' employees."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Audience, Event, EventKind

pytestmark = pytest.mark.usefixtures("in_english")


def _form(world, **overrides: object) -> dict[str, object]:  # type: ignore[no-untyped-def]
    starts = timezone.localtime() + datetime.timedelta(days=30)
    return {
        "kind": EventKind.LEADER_DAY,
        "title": "Ledardag 2027",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + datetime.timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Kungsbacka teater",
        "capacity": "340",
        "audience": Audience.OPEN,
        "open_municipalities": [str(world.municipality_a.pk)],
        "email_domains": "habo.se",
        **overrides,
    }


def test_coordinator_creates_a_leader_day_open_to_a_municipality(world, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("events:event_create", kwargs={"programme_pk": world.programme.pk})
    response = client_for("coordinator").post(url, _form(world))
    assert response.status_code == 302
    event = Event.objects.get(title="Ledardag 2027")
    assert list(event.open_municipalities.all()) == [world.municipality_a]
    assert event.domain_list == ["habo.se"]


def test_an_open_event_without_municipalities_is_refused_with_the_reason(world, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("events:event_create", kwargs={"programme_pk": world.programme.pk})
    response = client_for("coordinator").post(url, _form(world, open_municipalities=[]))
    assert response.status_code == 200
    assert "Choose the municipalities whose employees may register." in response.content.decode()
    assert not Event.objects.filter(title="Ledardag 2027").exists()


def test_only_the_programmes_municipalities_can_be_chosen(world, client_for) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import MunicipalityFactory

    elsewhere = MunicipalityFactory(name="Kiruna", code="2584")
    url = reverse("events:event_create", kwargs={"programme_pk": world.programme.pk})
    response = client_for("coordinator").post(
        url, _form(world, open_municipalities=[str(elsewhere.pk)])
    )
    assert response.status_code == 200
    assert not Event.objects.filter(title="Ledardag 2027").exists()

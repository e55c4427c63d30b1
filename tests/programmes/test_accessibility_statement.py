"""The accessibility statement is public, linked from every page, and reaches the administrators."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from programmes.models import AccessibilityReport
from tests.world import World

pytestmark = pytest.mark.django_db


def test_statement_is_public_and_names_the_supervising_agency(client: Client) -> None:
    client.cookies["mentorship_language"] = "en"
    page = client.get(reverse("programmes:accessibility")).content.decode()
    assert "Accessibility statement" in page
    assert "digg.se" in page
    assert "EN 301 549" in page


def test_every_page_links_to_the_statement(
    world: World, client_for: Callable[[str], Client]
) -> None:
    link = reverse("programmes:accessibility")
    for role, url in [
        ("anonymous", reverse("programmes:home")),
        ("adept", reverse("programmes:home")),
        ("coordinator", reverse("programmes:programme_list")),
    ]:
        assert f'href="{link}"' in client_for(role).get(url).content.decode(), (role, url)


def test_a_reported_problem_is_stored_and_mailed_to_the_administrators(
    world: World, client: Client, outbox: list, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("programmes:accessibility"),
            {"page": "/pairs/1/", "description": "The date picker cannot be used with a keyboard."},
        )
    assert response.status_code == 302
    report = AccessibilityReport.objects.get()
    assert report.page == "/pairs/1/"
    assert [message.to for message in outbox] == [[world.administrator.email]]
    assert "The date picker cannot be used" in outbox[0].body


def test_a_report_without_a_description_is_refused_and_nothing_is_stored(
    world: World, client: Client, outbox: list
) -> None:
    client.cookies["mentorship_language"] = "en"
    response = client.post(reverse("programmes:accessibility"), {"page": "/", "description": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert AccessibilityReport.objects.count() == 0
    assert outbox == []

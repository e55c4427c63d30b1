"""Every field of the admin's forms has a name that a screen reader reads, groups of fields
have a legend, icon links have text and a list's rows have headers (WCAG 2.1 1.1.1, 1.3.1,
4.1.2). tests/browser/a11y/test_htmlcs.py runs HTML_CodeSniffer over every admin page."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from programmes.models import Programme
from tests.world import World

from .test_admin_pages import _event

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client_for: Callable[[str], Client]) -> Client:
    return client_for("administrator")


def _inputs(page: str) -> list[str]:
    return re.findall(r"<(?:input|select|textarea)\b[^>]*>", page)


def test_dates_and_times_are_the_browsers_own_inputs_without_unlabelled_halves(
    world: World, admin_client_: Client
) -> None:
    event = _event(world)
    page = admin_client_.get(reverse("admin:events_event_change", args=[event.pk])).content
    page = page.decode()
    starts = next(tag for tag in _inputs(page) if 'name="starts_at"' in tag)
    assert 'type="datetime-local"' in starts
    assert 'id="id_starts_at"' in starts
    assert re.search(r"<label\b[^>]* for=\"id_starts_at\"", page)
    assert "vDateField" not in page and "vTimeField" not in page
    cohort_page = admin_client_.get(
        reverse("admin:programmes_cohort_change", args=[world.cohort.pk])
    ).content.decode()
    starts_on = next(tag for tag in _inputs(cohort_page) if 'name="starts_on"' in tag)
    assert 'type="date"' in starts_on


def test_a_time_keeps_its_seconds_through_the_admin_form(world: World) -> None:
    request = RequestFactory().get("/admin/")
    request.user = world.administrator
    form_class = admin.site._registry[Event].get_form(request)
    cleaned = form_class.base_fields["starts_at"].clean("2026-12-10T10:00:30")
    assert timezone.localtime(cleaned).time() == datetime.time(10, 0, 30)


def test_a_tabular_inlines_fields_and_delete_boxes_are_named_after_their_column(
    world: World, admin_client_: Client
) -> None:
    page = admin_client_.get(
        reverse("admin:programmes_programme_change", args=[world.programme.pk])
    ).content.decode()
    inline_fields = [
        tag for tag in _inputs(page) if 'name="memberships-' in tag and 'type="hidden"' not in tag
    ]
    assert inline_fields
    unnamed = [tag for tag in inline_fields if not re.search(r'aria-label="[^"]+"', tag)]
    assert unnamed == []
    assert any("-DELETE" in tag for tag in inline_fields)


def test_the_icon_links_beside_a_related_field_have_text(
    world: World, admin_client_: Client
) -> None:
    page = admin_client_.get(
        reverse("admin:programmes_programme_change", args=[world.programme.pk])
    ).content.decode()
    icons = re.findall(r'<img src="[^"]*icon-(?:add|change|delete|view)link\.svg"[^>]*>', page)
    assert icons
    assert [icon for icon in icons if 'alt=""' in icon] == []


def test_named_groups_of_fields_have_a_legend_and_no_group_is_unnamed(
    world: World, admin_client_: Client
) -> None:
    page = admin_client_.get(
        reverse("admin:accounts_user_change", args=[world.mentor.pk])
    ).content.decode()
    fieldsets = re.findall(r"<fieldset\b[^>]*>\s*(?:<legend[^>]*>[^<]*</legend>)?", page)
    assert fieldsets
    assert [tag for tag in fieldsets if "<legend" not in tag and "aria-labelledby" not in tag] == []
    assert re.search(r"<legend[^>]*>\s*Person\s*</legend>", page)


def test_each_row_of_an_admin_list_has_a_row_header(world: World, admin_client_: Client) -> None:
    page = admin_client_.get(reverse("admin:programmes_programme_changelist")).content.decode()
    rows = re.findall(r"<tr>\s*<td[^>]*>.*?</td>\s*<th\b[^>]*>", page, flags=re.S)
    assert len(rows) == Programme.objects.count()
    assert all('scope="row"' in row for row in rows)


def test_attendance_of_an_event_nobody_registered_for_has_no_form_to_send(
    world: World, coordinator_client: Client
) -> None:
    event = _event(world)
    page = coordinator_client.get(
        reverse("events:event_attendance", args=[event.pk])
    ).content.decode()
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    # The list's search is a GET form; nothing may be sent for nobody.
    assert 'method="post"' not in main.lower()
    assert 'id="bulk-form"' not in main

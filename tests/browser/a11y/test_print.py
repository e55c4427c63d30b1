"""The pair page, an event's attendance list and an invoice basis print as documents:
no navigation, no buttons, tables with their headers repeated on each sheet."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from events.models.events import Event
from events.services.events import event_register
from tests.access.table import ROWS
from tests.world import World

pytestmark = pytest.mark.browser


def _kwargs(name: str, world: World) -> dict[str, object]:
    """The objects a page needs, built as the access table builds them."""
    return next(row for row in ROWS if row.name == name).kwargs(world)


def _assert_prints_cleanly(page, *, table: bool) -> None:
    from playwright.sync_api import expect

    page.emulate_media(media="print")
    expect(page.locator("header.site-header")).to_be_hidden()
    expect(page.locator("footer.site-footer")).to_be_hidden()
    for nav in page.locator("nav").all():
        expect(nav).to_be_hidden()
    visible_buttons = [
        button.inner_text() for button in page.locator("button, .btn").all() if button.is_visible()
    ]
    assert visible_buttons == []
    expect(page.locator("h1")).to_be_visible()
    if table:
        expect(page.locator("main table").first).to_be_visible()
        repeated = page.evaluate(
            "getComputedStyle(document.querySelector('main table thead')).display"
        )
        assert repeated == "table-header-group"
    # Links in running text are spelled out after the link.
    spelled = page.evaluate(
        """() => [...document.querySelectorAll('main a[href^="http"]')]
            .filter(a => !a.closest('table, nav'))
            .every(a => getComputedStyle(a, '::after').content.includes(a.getAttribute('href')))"""
    )
    assert spelled
    assert len(page.pdf(format="A4")) > 1000
    page.emulate_media(media="screen")
    expect(page.locator("header.site-header")).to_be_visible()


def test_the_pair_page_prints_without_navigation_or_buttons(
    world: World, context_for: Callable[..., object]
) -> None:
    page = context_for(world.adept).new_page()
    page.goto(reverse("pairs:pair_detail", kwargs={"pk": world.pair.pk}))
    _assert_prints_cleanly(page, table=False)


def test_the_attendance_list_prints_as_a_table_with_repeated_headers(
    world: World, context_for: Callable[..., object]
) -> None:
    event = Event.objects.get(**_kwargs("events:event_attendance", world))
    for person in (world.manager, world.mentor, world.other_mentor):
        event_register(event=event, person=person)
    page = context_for(world.coordinator).new_page()
    # The event's page lists the registrations for the coordinator: the list to print.
    page.goto(reverse("events:event_detail", kwargs={"pk": event.pk}))
    expect_names = [world.manager.full_name, world.mentor.full_name]
    for name in expect_names:
        assert name in page.locator("main table").first.inner_text()
    _assert_prints_cleanly(page, table=True)


def test_the_invoice_basis_prints_as_a_table_with_repeated_headers(
    world: World, context_for: Callable[..., object]
) -> None:
    kwargs = _kwargs("fees:invoice_basis_detail", world)
    page = context_for(world.coordinator).new_page()
    page.goto(reverse("fees:invoice_basis_detail", kwargs=kwargs))
    _assert_prints_cleanly(page, table=True)

"""An open event's figures by municipality, gender and age group, small groups hidden."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from common.small_groups import SUPPRESSED, suppress_small
from events.figures import event_statistics
from events.models import EventRegistration
from events.services.events import event_register
from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.mark.parametrize(
    ("counts", "shown"),
    [
        ({"a": 6, "b": 2, "c": 0}, {"a": SUPPRESSED, "b": SUPPRESSED, "c": 0}),
        ({"a": 6, "b": 5, "c": 1}, {"a": 6, "b": SUPPRESSED, "c": SUPPRESSED}),
        ({"a": 3, "b": 4}, {"a": SUPPRESSED, "b": SUPPRESSED}),
        ({"a": 12, "b": 9, "c": 7}, {"a": 12, "b": 9, "c": 7}),
        ({"a": 0, "b": 0}, {"a": 0, "b": 0}),
    ],
)
def test_the_one_rule_for_small_groups_hides_a_lone_small_group_and_the_next(
    counts: dict[str, int], shown: dict[str, int | str]
) -> None:
    assert suppress_small(counts) == shown


@pytest.fixture
def leader_day(world, open_event):  # type: ignore[no-untyped-def]
    """Seven women (six came) and five men (all came) from Håbo, one man from Enköping."""
    event = open_event(capacity=340)
    event.open_municipalities.add(world.municipality_b)
    people = [("woman", "40-49", world.municipality_a, index < 6) for index in range(7)] + [
        ("man", "50-59", world.municipality_a, True) for _ in range(5)
    ]
    people.append(("man", "30-39", world.municipality_b, True))
    for gender, age_group, municipality, came in people:
        registration = event_register(event=event, person=UserFactory())
        EventRegistration.objects.filter(pk=registration.pk).update(
            gender=gender, age_group=age_group, municipality=municipality, attended=came
        )
    return event


def _table(event, key: str) -> dict[str, tuple[object, object]]:  # type: ignore[no-untyped-def]
    with translation.override("en"):
        table = next(t for t in event_statistics(event) if t.key == key)
    return {label: (registered, attended) for label, registered, attended in table.rows}


def test_statistics_count_registered_and_attended_by_municipality(world, leader_day) -> None:  # type: ignore[no-untyped-def]
    by_municipality = _table(leader_day, "municipality")
    # Enköping's one person is hidden, and Håbo as the only other group with people,
    # so that Enköping cannot be worked out from the event's total.
    assert by_municipality["Enköping"] == (SUPPRESSED, SUPPRESSED)
    assert by_municipality["Håbo"] == (SUPPRESSED, SUPPRESSED)


def test_statistics_by_gender_hide_no_group_of_five_or_more(world, leader_day) -> None:  # type: ignore[no-untyped-def]
    assert _table(leader_day, "gender") == {
        "Woman": (7, 6),
        "Man": (6, 6),
        "Other description": (0, 0),
        "Not stated": (0, 0),
    }


def test_statistics_by_age_group_hide_groups_under_five(world, leader_day) -> None:  # type: ignore[no-untyped-def]
    by_age = _table(leader_day, "age_group")
    assert by_age["40–49"] == (7, 6)
    assert by_age["30–39"] == (SUPPRESSED, SUPPRESSED)
    # The lone hidden group takes the next smallest with it, as in the reports.
    assert by_age["50–59"] == (SUPPRESSED, SUPPRESSED)


def test_the_event_page_and_the_export_show_the_same_figures(world, leader_day, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("coordinator")
    page = client.get(reverse("events:event_detail", kwargs={"pk": leader_day.pk})).content.decode()
    assert 'id="statistics-gender"' in page and "&lt;5" in page
    export = client.get(reverse("events:event_export", kwargs={"pk": leader_day.pk}))
    lines = export.content.decode("utf-8-sig").splitlines()
    assert "By gender;Registered;Attended" in lines
    assert "Woman;7;6" in lines
    assert "30–39;<5;<5" in lines


def test_people_who_only_register_do_not_see_the_statistics(world, leader_day, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for("adept").get(reverse("events:event_detail", kwargs={"pk": leader_day.pk}))
    assert 'id="statistics-gender"' not in page.content.decode()

"""Goals rated 1–10 with a small chart, and homework the adept ticks off."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pairs.models import Goal, GoalRating, Homework
from tests.world import World

from .factories import GoalFactory, GoalRatingFactory, HomeworkFactory

pytestmark = pytest.mark.django_db


def test_the_adept_sets_a_goal_and_rates_it(world: World, client_for) -> None:
    adept = client_for("adept")
    adept.post(
        reverse("pairs:goal_create", kwargs={"pk": world.pair.pk}),
        {"title": "Gå hem i tid tre dagar i veckan"},
    )
    goal = Goal.objects.get(pair=world.pair)
    for rating in ("3", "6"):
        response = adept.post(
            reverse("pairs:goal_rate", kwargs={"pk": goal.pk}), {"rating": rating}
        )
        assert response.status_code == 302
    assert list(goal.ratings.values_list("rating", flat=True)) == [3, 6]


@pytest.mark.parametrize("rating", ["0", "11", "-1"])
def test_a_rating_outside_one_to_ten_is_refused_and_nothing_changes(
    world: World, client_for, rating: str
) -> None:
    goal = GoalFactory(pair=world.pair)
    client = client_for("adept")
    client.cookies["mentorship_language"] = "en"
    response = client.post(reverse("pairs:goal_rate", kwargs={"pk": goal.pk}), {"rating": rating})
    assert response.status_code == 200
    assert "A rating is a whole number from 1 to 10." in response.content.decode()
    assert not GoalRating.objects.exists()


def test_the_mentor_cannot_rate_the_adepts_goal(world: World, client_for) -> None:
    goal = GoalFactory(pair=world.pair)
    client = client_for("mentor")
    client.cookies["mentorship_language"] = "en"
    response = client.post(reverse("pairs:goal_rate", kwargs={"pk": goal.pk}), {"rating": "5"})
    assert "Only the adept can do that." in response.content.decode()
    assert not GoalRating.objects.exists()


def test_the_chart_is_inline_svg_with_the_numbers_as_a_table(world: World, client_for) -> None:
    goal = GoalFactory(pair=world.pair, title="Delegera mer")
    today = timezone.localdate()
    for days_ago, rating in ((30, 2), (15, 5), (1, 8)):
        GoalRatingFactory(goal=goal, rating=rating, rated_on=today - datetime.timedelta(days_ago))
    body = (
        client_for("mentor")
        .get(reverse("pairs:pair_detail", kwargs={"pk": world.pair.pk}))
        .content.decode()
    )
    svg = body[body.index("<svg") : body.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg and "<polyline" in svg
    assert svg.count("<circle") == 3
    assert "style=" not in svg
    table = body[body.index("</svg>") : body.index("</table>", body.index("</svg>"))]
    assert [cell in table for cell in ("<td>2</td>", "<td>5</td>", "<td>8</td>")] == [True] * 3
    # The caption reads the scale: which line is 1 and which is 10.
    assert "Från 1 (den heldragna linjen) till 10 (den streckade)" in table
    # Later, higher ratings are drawn higher up (smaller y).
    heights = [float(part.split('"')[1]) for part in svg.split("cy=")[1:]]
    assert heights == sorted(heights, reverse=True)


def test_homework_is_added_and_ticked_off_by_the_adept(world: World, client_for) -> None:
    due = timezone.localdate() + datetime.timedelta(days=14)
    client_for("mentor").post(
        reverse("pairs:homework_create", kwargs={"pk": world.pair.pk}),
        {"title": "Skriv ner tre saker du kan delegera", "due_on": due.isoformat()},
    )
    homework = Homework.objects.get()
    assert homework.due_on == due
    client_for("mentor").post(reverse("pairs:homework_tick", kwargs={"pk": homework.pk}))
    homework.refresh_from_db()
    assert homework.done_at is None
    client_for("adept").post(
        reverse("pairs:homework_tick", kwargs={"pk": homework.pk}), {"done": "1"}
    )
    homework.refresh_from_db()
    assert homework.done_at is not None


def test_homework_due_in_the_past_is_refused(world: World, client_for) -> None:
    client = client_for("adept")
    client.cookies["mentorship_language"] = "en"
    response = client.post(
        reverse("pairs:homework_create", kwargs={"pk": world.pair.pk}),
        {"title": "Läs", "due_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat()},
    )
    assert "The due date cannot be in the past." in response.content.decode()
    assert not Homework.objects.exists()


def test_ticked_homework_shows_as_done(world: World, client_for) -> None:
    HomeworkFactory(pair=world.pair, title="Boka samtal med chefen", done_at=timezone.now())
    client = client_for("adept")
    client.cookies["mentorship_language"] = "en"
    body = client.get(reverse("pairs:pair_detail", kwargs={"pk": world.pair.pk})).content.decode()
    assert "<s>Boka samtal med chefen</s>" in body and "(done)" in body

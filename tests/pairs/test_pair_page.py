"""The pair page: what the two members see, kindly and in a constant number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pairs.models import Agreement, FitAnswer
from pairs.revisions import pair_changed
from pairs.selectors import GOALS_SHOWN
from tests.world import World

from .factories import (
    GoalFactory,
    GoalRatingFactory,
    HeldMeetingFactory,
    HomeworkFactory,
    MeetingFactory,
    ReflectionFactory,
    bulk_pairs,
)

pytestmark = pytest.mark.django_db


def _page(client, world: World) -> str:
    client.cookies["mentorship_language"] = "en"
    return client.get(reverse("pairs:pair_detail", kwargs={"pk": world.pair.pk})).content.decode()


def test_the_adept_sees_the_mentors_name_municipality_and_contact_details(
    world: World, client_for
) -> None:
    world.mentor.phone = "070-123 45 67"
    world.mentor.save()
    body = _page(client_for("adept"), world)
    assert "Your mentor" in body
    assert "Mona Mentor" in body and "Enköping" in body
    assert world.mentor.email in body and "070-123 45 67" in body


def test_the_mentor_sees_the_adept(world: World, client_for) -> None:
    body = _page(client_for("mentor"), world)
    assert "Your adept" in body and "Ada Adept" in body and "Håbo" in body


def test_the_page_shows_planned_and_held_meetings_and_the_path_of_the_year(
    world: World, client_for
) -> None:
    HeldMeetingFactory(pair=world.pair, notes="Vi satte mål för året.")
    MeetingFactory(pair=world.pair, place="Kommunhuset i Bålsta")
    body = _page(client_for("adept"), world)
    assert "Kommunhuset i Bålsta" in body
    assert "Vi satte mål för året." in body
    assert "1 of 7 planned meetings held." in body
    for step in ("Kickoff", "Half-year meeting", "Closing", "1 of 7 held"):
        assert step in body


def test_the_other_pairs_meetings_never_show(world: World, client_for) -> None:
    HeldMeetingFactory(pair=world.other_pair, notes="Den andra parens anteckning")
    assert "Den andra parens anteckning" not in _page(client_for("adept"), world)


def test_after_the_first_held_meeting_both_are_asked_if_the_pair_works(
    world: World, client_for
) -> None:
    assert "Does this pair work?" not in _page(client_for("adept"), world)
    # No service logs a meeting held two weeks ago today, so the test moves the revision on
    # as meeting_log would.
    HeldMeetingFactory(pair=world.pair)
    pair_changed(world.pair.pk)
    assert "Does this pair work?" in _page(client_for("adept"), world)
    response = client_for("adept").post(
        reverse("pairs:fit_answer", kwargs={"pk": world.pair.pk}), {"works": "no", "comment": ""}
    )
    assert response.status_code == 302
    assert FitAnswer.objects.get(pair=world.pair, person=world.adept).works is False
    page = _page(client_for("adept"), world)
    assert "Does this pair work?" not in page
    # Things change: the member answers again, and the latest answer is the one that counts.
    assert reverse("pairs:fit_answer", kwargs={"pk": world.pair.pk}) in page
    client_for("adept").post(
        reverse("pairs:fit_answer", kwargs={"pk": world.pair.pk}), {"works": "yes"}
    )
    assert FitAnswer.objects.get(pair=world.pair, person=world.adept).works is True
    assert FitAnswer.objects.filter(pair=world.pair).count() == 1


def test_the_fit_question_says_why_it_cannot_be_answered_before_a_meeting(
    world: World, client_for
) -> None:
    url = reverse("pairs:fit_answer", kwargs={"pk": world.pair.pk})
    client = client_for("adept")
    client.cookies["mentorship_language"] = "en"
    page = client.get(url).content.decode()
    assert "after your first meeting, once it is logged as held" in page
    assert "You have had your first meeting" not in page
    response = client.post(url, {"works": "yes"})
    assert "You are asked this after your first meeting." in response.content.decode()
    assert not FitAnswer.objects.exists()


def test_both_confirm_the_agreement(world: World, client_for) -> None:
    client_for("adept").post(
        reverse("pairs:agreement_edit", kwargs={"pk": world.pair.pk}),
        {
            "meeting_frequency": "En gång i månaden",
            "meeting_place": "Hos mentorn i Enköping",
            "confidentiality": "Det vi säger stannar mellan oss.",
            "adept_wishes": "Bli tryggare i svåra samtal.",
        },
    )
    agreement = Agreement.objects.get(pair=world.pair)
    assert not agreement.is_confirmed
    confirm = reverse("pairs:agreement_confirm", kwargs={"pk": world.pair.pk})
    client_for("adept").post(confirm)
    agreement.refresh_from_db()
    assert agreement.adept_confirmed_at and not agreement.is_confirmed
    client_for("mentor").post(confirm)
    agreement.refresh_from_db()
    assert agreement.is_confirmed
    body = _page(client_for("mentor"), world)
    assert "Bli tryggare i svåra samtal." in body
    assert "The mentor has confirmed." in body and "The adept has confirmed." in body


def test_the_pair_page_in_a_500_pair_cohort_costs_a_constant_number_of_queries(
    world: World, client_for, django_assert_max_num_queries
) -> None:
    bulk_pairs(world.cohort, world.municipality_c, 500)
    client = client_for("adept")
    url = reverse("pairs:pair_detail", kwargs={"pk": world.pair.pk})
    for n in range(30):
        HeldMeetingFactory(
            pair=world.pair, starts_at=timezone.now() - datetime.timedelta(days=n + 1)
        )
        MeetingFactory(pair=world.pair, starts_at=timezone.now() + datetime.timedelta(days=n + 1))
    for _n in range(10):
        goal = GoalFactory(pair=world.pair)
        for rating in (3, 5, 7):
            GoalRatingFactory(goal=goal, rating=rating)
        HomeworkFactory(pair=world.pair)
        ReflectionFactory(pair=world.pair, author=world.adept)
    with django_assert_max_num_queries(20):
        response = client.get(url)
    assert response.status_code == 200
    # The page shows the newest goals and links the rest; the goals' own page shows them all.
    assert response.content.decode().count("<svg") == GOALS_SHOWN
    with django_assert_max_num_queries(20):
        response = client.get(reverse("pairs:pair_goals", kwargs={"pk": world.pair.pk}))
    assert response.content.decode().count("<svg") == 10

"""A cohort's objective: best total or no weak pair, both figures on the run and compared."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from matching.models import CohortMatching, MatchRun, Objective
from matching.services import rules
from matching.services import runs as services

from .factories import Profiled, profiled_cohort


@pytest.fixture
def weak_pair(world) -> Profiled:
    """Five adepts and five mentors whose best total has a pair at 52.75 among pairs near 80;
    "no weak pair" lifts it to 61.25 for 7.5 points of the total."""
    places = [world.municipality_a, world.municipality_b, world.municipality_c]
    return profiled_cohort(
        world.programme,
        adepts=[(f"Adept {i}", places[(i + 2) % 3]) for i in range(5)],
        mentors=[(f"Mentor {i}", places[(i * 2 + 1) % 3]) for i in range(5)],
    )


def _objective_set(cohort, objective: str) -> None:
    config = CohortMatching.objects.get(cohort=cohort)
    rules.matching_settings_update(
        cohort=cohort,
        weights=config.weights,
        min_years_ahead=0,
        shortlist_open=False,
        objective=objective,
        actor=None,
    )


def test_a_run_stores_its_objective_and_both_objectives_figures(world, weak_pair):
    run = services.match_run_create(cohort=weak_pair.cohort, actor=world.coordinator)
    assert run.objective == Objective.BEST_TOTAL
    assert run.figures == {
        "best_total": {"matched": 5, "total": 382.75, "lowest": 52.75},
        "no_weak_pair": {"matched": 5, "total": 375.25, "lowest": 61.25},
    }
    assert run.total_score == 382.75 and run.lowest_score == 52.75

    _objective_set(weak_pair.cohort, Objective.NO_WEAK_PAIR)
    lifted = services.match_run_create(cohort=weak_pair.cohort, actor=world.coordinator)
    assert lifted.objective == Objective.NO_WEAK_PAIR
    assert lifted.figures == run.figures
    scores = [p.score for p in lifted.proposals.all()]
    assert len(scores) == 5 and min(scores) == 61.25
    assert lifted.total_score == pytest.approx(sum(scores)) == 375.25


def test_locked_pairs_stay_under_the_no_weak_pair_objective(world, weak_pair):
    _objective_set(weak_pair.cohort, Objective.NO_WEAK_PAIR)
    first = services.match_run_create(cohort=weak_pair.cohort, actor=world.coordinator)
    proposal = first.proposals.order_by("score").first()
    services.pair_lock_set(
        cohort=weak_pair.cohort,
        adept=proposal.adept,
        mentor=proposal.mentor,
        actor=world.coordinator,
        manual=False,
    )
    second = services.match_run_create(cohort=weak_pair.cohort, actor=world.coordinator)
    kept = second.proposals.get(adept=proposal.adept)
    assert kept.mentor_id == proposal.mentor_id and kept.locked
    assert second.lowest_score == first.lowest_score


def test_an_unknown_objective_is_refused(world, weak_pair):
    with pytest.raises(ValidationError):
        _objective_set(weak_pair.cohort, "cheapest")
    assert CohortMatching.objects.get(cohort=weak_pair.cohort).objective == Objective.BEST_TOTAL


def test_coordinator_chooses_the_objective_and_sees_what_each_costs_the_other(
    world, weak_pair, client_for
):
    client = client_for("coordinator")
    settings_url = reverse("matching:settings", kwargs={"pk": weak_pair.cohort.pk})
    form = client.get(settings_url).content.decode()
    assert "Inget svagt par" in form and "Bästa totalen" in form
    config = CohortMatching.objects.get(cohort=weak_pair.cohort)
    client.post(
        settings_url,
        {**config.weights, "min_years_ahead": 0, "objective": Objective.NO_WEAK_PAIR},
    )
    assert CohortMatching.objects.get(cohort=weak_pair.cohort).objective == Objective.NO_WEAK_PAIR
    client.post(reverse("matching:run_create", kwargs={"pk": weak_pair.cohort.pk}))
    run = MatchRun.objects.get(cohort=weak_pair.cohort)
    page = client.get(reverse("matching:run", kwargs={"pk": run.pk})).content.decode()
    assert '<dd class="col-sm-8" id="objective">Inget svagt par</dd>' in page
    assert "375,25" in page and "382,75" in page and "52,75" in page and "61,25" in page
    assert "höjer den lägsta parpoängen med 8,50 poäng till en kostnad av 7,50 poäng" in page

    _objective_set(weak_pair.cohort, Objective.BEST_TOTAL)
    client.post(reverse("matching:run_create", kwargs={"pk": weak_pair.cohort.pk}))
    other = MatchRun.objects.get(cohort=weak_pair.cohort, number=2)
    compare = client.get(
        reverse("matching:run_compare", kwargs={"pk": other.pk}), {"other": run.pk}
    ).content.decode()
    assert "Körning 2 (Bästa totalen)" in compare and "Körning 1 (Inget svagt par)" in compare
    assert compare.count("höjer den lägsta parpoängen med 8,50 poäng") == 2


def test_contact_of_a_municipality_cannot_see_a_runs_figures(world, weak_pair, client_for):
    run = services.match_run_create(cohort=weak_pair.cohort, actor=world.coordinator)
    for persona in ("contact_a", "mentor", "outsider"):
        response = client_for(persona).get(reverse("matching:run", kwargs={"pk": run.pk}))
        assert response.status_code == 404


def test_what_would_it_cost_speaks_of_the_best_total_under_either_objective(world, weak_pair):
    _objective_set(weak_pair.cohort, Objective.NO_WEAK_PAIR)
    run = services.match_run_create(cohort=weak_pair.cohort, actor=world.coordinator)
    weakest = run.proposals.order_by("score").first()
    cost = services.match_pair_cost(
        cohort=weak_pair.cohort, adept=weakest.adept, mentor=weakest.mentor
    )
    assert cost.total_before == run.figures["best_total"]["total"] == 382.75
    assert cost.total_after <= cost.total_before and cost.matched_after == 5

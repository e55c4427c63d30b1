""" "What would it cost?" re-solved from the latest run's kept optimum (matching.warm_state):
the same answer as computing the cohort cold, without scoring it, and cold again as soon
as anything the scores depend on has changed."""

from __future__ import annotations

import pytest

from matching import scoring
from matching.models import MatchRun
from matching.services import runs

from .factories import profiled_cohort


@pytest.fixture
def cohort(world, monkeypatch):
    """Nine adepts and six mentors of two places each, on the certified path."""
    monkeypatch.setattr(runs, "LARGE_COHORT", 1)
    places = [world.municipality_a, world.municipality_b, world.municipality_c]
    return profiled_cohort(
        world.programme,
        adepts=[(f"Adept {i}", places[i % 3]) for i in range(9)],
        mentors=[(f"Mentor {i}", places[(i + 1) % 3]) for i in range(6)],
        capacity=2,
    )


def _not_proposed(run: MatchRun, profiled):
    proposal = run.proposals.select_related("adept", "mentor").order_by("adept_id").first()
    mentor = next(
        m
        for m in profiled.mentors
        if m.pk != proposal.mentor_id and m.municipality_id != proposal.adept.municipality_id
    )
    return proposal.adept, mentor


def test_a_what_if_from_the_kept_optimum_answers_as_the_cold_computation_without_scoring(
    world, cohort, monkeypatch
):
    run = runs.match_run_create(cohort=cohort.cohort, actor=world.coordinator)
    assert run.solve_state
    adept, mentor = _not_proposed(run, cohort)
    with monkeypatch.context() as patch:
        patch.setattr(runs, "_pair_cost_from_latest_run", lambda *args: None)
        cold = runs.match_pair_cost(cohort=cohort.cohort, adept=adept, mentor=mentor)

    def no_scoring(*args, **kwargs):
        raise AssertionError("the what-if scored the whole cohort")

    monkeypatch.setattr(scoring, "cohort_units", no_scoring)
    warm = runs.match_pair_cost(cohort=cohort.cohort, adept=adept, mentor=mentor)
    assert warm == cold
    assert warm.total_before == run.total_score
    assert warm.matched_before == run.proposals.count()


def test_only_the_latest_run_keeps_its_optimum(world, cohort):
    first = runs.match_run_create(cohort=cohort.cohort, actor=world.coordinator)
    second = runs.match_run_create(cohort=cohort.cohort, actor=world.coordinator)
    first.refresh_from_db()
    assert not first.solve_state and second.solve_state


def test_a_lock_or_a_changed_weight_since_the_run_means_a_cold_what_if(world, cohort, monkeypatch):
    run = runs.match_run_create(cohort=cohort.cohort, actor=world.coordinator)
    adept, mentor = _not_proposed(run, cohort)
    other = next(a for a in cohort.adepts if a.pk != adept.pk)
    lock_mentor = next(m for m in cohort.mentors if m.municipality_id != other.municipality_id)
    runs.pair_lock_set(
        cohort=cohort.cohort, adept=other, mentor=lock_mentor, actor=world.coordinator, manual=True
    )
    cold_calls = []
    real = runs.match_compute
    monkeypatch.setattr(runs, "match_compute", lambda **kw: cold_calls.append(1) or real(**kw))
    with_lock = runs.match_pair_cost(cohort=cohort.cohort, adept=adept, mentor=mentor)
    assert cold_calls == [1]
    # The answer is the one for the cohort as it is, with the lock.
    monkeypatch.setattr(runs, "_pair_cost_from_latest_run", lambda *args: None)
    assert with_lock == runs.match_pair_cost(cohort=cohort.cohort, adept=adept, mentor=mentor)
    matching = cohort.cohort.matching
    monkeypatch.undo()
    cold_calls.clear()
    monkeypatch.setattr(runs, "LARGE_COHORT", 1)
    # A new run with the lock keeps an optimum that the what-if can start from.
    runs.match_run_create(cohort=cohort.cohort, actor=world.coordinator)
    monkeypatch.setattr(runs, "match_compute", lambda **kw: cold_calls.append(1) or real(**kw))
    runs.match_pair_cost(cohort=cohort.cohort, adept=adept, mentor=mentor)
    assert cold_calls == []
    matching.weights = {**matching.weights, "needs": matching.weight("needs") + 3}
    matching.save()
    runs.match_pair_cost(cohort=cohort.cohort, adept=adept, mentor=mentor)
    assert cold_calls == [1]


def test_the_review_page_answers_from_the_kept_optimum_in_swedish_and_refuses_a_broken_rule(
    world, cohort, client_for, monkeypatch
):
    from django.urls import reverse

    run = runs.match_run_create(cohort=cohort.cohort, actor=world.coordinator)
    adept, mentor = _not_proposed(run, cohort)
    expected = runs.match_pair_cost(cohort=cohort.cohort, adept=adept, mentor=mentor)

    def no_scoring(*args, **kwargs):
        raise AssertionError("the what-if scored the whole cohort")

    monkeypatch.setattr(scoring, "cohort_units", no_scoring)
    client = client_for("coordinator")
    url = reverse(
        "matching:pair_set", kwargs={"pk": run.pk, "adept_pk": adept.pk, "mentor_pk": mentor.pk}
    )
    page = client.get(url).content.decode()
    assert "Bästa totalen med det här paret" in page
    for figure in (expected.total_after, expected.difference):
        assert f"{figure:.2f}".replace(".", ",") in page
    same = next(m for m in cohort.mentors if m.municipality_id == adept.municipality_id)
    url = reverse(
        "matching:pair_set", kwargs={"pk": run.pk, "adept_pk": adept.pk, "mentor_pk": same.pk}
    )
    assert "annan kommun" in client.get(url).content.decode()

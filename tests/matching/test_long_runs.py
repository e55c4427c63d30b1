"""A large cohort's run in a task: its stage on the page, polled in place, and its failure."""

from __future__ import annotations

import datetime

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from matching import scoring, solver
from matching.models import MatchRun, ProfileAnswer, RunStage
from matching.services import long_runs
from matching.services import runs as services

from .synthetic import random_input


@pytest.fixture
def large_from_two(settings):
    """Runs of more than two adepts count as large: the profiled cohort has three."""
    settings.MATCHING_TASK_FROM_ADEPTS = 2


def _run_url(run: MatchRun) -> str:
    return reverse("matching:run", kwargs={"pk": run.pk})


def test_a_small_cohort_still_runs_at_once(world, profiled, client_for):
    client = client_for("coordinator")
    response = client.post(reverse("matching:run_create", kwargs={"pk": profiled.cohort.pk}))
    run = MatchRun.objects.get(cohort=profiled.cohort)
    assert run.stage == RunStage.DONE and run.proposals.count() == 3
    page = client.get(response.url).content.decode()
    assert "data-hx-trigger" not in page and "Anna Adept" in page


def test_a_large_run_waits_for_its_task_and_the_page_polls_its_stage(
    world, profiled, client_for, large_from_two, django_capture_on_commit_callbacks
):
    client = client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("matching:run_create", kwargs={"pk": profiled.cohort.pk}))
    run = MatchRun.objects.get(cohort=profiled.cohort)
    assert run.stage == RunStage.QUEUED and not run.proposals.exists()
    assert len(callbacks) == 1
    page = client.get(response.url, follow=True).content.decode()
    assert "Körning 1 har startat" in page and "Väntar på att starta" in page
    assert f'data-hx-get="{_run_url(run)}"' in page
    assert 'data-hx-trigger="every 2s"' in page and 'aria-live="polite"' in page
    assert "Publicera paren" not in page

    # Each stage the task saves shows in the fragment the page polls for.
    status_url = _run_url(run)
    for stage, words in [
        (RunStage.SOLVING, "Söker den bästa matchningen"),
        (RunStage.PROVING, "Bevisar"),
    ]:
        MatchRun.objects.filter(pk=run.pk).update(stage=stage)
        fragment = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
        assert fragment.startswith('<div id="run-stage" data-hx-get=')
        assert words in fragment and "<progress" in fragment
    MatchRun.objects.filter(pk=run.pk).update(stage=RunStage.QUEUED)

    callbacks[0]()  # the task, as the embedded default runs it after commit
    run.refresh_from_db()
    assert run.stage == RunStage.DONE and run.proposals.count() == 3 and run.figures
    fragment = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
    assert "data-hx-trigger" not in fragment and "Visa de föreslagna paren" in fragment
    page = client.get(_run_url(run)).content.decode()
    assert "Anna Adept" in page and "Publicera paren" in page


def test_the_task_saves_each_stage_and_runs_only_once(world, profiled, large_from_two):
    run = long_runs.match_run_request(
        cohort=profiled.cohort, actor=world.coordinator, unfinished="refuse"
    )
    with CaptureQueriesContext(connection) as queries:
        done = long_runs.match_run_compute(run_id=run.pk)
    assert done.stage == RunStage.DONE and done.proposals.count() == 3
    # Each stage saved as it starts, for the polling page (the last, done, with the run).
    saved = [
        stage
        for q in queries.captured_queries
        if q["sql"].startswith('UPDATE "matching_matchrun" SET "stage"')
        for stage in RunStage.values
        if f"'{stage}'" in q["sql"].split(" WHERE ")[0]
    ]
    assert saved[:3] == [RunStage.SCORING, RunStage.SOLVING, RunStage.SAVING]
    # A second delivery of the task finds the run taken and changes nothing.
    again = long_runs.match_run_compute(run_id=run.pk)
    assert again.stage == RunStage.DONE and again.proposals.count() == 3


def test_the_certified_solve_tells_when_it_solves_and_when_it_proves():
    inp = random_input(5, 300, 225, exclusion_share=0.1)
    stages: list[str] = []
    solver.solve_certified(
        scoring.unit_matrix(inp), None, inp.mentor_capacity, on_stage=stages.append
    )
    assert stages[:2] == [solver.SOLVING, solver.PROVING]
    assert set(stages) == {solver.SOLVING, solver.PROVING}
    assert np.all(np.array(stages[1::2]) == solver.PROVING)


def test_a_failed_run_shows_why_and_leaves_nothing_to_publish(
    world, profiled, client_for, large_from_two, django_capture_on_commit_callbacks
):
    ProfileAnswer.objects.filter(enrolment=profiled.adepts[1]).delete()
    client = client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("matching:run_create", kwargs={"pk": profiled.cohort.pk}))
    run = MatchRun.objects.get(cohort=profiled.cohort)
    assert run.stage == RunStage.FAILED and "Bo Adept" in run.error
    assert not run.proposals.exists()
    page = client.get(response.url).content.decode()
    assert "Körningen misslyckades. Inga förslag sparades." in page and "Bo Adept" in page
    assert "data-hx-trigger" not in page and "Publicera paren" not in page
    with pytest.raises(ValidationError, match="inte klar"):
        services.match_run_publish(run=run, actor=world.coordinator)
    cohort_page = client.get(reverse("matching:cohort", kwargs={"pk": profiled.cohort.pk}))
    assert "Misslyckades" in cohort_page.content.decode()


def test_a_failed_run_does_not_stop_an_earlier_run_from_being_published(
    world, profiled, large_from_two
):
    earlier = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    failed = long_runs.match_run_request(
        cohort=profiled.cohort, actor=world.coordinator, unfinished="refuse"
    )
    MatchRun.objects.filter(pk=failed.pk).update(stage=RunStage.FAILED, error="Stopp")
    assert len(services.match_run_publish(run=earlier, actor=world.coordinator)) == 3


def test_a_run_whose_worker_is_gone_shows_as_failed(world, profiled, client_for, large_from_two):
    run = long_runs.match_run_request(
        cohort=profiled.cohort, actor=world.coordinator, unfinished="refuse"
    )
    long_ago = timezone.now() - datetime.timedelta(days=1)
    MatchRun.objects.filter(pk=run.pk).update(stage=RunStage.SOLVING, created_at=long_ago)
    fragment = (
        client_for("coordinator")
        .get(_run_url(run), headers={"HX-Request": "true"})
        .content.decode()
    )
    assert "data-hx-trigger" not in fragment
    assert "Körningen avbröts innan den blev klar" in fragment


@pytest.mark.parametrize("persona", ["contact_a", "mentor", "outsider"])
def test_others_cannot_poll_a_runs_stage(world, profiled, client_for, large_from_two, persona):
    run = long_runs.match_run_request(
        cohort=profiled.cohort, actor=world.coordinator, unfinished="refuse"
    )
    response = client_for(persona).get(_run_url(run), headers={"HX-Request": "true"})
    assert response.status_code == 404


def test_anonymous_polling_is_sent_to_sign_in(world, profiled, client_for, large_from_two):
    run = long_runs.match_run_request(
        cohort=profiled.cohort, actor=world.coordinator, unfinished="refuse"
    )
    response = client_for("anonymous").get(_run_url(run))
    assert response.status_code == 302 and "login" in response.url


def test_a_large_run_is_saved_before_the_other_objective_and_gets_its_figures_after(
    world, profiled, large_from_two, monkeypatch
):
    run = long_runs.match_run_request(
        cohort=profiled.cohort, actor=world.coordinator, unfinished="refuse"
    )
    seen: list[tuple[str, list[str]]] = []
    compare = services.match_run_compare

    def watched(*, run: MatchRun, computation: services.Computation) -> MatchRun:
        saved = MatchRun.objects.get(pk=run.pk)
        seen.append((saved.stage, sorted(saved.figures)))
        return compare(run=run, computation=computation)

    monkeypatch.setattr(services, "match_run_compare", watched)
    done = long_runs.match_run_compute(run_id=run.pk)
    # When the other objective starts, the run is done with its proposals and its own figures.
    assert seen == [(RunStage.DONE, ["best_total"])]
    assert done.stage == RunStage.DONE and sorted(done.figures) == ["best_total", "no_weak_pair"]
    assert done.figures == services.match_compute(cohort=profiled.cohort, compare=True).figures()


def test_a_large_cohort_solves_only_its_own_objective_unless_asked(world, profiled, large_from_two):
    assert services.match_compute(cohort=profiled.cohort).optima is None
    assert services.match_compute(cohort=profiled.cohort, compare=True).optima is not None


def test_a_run_whose_other_objective_failed_stays_done_and_says_its_figures_are_pending(
    world, profiled, large_from_two, monkeypatch, client_for
):
    run = long_runs.match_run_request(
        cohort=profiled.cohort, actor=world.coordinator, unfinished="refuse"
    )

    def broken(**kwargs: object) -> None:
        raise RuntimeError("no")

    monkeypatch.setattr(services.bottleneck, "solve_no_weak_pair", broken)
    done = long_runs.match_run_compute(run_id=run.pk)
    assert done.stage == RunStage.DONE and done.proposals.count() == 3
    assert list(done.figures) == ["best_total"]
    page = client_for("coordinator").get(_run_url(done)).content.decode()
    assert "Anna Adept" in page
    assert "Det andra målets siffror läggs till här när det har lösts" in page


def test_the_match_command_saves_a_large_run_with_both_objectives_figures(
    world, profiled, large_from_two
):
    from django.core.management import call_command

    call_command("match", str(profiled.cohort.pk))
    run = MatchRun.objects.get(cohort=profiled.cohort)
    assert sorted(run.figures) == ["best_total", "no_weak_pair"]

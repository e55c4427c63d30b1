"""The coordinator's pages and the participant's leader profile, through the client."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from audit.models import AuditEvent
from matching.models import MatchRun, PairLock, ProfileAnswer
from matching.services import runs as services
from matching.views.runs import PROPOSALS_PER_PAGE
from programmes.models import Enrolment, Role
from tests.factories import EnrolmentFactory, MunicipalityFactory, UserFactory

from .factories import profiled_cohort


def test_coordinator_runs_locks_reruns_compares_and_publishes_through_the_pages(
    world, profiled, client_for
):
    client = client_for("coordinator")
    response = client.post(
        reverse("matching:run_create", kwargs={"pk": profiled.cohort.pk}), {"unfinished": "refuse"}
    )
    run = MatchRun.objects.get(cohort=profiled.cohort)
    assert response.url == reverse("matching:run", kwargs={"pk": run.pk})
    page = client.get(response.url).content.decode()
    assert "Anna Adept" in page and "Utvecklingsbehov och mentorns styrkor" in page
    proposal = run.proposals.get(adept=profiled.adepts[0])
    client.post(
        reverse("matching:proposal_lock", kwargs={"pk": run.pk, "proposal_pk": proposal.pk})
    )
    assert PairLock.objects.get(adept=proposal.adept).mentor_id == proposal.mentor_id
    client.post(reverse("matching:run_create", kwargs={"pk": profiled.cohort.pk}))
    second = MatchRun.objects.get(cohort=profiled.cohort, number=2)
    assert second.proposals.get(adept=proposal.adept).locked
    compare = client.get(
        reverse("matching:run_compare", kwargs={"pk": second.pk}), {"other": run.pk}
    ).content.decode()
    assert "Anna Adept" in compare and "0 adepter har en annan mentor" in compare
    client.post(reverse("matching:run_publish", kwargs={"pk": second.pk}))
    second.refresh_from_db()
    assert second.published_at is not None
    assert profiled.cohort.pairs.count() == 3


def test_candidates_page_shows_every_mentor_with_score_and_the_rule_that_forbids(
    world, profiled, client_for
):
    run = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    adept = profiled.adepts[0]
    page = (
        client_for("coordinator")
        .get(reverse("matching:candidates", kwargs={"pk": run.pk, "adept_pk": adept.pk}))
        .content.decode()
    )
    for mentor in profiled.mentors:
        assert mentor.person.full_name in page
    assert "annan kommun" in page


def test_setting_a_pair_by_hand_shows_its_cost_then_locks_it(world, profiled, client_for):
    run = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    adept = profiled.adepts[0]
    proposed = run.proposals.get(adept=adept).mentor_id
    mentor = next(
        m
        for m in profiled.mentors
        if m.pk != proposed and m.municipality_id != adept.municipality_id
    )
    url = reverse(
        "matching:pair_set", kwargs={"pk": run.pk, "adept_pk": adept.pk, "mentor_pk": mentor.pk}
    )
    client = client_for("coordinator")
    page = client.get(url).content.decode()
    cost = services.match_pair_cost(cohort=profiled.cohort, adept=adept, mentor=mentor)
    assert cost.difference <= 0
    assert f"{cost.difference:.2f}".replace(".", ",") in page or f"{cost.difference:.2f}" in page
    client.post(url)
    lock = PairLock.objects.get(adept=adept)
    assert lock.mentor_id == mentor.pk and lock.manual


def test_a_lock_that_breaks_a_rule_shows_the_message_and_creates_nothing(
    world, profiled, client_for
):
    run = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    adept = profiled.adepts[0]
    same = next(m for m in profiled.mentors if m.municipality_id == adept.municipality_id)
    url = reverse(
        "matching:pair_set", kwargs={"pk": run.pk, "adept_pk": adept.pk, "mentor_pk": same.pk}
    )
    response = client_for("coordinator").post(url, follow=True)
    assert "annan kommun" in response.content.decode()
    assert not PairLock.objects.exists()


def test_the_proposals_page_of_200_adepts_costs_a_constant_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    municipalities = [MunicipalityFactory(name=f"Ort {i}", code=f"{7000 + i}") for i in range(5)]
    profiled = profiled_cohort(
        world.programme,
        adepts=[(f"Adept {i:03d}", municipalities[i % 5]) for i in range(200)],
        mentors=[(f"Mentor {i:03d}", municipalities[(i + 1) % 5]) for i in range(120)],
        capacity=2,
    )
    run = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    assert run.proposals.count() == 200
    client = client_for("coordinator")
    with django_assert_max_num_queries(15):
        page = client.get(reverse("matching:run", kwargs={"pk": run.pk}))
    # A page of the proposals, and the count of them all.
    html = page.content.decode()
    assert (
        html.count("<tr>") >= PROPOSALS_PER_PAGE
        and '<dd class="col-sm-8" id="pair-count">200<' in html
    )


def test_participant_saves_answers_one_at_a_time_and_sees_progress(world, profiled, client_for):
    adept = profiled.adepts[0]
    ProfileAnswer.objects.filter(enrolment=adept).delete()
    client = client_for("coordinator")
    client.force_login(adept.person)
    question = profiled.scale_questions[0]
    url = reverse("matching:profile_answer", kwargs={"pk": adept.pk, "question_pk": question.pk})
    response = client.post(url, {f"q{question.pk}": "4"})
    assert response.status_code == 200 and "Sparat" in response.content.decode()
    assert ProfileAnswer.objects.get(enrolment=adept, question=question).scale_value == 4
    bad = client.post(url, {f"q{question.pk}": "9"})
    assert bad.status_code == 400 and "1 till 5" in bad.content.decode()
    assert ProfileAnswer.objects.get(enrolment=adept, question=question).scale_value == 4
    page = client.get(reverse("matching:profile", kwargs={"pk": adept.pk})).content.decode()
    assert "1 av 3 obligatoriska svar" in page


def test_coordinator_sees_who_has_not_finished_and_reminds_them_once_a_day(
    world, profiled, client_for, outbox, django_capture_on_commit_callbacks
):
    ProfileAnswer.objects.filter(enrolment=profiled.mentors[1]).delete()
    client = client_for("coordinator")
    page = client.get(reverse("matching:profile_status", kwargs={"pk": profiled.cohort.pk}))
    assert "1 deltagare är inte klar" in page.content.decode()
    url = reverse("matching:profiles_remind", kwargs={"pk": profiled.cohort.pk})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
        client.post(url)
    assert [m.to for m in outbox] == [[profiled.mentors[1].person.email]]


def test_the_questionnaire_is_locked_once_the_profiles_are_open(world, profiled, client_for):
    client = client_for("coordinator")
    url = reverse("matching:question_create", kwargs={"pk": world.programme.pk})
    response = client.post(
        url,
        {
            "kind": "text",
            "text": "Ny fråga",
            "purpose": "information",
            "audience": "both",
            "position": 9,
        },
    )
    assert "kan inte längre ändras" in response.content.decode()
    assert not profiled.questionnaire.questions.filter(text="Ny fråga").exists()


def test_cli_prints_json_and_writes_the_score_matrix(world, profiled, tmp_path, capsys):
    a = profiled.adepts[0]
    same = next(m for m in profiled.mentors if m.municipality_id == a.municipality_id)
    out = tmp_path / "scores.csv"
    call_command("match", str(profiled.cohort.pk), "--dry-run", "--json", "--scores-out", str(out))
    result = json.loads(capsys.readouterr().out)
    assert set(result) >= {"total_score", "proposals", "unmatched", "mentor_capacity"}
    assert len(result["proposals"]) == 3
    assert result["mentor_capacity"] == {str(m.pk): 1 for m in profiled.mentors}
    assert not MatchRun.objects.exists()
    lines = out.read_text().splitlines()
    assert lines[0] == "adept_id,mentor_id,score,needs,dimensions,wishes,experience,travel,ranking"
    assert len(lines) == 1 + 9
    rows = {(r.split(",")[0], r.split(",")[1]): r.split(",") for r in lines[1:]}
    assert rows[(str(a.pk), str(same.pk))][2] == ""
    total = sum(
        float(rows[(str(p["adept_id"]), str(p["mentor_id"]))][2]) for p in result["proposals"]
    )
    assert total == pytest.approx(result["total_score"], abs=0.01)
    call_command("match", str(profiled.cohort.pk))
    assert MatchRun.objects.count() == 1
    assert AuditEvent.objects.filter(action="match_run.create").count() == 1


def test_adept_ranks_a_shortlist_that_the_score_then_counts(world, profiled, client_for):
    from matching.models import CohortMatching, ShortlistRank

    adept = profiled.adepts[0]
    others = [m for m in profiled.mentors if m.municipality_id != adept.municipality_id]
    client = client_for("coordinator")
    client.force_login(adept.person)
    url = reverse("matching:shortlist", kwargs={"pk": adept.pk})
    closed = client.post(url, {"choice_1": str(others[0].pk)})
    assert not ShortlistRank.objects.exists() and closed.status_code == 200
    CohortMatching.objects.filter(cohort=profiled.cohort).update(
        shortlist_open=True,
        weights={
            "needs": 1,
            "dimensions": 0,
            "wishes": 0,
            "experience": 0,
            "travel": 0,
            "ranking": 10,
        },
    )
    same = next(m for m in profiled.mentors if m.municipality_id == adept.municipality_id)
    refused = client.post(url, {"choice_1": str(same.pk)})
    assert "choice_1" in refused.context["form"].errors
    assert not ShortlistRank.objects.exists()
    client.post(url, {"choice_1": str(others[1].pk), "choice_2": str(others[0].pk)})
    assert list(
        ShortlistRank.objects.filter(adept=adept)
        .order_by("rank")
        .values_list("mentor_id", flat=True)
    ) == [others[1].pk, others[0].pk]
    run = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    proposal = run.proposals.get(adept=adept)
    assert proposal.explanation["points"]["ranking"] > 0


def _late_enrolment(profiled, role: Role, name: str) -> Enrolment:
    """Admitted to the cohort after the run, so the run never matched them."""
    municipality = profiled.mentors[0].municipality
    return EnrolmentFactory(
        person=UserFactory(full_name=name),
        cohort=profiled.cohort,
        role=role,
        municipality=municipality,
        years_as_manager=1 if role == Role.ADEPT else 20,
    )


def test_an_adept_not_in_the_run_gets_404_on_setting_a_pair_and_on_the_candidates(
    world, profiled, client_for
):
    run = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    late = _late_enrolment(profiled, Role.ADEPT, "Sen Adept")
    client = client_for("coordinator")
    pair_set = reverse(
        "matching:pair_set",
        kwargs={"pk": run.pk, "adept_pk": late.pk, "mentor_pk": profiled.mentors[1].pk},
    )
    candidates = reverse("matching:candidates", kwargs={"pk": run.pk, "adept_pk": late.pk})

    assert client.get(pair_set).status_code == 404
    assert client.post(pair_set).status_code == 404
    assert client.get(candidates).status_code == 404
    assert not PairLock.objects.exists()


def test_a_mentor_not_in_the_run_gets_404_and_is_not_offered_among_the_candidates(
    world, profiled, client_for
):
    run = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    late = _late_enrolment(profiled, Role.MENTOR, "Sen Mentor")
    adept = profiled.adepts[0]
    client = client_for("coordinator")
    pair_set = reverse(
        "matching:pair_set", kwargs={"pk": run.pk, "adept_pk": adept.pk, "mentor_pk": late.pk}
    )

    assert client.get(pair_set).status_code == 404
    assert client.post(pair_set).status_code == 404
    assert not PairLock.objects.exists()
    page = client.get(reverse("matching:candidates", kwargs={"pk": run.pk, "adept_pk": adept.pk}))
    assert "Olga Mentor" in page.content.decode()
    assert "Sen Mentor" not in page.content.decode()


def test_an_adept_of_the_run_whose_profile_is_unfinished_since_gets_a_message(
    world, profiled, client_for
):
    run = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    adept = profiled.adepts[0]
    ProfileAnswer.objects.filter(enrolment=adept).delete()
    url = reverse(
        "matching:pair_set",
        kwargs={"pk": run.pk, "adept_pk": adept.pk, "mentor_pk": profiled.mentors[1].pk},
    )

    page = client_for("coordinator").get(url)

    assert page.status_code == 200
    assert "Anna Adept finns inte längre bland adepterna att matcha" in page.content.decode()


def test_the_match_command_scores_and_solves_the_cohort_once(
    world, profiled, django_assert_max_num_queries
):
    # Computing the cohort costs 18 queries (the profiles' scale answers and needs read
    # apart) and saving the run 8 (one clears the older runs' kept optimum); it used to
    # compute twice.
    with django_assert_max_num_queries(26):
        call_command("match", str(profiled.cohort.pk))
    assert MatchRun.objects.get().proposals.count() == 3

"""Running the matcher, locks, bans, manual pairs, re-runs, publishing and bad input."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from matching import selectors
from matching.models import CohortMatching, Exclusion, MatchRun, PairLock, ProfileAnswer
from matching.services import rules
from matching.services import runs as services
from notifications.models import Delivery
from pairs.models import FitAnswer, Pair
from tests.factories import EnrolmentFactory


def _pairs(run: MatchRun) -> set[tuple[str, str]]:
    return {
        (p.adept.person.full_name, p.mentor.person.full_name)
        for p in run.proposals.select_related("adept__person", "mentor__person")
    }


def test_a_run_matches_every_adept_with_a_mentor_from_another_municipality(world, profiled):
    run = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    proposals = list(run.proposals.select_related("adept", "mentor"))
    assert len(proposals) == 3
    assert all(p.adept.municipality_id != p.mentor.municipality_id for p in proposals)
    assert run.total_score == pytest.approx(sum(p.score for p in proposals), abs=0.01)
    assert run.lowest_score == min(p.score for p in proposals)
    assert run.inputs["adepts"] == sorted(a.pk for a in profiled.adepts)
    assert AuditEvent.objects.filter(action="match_run.create", target_id=str(run.pk)).exists()


def test_the_same_input_gives_the_same_proposals(world, profiled):
    first = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    second = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    assert _pairs(first) == _pairs(second)
    assert second.number == first.number + 1


def test_a_locked_pair_stays_in_the_next_run(world, profiled):
    first = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    adept = profiled.adepts[0]
    other = next(
        m
        for m in profiled.mentors
        if m.municipality_id != adept.municipality_id
        and m.pk != first.proposals.get(adept=adept).mentor_id
    )
    services.pair_lock_set(
        cohort=profiled.cohort, adept=adept, mentor=other, actor=world.coordinator, manual=True
    )
    second = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    proposal = second.proposals.get(adept=adept)
    assert proposal.mentor_id == other.pk and proposal.locked and proposal.manual
    assert second.total_score <= first.total_score


def test_a_forbidden_pair_is_never_proposed_again(world, profiled):
    first = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    proposal = first.proposals.first()
    rules.exclusion_create(
        cohort=profiled.cohort,
        mentor=proposal.mentor,
        adept=proposal.adept,
        reason="coordinator",
        actor=world.coordinator,
    )
    second = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    assert not second.proposals.filter(adept=proposal.adept, mentor=proposal.mentor).exists()


def test_a_lock_that_breaks_a_hard_rule_is_refused_and_nothing_is_created(world, profiled):
    adept = profiled.adepts[0]
    same_municipality = next(
        m for m in profiled.mentors if m.municipality_id == adept.municipality_id
    )
    with pytest.raises(ValidationError, match="annan kommun"):
        services.pair_lock_set(
            cohort=profiled.cohort,
            adept=adept,
            mentor=same_municipality,
            actor=world.coordinator,
            manual=True,
        )
    assert not PairLock.objects.exists()
    # A lock made before the rule applied (here: an exclusion afterwards) stops the run.
    other = next(m for m in profiled.mentors if m.municipality_id != adept.municipality_id)
    PairLock.objects.create(cohort=profiled.cohort, adept=adept, mentor=other)
    Exclusion.objects.create(cohort=profiled.cohort, adept=adept, mentor=other, reason="relative")
    with pytest.raises(ValidationError, match="bryter mot en fast regel"):
        services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    assert (
        not MatchRun.objects.exists() and not Pair.objects.filter(cohort=profiled.cohort).exists()
    )


def test_an_adept_without_a_possible_mentor_is_unmatched_with_the_reason(world, profiled):
    knivsta_adept = profiled.adepts[2]
    for mentor in profiled.mentors:
        if mentor.municipality_id != knivsta_adept.municipality_id:
            rules.exclusion_create(
                cohort=profiled.cohort,
                mentor=mentor,
                adept=knivsta_adept,
                reason="colleague",
                actor=world.coordinator,
            )
    run = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    assert [u["adept_id"] for u in run.unmatched] == [knivsta_adept.pk]
    text = services.explain.unmatched_text(run.unmatched[0])
    assert "Knivsta" in text and "2 par är uteslutna" in text


def test_an_adept_whose_possible_mentors_are_taken_gets_the_places_reason(world):
    from .factories import profiled_cohort

    a, b = world.municipality_a, world.municipality_b
    profiled = profiled_cohort(world.programme, adepts=[("A1", a), ("A2", a)], mentors=[("M1", b)])
    run = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    assert run.proposals.count() == 1
    text = services.explain.unmatched_text(run.unmatched[0])
    assert text.startswith("Ingen mentor utanför Håbo med ledig plats")


def test_unfinished_profiles_refuse_the_run_or_are_left_out_as_chosen(world, profiled):
    ProfileAnswer.objects.filter(enrolment=profiled.adepts[1]).delete()
    with pytest.raises(ValidationError, match="Bo Adept"):
        services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    assert not MatchRun.objects.exists()
    run = services.match_run_create(
        cohort=profiled.cohort, actor=world.coordinator, unfinished="exclude"
    )
    assert not run.proposals.filter(adept=profiled.adepts[1]).exists()
    assert run.inputs["excluded_unfinished"] == [profiled.adepts[1].pk]


def test_the_unfinished_are_those_the_profile_progress_shows_unfinished(world, profiled):
    ProfileAnswer.objects.filter(enrolment=profiled.adepts[1]).delete()
    ProfileAnswer.objects.filter(
        enrolment=profiled.mentors[2], question=profiled.needs_question
    ).update(choices=[])
    ProfileAnswer.objects.filter(
        enrolment=profiled.mentors[0], question=profiled.scale_questions[0]
    ).delete()
    shown = [p.enrolment for p in selectors.profile_progress(profiled.cohort) if not p.finished]
    assert selectors.unfinished_enrolments(profiled.cohort) == shown
    assert {e.pk for e in shown} == {
        profiled.adepts[1].pk,
        profiled.mentors[0].pk,
        profiled.mentors[2].pk,
    }


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        (
            {"needs": 0, "dimensions": 0, "wishes": 0, "experience": 0, "travel": 0, "ranking": 0},
            "över noll",
        ),
        (
            {"needs": -1, "dimensions": 3, "wishes": 2, "experience": 1, "travel": 1, "ranking": 0},
            "kan inte vara negativ",
        ),
    ],
)
def test_weights_that_are_all_zero_or_negative_are_refused(world, profiled, weights, message):
    with pytest.raises(ValidationError, match=message):
        rules.matching_settings_update(
            cohort=profiled.cohort,
            weights=weights,
            min_years_ahead=0,
            shortlist_open=False,
            actor=world.coordinator,
        )
    # Stored directly (e.g. by the admin), the run refuses them too.
    CohortMatching.objects.filter(cohort=profiled.cohort).update(weights=weights)
    with pytest.raises(ValidationError, match=message):
        services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    assert not MatchRun.objects.exists()


def test_a_cohort_without_mentors_or_adepts_gets_a_clear_message(world):
    from .factories import profiled_cohort

    only_adepts = profiled_cohort(world.programme, adepts=[("A", world.municipality_a)], mentors=[])
    with pytest.raises(ValidationError, match="ingen antagen mentor"):
        services.match_run_create(cohort=only_adepts.cohort, actor=world.coordinator)
    only_mentors = profiled_cohort(
        world.programme, adepts=[], mentors=[("M", world.municipality_a)], name="Bara mentorer"
    )
    with pytest.raises(ValidationError, match="ingen antagen adept"):
        services.match_run_create(cohort=only_mentors.cohort, actor=world.coordinator)
    assert not MatchRun.objects.exists()


def test_publishing_creates_the_pairs_and_emails_both_with_why_you_two(
    world, profiled, outbox, django_capture_on_commit_callbacks
):
    run = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        pairs = services.match_run_publish(run=run, actor=world.coordinator)
    assert len(pairs) == 3
    assert Pair.objects.active().filter(cohort=profiled.cohort).count() == 3
    assert len(outbox) == 6
    mentor_mail = next(m for m in outbox if m.to == [pairs[0].mentor.person.email])
    assert "ledarprofil i korthet" in mentor_mail.body
    assert "Vad vill du utveckla?" in mentor_mail.body
    # The programme by name, and the pair's own page as a link in both parts.
    programme = profiled.cohort.programme.name
    assert mentor_mail.subject.startswith(f"{programme}:")
    page = reverse("pairs:pair_detail", kwargs={"pk": pairs[0].pk})
    assert page in mentor_mail.body
    html = mentor_mail.alternatives[0][0]
    assert f'{page}">' in html
    from matching.selectors import why_you_two

    assert why_you_two(pairs[0])
    with pytest.raises(ValidationError, match="redan publicerad"):
        services.match_run_publish(run=run, actor=world.coordinator)
    assert AuditEvent.objects.filter(action="match_run.publish").count() == 1


def test_publishing_with_the_pair_mail_switched_off_creates_the_pairs_and_mails_nobody(
    world, profiled, outbox, django_capture_on_commit_callbacks
):
    world.programme.mails_pair_published = False
    world.programme.save(update_fields=["mails_pair_published"])
    run = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        pairs = services.match_run_publish(run=run, actor=world.coordinator)
    assert len(pairs) == 3
    assert outbox == []
    assert not Delivery.objects.filter(kind=services.PUBLISHED_KIND).exists()


def test_only_the_latest_run_can_be_published(world, profiled):
    first = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    with pytest.raises(ValidationError, match="senaste körningen"):
        services.match_run_publish(run=first, actor=world.coordinator)
    assert not Pair.objects.filter(cohort=profiled.cohort).exists()


def test_a_pair_that_does_not_work_is_dissolved_and_the_adept_rematched(
    world, profiled, client_for
):
    run = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    pairs = services.match_run_publish(run=run, actor=world.coordinator)
    # One more mentor with a free place joins.
    from .factories import answer

    extra = EnrolmentFactory(
        cohort=profiled.cohort,
        role="mentor",
        municipality=world.municipality_c,
        years_as_manager=12,
    )
    answer(extra, profiled, (3, 3), ["Kommunikation"])

    bad = pairs[0]
    FitAnswer.objects.create(pair=bad, person=bad.adept.person, works=False)
    client = client_for("coordinator")
    page = client.get(reverse("matching:cohort", kwargs={"pk": profiled.cohort.pk}))
    assert bad.adept.person.full_name in page.content.decode()
    client.post(reverse("matching:pair_dissolve", kwargs={"pk": bad.pk}))
    bad.refresh_from_db()
    assert bad.dissolved_at is not None
    rematch = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    proposals = list(rematch.proposals.all())
    # Only the dissolved pair's adept is matched; the others keep their pairs.
    assert [p.adept_id for p in proposals] == [bad.adept_id]
    assert proposals[0].mentor_id != bad.mentor_id
    services.match_run_publish(run=rematch, actor=world.coordinator)
    assert Pair.objects.active().filter(cohort=profiled.cohort).count() == 3


def test_an_excluded_pair_that_was_also_dissolved_counts_once_in_the_reason(world, profiled):
    from matching import explain
    from pairs.services.pairs import pair_create, pair_dissolve

    adept = profiled.adepts[0]
    others = [m for m in profiled.mentors if m.municipality_id != adept.municipality_id]
    pair_dissolve(pair=pair_create(mentor=others[0], adept=adept, actor=None), actor=None)
    for mentor in others:
        rules.exclusion_create(
            cohort=profiled.cohort,
            mentor=mentor,
            adept=adept,
            reason="coordinator",
            actor=world.coordinator,
        )
    comp = services.match_compute(cohort=profiled.cohort)
    reason = next(u for u in comp.unmatched if u["adept_id"] == adept.pk)
    assert reason["excluded"] == 2
    assert "2 par är uteslutna" in explain.unmatched_text(reason)
    assert len(comp.inp.excluded_adepts) == 2

"""The demo: a Swedish questionnaire, travel times and profiles that the matcher can use."""

from __future__ import annotations

import io

import pytest

from demo import consortium as programmes_demo
from demo import for_matching as demo
from matching.models import ProfileAnswer, Question, TravelTime
from matching.selectors import profile_progress
from matching.services import runs as services
from programmes.models import Cohort


@pytest.mark.django_db
def test_demo_builds_twice_without_changes_and_the_running_cohort_can_be_matched() -> None:
    programmes_demo.build(stdout=io.StringIO())
    demo.build(stdout=io.StringIO())
    counts = (Question.objects.count(), ProfileAnswer.objects.count(), TravelTime.objects.count())
    demo.build(stdout=io.StringIO())
    assert counts == (
        Question.objects.count(),
        ProfileAnswer.objects.count(),
        TravelTime.objects.count(),
    )
    assert counts[2] == 10
    cohort = Cohort.objects.filter(programme__name=programmes_demo.CONSORTIUM_PROGRAMME).running()
    cohort = cohort.get()
    unfinished = [p for p in profile_progress(cohort) if not p.finished]
    assert len(unfinished) == 1
    comp = services.match_compute(cohort=cohort, unfinished="exclude")
    if comp.candidates.adepts:
        assert comp.solution.matched > 0
        assert all(
            comp.inp.adept_municipality[a] != comp.inp.mentor_municipality[m]
            for a, m in comp.solution.pairs
        )


@pytest.mark.django_db
def test_the_demo_leaves_the_autumn_admissions_for_the_coordinator_to_match() -> None:
    from demo import for_pairs as pairs_demo
    from pairs.models import Pair

    for module in (programmes_demo, pairs_demo, demo):  # the order load_demo runs them in
        module.build(stdout=io.StringIO())
    cohort = (
        Cohort.objects.filter(programme__name=programmes_demo.CONSORTIUM_PROGRAMME).running().get()
    )
    paired = set(
        Pair.objects.filter(cohort=cohort).values_list("adept__person__full_name", flat=True)
    )
    late = {f"{first} {last}" for first, last, _gender in programmes_demo.LATE_ADEPT_NAMES}
    assert len(paired) == 20 and not paired & late
    # The one unfinished profile is a late adept's, so it is the coordinator's to decide on.
    unfinished = [p for p in profile_progress(cohort) if not p.finished]
    assert [p.enrolment.person.full_name for p in unfinished] == ["Sofia Strand"]
    comp = services.match_compute(cohort=cohort, unfinished="exclude")
    proposed = {comp.candidates.adepts[a].person.full_name for a, _m in comp.solution.pairs}
    assert proposed == late - {"Sofia Strand"}

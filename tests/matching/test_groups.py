"""Matching a group-mentoring cohort: the same scores and hard rules, each mentor's group
size as their capacity, and publishing forms one group per mentor."""

from __future__ import annotations

from matching.services import runs as services
from pairs.models import MentorGroup, Pair
from programmes.models import CohortFormat

from .factories import profiled_cohort


def test_a_group_cohort_is_matched_into_full_groups_across_municipalities(world) -> None:
    a, b, c = world.municipality_a, world.municipality_b, world.municipality_c
    profiled = profiled_cohort(
        world.programme,
        adepts=[
            ("Anna Adept", a),
            ("Bo Adept", b),
            ("Cia Adept", c),
            ("Dan Adept", a),
            ("Eva Adept", b),
            ("Fia Adept", c),
        ],
        mentors=[("Mia Mentor", b), ("Nils Mentor", c), ("Olga Mentor", a)],
        # What the mentors offered as pair mentors is not what a group takes.
        capacity=1,
        name="Grupper 2027",
    )
    cohort = profiled.cohort
    cohort.format = CohortFormat.GROUPS
    cohort.group_size = 2
    cohort.save()
    run = services.match_run_create(cohort=cohort, actor=world.coordinator)
    proposals = list(run.proposals.select_related("adept", "mentor"))
    assert len(proposals) == 6
    assert all(p.adept.municipality_id != p.mentor.municipality_id for p in proposals)
    services.match_run_publish(run=run, actor=world.coordinator)
    groups = MentorGroup.objects.filter(cohort=cohort)
    assert groups.count() == 3
    for group in groups:
        assert group.pairs.count() == 2
        assert set(group.pairs.values_list("mentor_id", flat=True)) == {group.mentor_id}
    assert not Pair.objects.filter(cohort=cohort, group__isnull=True).exists()

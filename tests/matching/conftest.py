from __future__ import annotations

import pytest

from tests.world import World

from .factories import Profiled, profiled_cohort


@pytest.fixture
def profiled(world: World) -> Profiled:
    """A new cohort of the coordinator's programme: three adepts, three mentors."""
    a, b, c = world.municipality_a, world.municipality_b, world.municipality_c
    return profiled_cohort(
        world.programme,
        adepts=[("Anna Adept", a), ("Bo Adept", b), ("Cia Adept", c)],
        mentors=[("Mia Mentor", b), ("Nils Mentor", c), ("Olga Mentor", a)],
    )

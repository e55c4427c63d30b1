"""reports/carry_over.py: a copied programme aims at the same outcome."""

from __future__ import annotations

import pytest
from django.utils import translation

from programmes.copying import CopyContext
from reports.carry_over import copy_programme
from reports.models import OutcomeTarget
from tests.factories import ProgrammeFactory
from tests.world import World

pytestmark = pytest.mark.django_db


def test_the_outcome_target_is_copied(world: World) -> None:
    OutcomeTarget.objects.create(
        programme=world.programme, manager_share_percent=75, within_months=24
    )
    target = ProgrammeFactory(name="Ledartalang 2028")
    copy = CopyContext(actor=world.coordinator)
    with translation.override("sv"):
        lines = copy_programme(source=world.programme, target=target, copy=copy)
    assert lines == ["resultatmålet (75 % inom 24 månader)"]
    copied = OutcomeTarget.objects.get(programme=target)
    assert (copied.manager_share_percent, copied.within_months) == (75, 24)


def test_a_programme_without_a_target_copies_none(world: World) -> None:
    target = ProgrammeFactory(name="Ledartalang 2028")
    copy = CopyContext(actor=world.coordinator)
    assert copy_programme(source=world.programme, target=target, copy=copy) == []
    assert not OutcomeTarget.objects.filter(programme=target).exists()

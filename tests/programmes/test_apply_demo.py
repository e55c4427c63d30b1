"""The demo makes each admission rule tryable at once, and building twice changes nothing."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone

from demo import consortium as demo
from demo import enrolment as demo_enrolment
from programmes.models import (
    AdmissionRule,
    Cohort,
    ConsentRequest,
    Nomination,
    StageDecision,
    WorkArea,
)

pytestmark = pytest.mark.django_db


def test_demo_opens_a_window_for_each_rule_with_work_to_do() -> None:
    for _run in range(2):
        demo.build(stdout=io.StringIO())
        demo_enrolment.build(stdout=io.StringIO())
    today = timezone.localdate()
    open_rules = {
        c.programme.admission_rule
        for c in Cohort.objects.open_for_applications(today).select_related("programme")
    }
    assert open_rules == set(AdmissionRule.values)
    assert WorkArea.objects.filter(programme__name=demo.TALENT_PROGRAMME).count() == len(
        demo.WORK_AREAS
    )
    halfway = Nomination.objects.filter(decisions__isnull=False).distinct()
    assert halfway.count() == 2
    assert StageDecision.objects.count() == 2
    assert ConsentRequest.objects.filter(decided_at__isnull=True).exists()
    assert ConsentRequest.objects.filter(
        enrolment__cohort__programme__admission_rule=AdmissionRule.SELECTION,
        agreed=True,
        enrolment__status="applied",
    ).exists()

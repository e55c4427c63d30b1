"""The start page's to-do list costs the same number of queries for 2 cohorts as for 20."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from fees.services import invoice_bases_prepare
from matching.models import CohortMatching
from notifications.models import Delivery, DeliveryStatus
from pairs import schedule
from pairs.models import FitAnswer, Pair, PairNudge, Question
from pairs.models import Questionnaire as Evaluation
from programmes.models import AdmissionRule, Nomination, Programme, Role
from tests.factories import CohortFactory, EnrolmentFactory
from tests.matching.factories import questionnaire_for
from tests.world import World

from .factories_enrolment import (
    ApplicationFactory,
    ApprovalStageFactory,
    ConsentRequestFactory,
    english,
)

__all__ = ["english"]

pytestmark = pytest.mark.django_db


def _busy_cohort(programme: Programme, world: World) -> None:
    """A cohort with something of every kind waiting on the coordinator's start page."""
    cohort = CohortFactory(programme=programme)
    a = world.municipality_a
    ApplicationFactory.create_batch(2, cohort=cohort, municipality=a, completed_at=timezone.now())
    ConsentRequestFactory(
        enrolment=ApplicationFactory(cohort=cohort, municipality=a),
        asked_at=timezone.now() - datetime.timedelta(days=20),
    )
    Nomination.objects.create(
        enrolment=ApplicationFactory(cohort=cohort, municipality=a, completed_at=timezone.now()),
        nominated_by=world.manager,
        motivation="Tar ansvar.",
    )
    adept = EnrolmentFactory(cohort=cohort, role=Role.ADEPT, municipality=a)
    mentor = EnrolmentFactory(cohort=cohort, role=Role.MENTOR, municipality=world.municipality_b)
    EnrolmentFactory(cohort=cohort, role=Role.ADEPT, municipality=a)  # profile not filled in
    CohortMatching.objects.create(cohort=cohort, profiles_opened_at=timezone.now())
    pair = Pair.objects.create(cohort=cohort, adept=adept, mentor=mentor)
    for number in range(1, schedule.nudges_before_attention() + 1):
        PairNudge.objects.create(pair=pair, number=number)
    FitAnswer.objects.create(pair=pair, person=adept.person, works=False)
    Delivery.objects.create(
        kind="test",
        key=f"bounce:{adept.pk}",
        recipient=adept.person,
        status=DeliveryStatus.FAILED,
        last_error="550 No such user",
    )
    evaluation = Evaluation.objects.create(cohort=cohort, send_days_before_end=400)
    Question.objects.create(questionnaire=evaluation, audience=Role.ADEPT, kind="scale", text="?")
    invoice_bases_prepare(cohort=cohort)


def _start_page_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("programmes:home"))
    assert page.status_code == 200
    return len(queries)


def test_the_coordinators_start_page_costs_the_same_for_2_and_20_cohorts(
    world: World, client_for
) -> None:
    world.programme.admission_rule = AdmissionRule.NOMINATION
    world.programme.save()
    ApprovalStageFactory(programme=world.programme, name="Ledningsgruppen", position=1)
    questionnaire_for(world.programme)
    client = client_for("coordinator")
    _start_page_queries(client)  # the session's roles are read once, then kept
    for _ in range(2):
        _busy_cohort(world.programme, world)
    with_two = _start_page_queries(client)
    todos = client.get(reverse("programmes:home")).context["todos"]
    # Every kind of line is there.
    assert sorted({todo.label for todo in todos}) == [
        "Applications to decide",
        "Have not answered the evaluation",
        "Invoice bases to send",
        "Leader profiles not finished before matching",
        "Manager consents overdue",
        "Nominations waiting for Ledningsgruppen",
        "Pairs that need attention",
        "Pairs that say it does not work",
        "People whose email did not arrive",
    ]
    for _ in range(18):
        _busy_cohort(world.programme, world)
    assert _start_page_queries(client) == with_two


def test_every_personas_start_page_stays_within_a_fixed_number_of_queries(
    world: World, client_for, django_assert_max_num_queries
) -> None:
    for _ in range(20):
        _busy_cohort(world.programme, world)
    for persona in User.objects.filter(pk__in=[p.pk for p in world.people.values()]):
        client = Client()
        client.force_login(persona)
        client.get(reverse("programmes:home"))
        with django_assert_max_num_queries(30):
            client.get(reverse("programmes:home"))

"""The start page's to-do list: each count for the role that acts on it, linked to its list."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from programmes.models import AdmissionRule, EnrolmentStatus, Nomination, StageDecision
from programmes.todo import Todo, todo_modules
from tests.factories import UserFactory
from tests.todos import find, todos_on_start_page, url
from tests.world import World

from .factories_enrolment import (
    ApplicationFactory,
    ApprovalStageFactory,
    ConsentRequestFactory,
    english,
)

__all__ = ["english"]

pytestmark = pytest.mark.django_db


def test_every_app_with_a_todo_module_is_asked() -> None:
    assert "programmes.todo" in [module.__name__ for module in todo_modules()]


def test_a_person_with_nothing_waiting_reads_so(world: World, client_for) -> None:
    page = client_for("outsider").get(reverse("programmes:home"))
    assert page.context["todos"] == []
    assert "Nothing is waiting for you right now." in page.content.decode()


# The coordinator ------------------------------------------------------------------


def test_coordinator_sees_the_applications_to_decide_per_cohort(world: World, client_for) -> None:
    ApplicationFactory.create_batch(3, cohort=world.cohort, completed_at=timezone.now())
    # Not complete (the manager has not agreed), and already decided: neither is counted.
    ApplicationFactory(cohort=world.cohort, completed_at=None)
    ApplicationFactory(cohort=world.cohort, status=EnrolmentStatus.DECLINED)
    ApplicationFactory(cohort=world.other_cohort, completed_at=timezone.now())
    todos = find(todos_on_start_page(client_for("coordinator")), "Applications to decide")
    assert todos == [
        Todo(
            label="Applications to decide",
            count=3,
            url=url("programmes:cohort_applications", world.cohort.pk, "status=applied"),
            detail="Mentorprogrammet – 2026/27",
        )
    ]


def test_nothing_is_shown_for_a_zero_count(world: World, client_for) -> None:
    page = client_for("coordinator").get(reverse("programmes:home"))
    assert page.context["todos"] == []
    assert "Applications to decide" not in page.content.decode()


def test_an_ended_cohort_asks_for_nothing(world: World, client_for) -> None:
    world.cohort.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    world.cohort.save()
    ApplicationFactory(cohort=world.cohort, completed_at=timezone.now())
    assert todos_on_start_page(client_for("coordinator")) == []


def test_administrator_sees_every_cohorts_applications(world: World, client_for) -> None:
    ApplicationFactory(cohort=world.cohort, completed_at=timezone.now())
    ApplicationFactory(cohort=world.other_cohort, completed_at=timezone.now())
    todos = find(todos_on_start_page(client_for("administrator")), "Applications to decide")
    assert sorted(todo.detail for todo in todos) == [
        "Ledartalang – Våren 2027",
        "Mentorprogrammet – 2026/27",
    ]


def test_an_overdue_consent_is_urgent_and_links_to_the_overdue_filter(
    world: World, client_for
) -> None:
    now = timezone.now()
    ConsentRequestFactory(
        enrolment=ApplicationFactory(cohort=world.cohort), asked_at=now - datetime.timedelta(days=9)
    )
    # Asked yesterday: not yet overdue.
    ConsentRequestFactory(
        enrolment=ApplicationFactory(cohort=world.cohort), asked_at=now - datetime.timedelta(days=1)
    )
    todos = todos_on_start_page(client_for("coordinator"))
    (overdue,) = find(todos, "Manager consents overdue")
    assert overdue.count == 1
    assert overdue.is_urgent
    assert overdue.url == url("programmes:cohort_applications", world.cohort.pk, "consent=overdue")
    assert todos[0] == overdue


def _nominated(world: World, *, count: int) -> tuple[list[Nomination], list]:
    """``count`` nominations to a programme of P's coordinator with two stages."""
    world.programme.admission_rule = AdmissionRule.NOMINATION
    world.programme.save()
    stages = [
        ApprovalStageFactory(programme=world.programme, name="Ledningsgruppen", position=1),
        ApprovalStageFactory(programme=world.programme, name="Koncernledningen", position=2),
    ]
    nominations = [
        Nomination.objects.create(
            enrolment=ApplicationFactory(
                cohort=world.cohort, municipality=world.municipality_a, completed_at=timezone.now()
            ),
            nominated_by=world.manager,
            motivation="Tar ansvar.",
        )
        for _ in range(count)
    ]
    return nominations, stages


def test_nominations_are_counted_at_the_stage_that_decides_next(world: World, client_for) -> None:
    nominations, (first, second) = _nominated(world, count=3)
    StageDecision.objects.create(
        nomination=nominations[0],
        stage=first,
        approved=True,
        decided_by=world.coordinator,
        decided_at=timezone.now(),
    )
    todos = todos_on_start_page(client_for("coordinator"))
    assert [(t.label, t.count, t.url) for t in todos if t.label.startswith("Nominations")] == [
        (
            "Nominations waiting for Ledningsgruppen",
            2,
            url("programmes:cohort_applications", world.cohort.pk, f"stage={first.pk}"),
        ),
        (
            "Nominations waiting for Koncernledningen",
            1,
            url("programmes:cohort_applications", world.cohort.pk, f"stage={second.pk}"),
        ),
    ]
    # A nomination is decided at its stages, not among the applications.
    assert find(todos, "Applications to decide") == []


def test_a_participant_never_sees_the_coordinators_counts(world: World, client_for) -> None:
    ApplicationFactory.create_batch(2, cohort=world.cohort, completed_at=timezone.now())
    _nominated(world, count=1)
    for persona in ("adept", "mentor", "outsider", "other_coordinator"):
        todos = todos_on_start_page(client_for(persona))
        assert not [t for t in todos if "2026/27" in t.detail], persona


# The municipality contact ---------------------------------------------------------


def test_contact_sees_only_their_own_municipalitys_waiting_applications(
    world: World, client_for
) -> None:
    ApplicationFactory.create_batch(
        2, cohort=world.cohort, municipality=world.municipality_a, completed_at=timezone.now()
    )
    ConsentRequestFactory(
        enrolment=ApplicationFactory(cohort=world.cohort, municipality=world.municipality_a)
    )
    ApplicationFactory(
        cohort=world.cohort, municipality=world.municipality_b, completed_at=timezone.now()
    )
    a = world.municipality_a.pk
    todos = todos_on_start_page(client_for("contact_a"))
    assert [(t.label, t.count, t.url, t.detail) for t in todos] == [
        (
            "Applications waiting for a decision",
            2,
            url(
                "programmes:cohort_applications",
                world.cohort.pk,
                f"status=applied&municipality={a}",
            ),
            "Håbo · Mentorprogrammet – 2026/27",
        ),
        (
            "Applications waiting for the manager's consent",
            1,
            url(
                "programmes:cohort_applications",
                world.cohort.pk,
                f"consent=waiting&municipality={a}",
            ),
            "Håbo · Mentorprogrammet – 2026/27",
        ),
    ]
    (b,) = todos_on_start_page(client_for("contact_b"))
    assert b.count == 1
    assert b.detail.startswith("Enköping")


# The nominating manager and the nominee ----------------------------------------------


def test_manager_sees_their_nominations_and_the_stage_each_waits_for(
    world: World, client_for
) -> None:
    nominations, (first, _second) = _nominated(world, count=2)
    StageDecision.objects.create(
        nomination=nominations[0],
        stage=first,
        approved=True,
        decided_by=world.coordinator,
        decided_at=timezone.now(),
    )
    # Someone else's nomination is not the manager's.
    Nomination.objects.create(
        enrolment=ApplicationFactory(cohort=world.cohort, completed_at=timezone.now()),
        nominated_by=UserFactory(),
        motivation="Annan chef.",
    )
    page = client_for("manager").get(reverse("programmes:home"))
    html = page.content.decode()
    shown = {n.pk: n.next_stage_name for n in page.context["nominations_in_progress"]}
    assert shown == {nominations[0].pk: "Koncernledningen", nominations[1].pk: "Ledningsgruppen"}
    for nomination in nominations:
        assert reverse("programmes:nomination_detail", args=[nomination.pk]) in html
    assert f'href="{reverse("programmes:my_nominations")}"' in html
    assert "You are not taking part in a programme yet." not in html
    # The menu leads to the manager's nominations.
    assert html.count(f'href="{reverse("programmes:my_nominations")}"') == 2


def test_someone_who_never_nominated_has_no_nominations_section(world: World, client_for) -> None:
    page = client_for("adept").get(reverse("programmes:home"))
    assert "nominations_in_progress" not in page.context
    assert reverse("programmes:my_nominations") not in page.content.decode()


def test_the_nominee_is_asked_to_accept_their_nomination(world: World, client_for) -> None:
    (nomination,), _stages = _nominated(world, count=1)
    client = Client()
    client.force_login(nomination.enrolment.person)
    (todo,) = todos_on_start_page(client)
    assert todo.label == "Accept your nomination"
    assert todo.url == reverse("programmes:nomination_accept", args=[nomination.pk])
    nomination.accepted_at = timezone.now()
    nomination.save()
    assert todos_on_start_page(client) == []

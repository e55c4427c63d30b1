"""The admin shows the enrolment, event, resource and message models to administrators only."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventRegistration, Resource
from programmes.models import (
    ApprovalStage,
    CohortMessage,
    ConsentRequest,
    ImportBatch,
    Nomination,
    StageDecision,
    WorkArea,
)
from tests.world import World

MOTIVATION = "Hon har visat stort mod i omorganisationen"
MANAGER_COMMENT = "Självklart, hon behöver detta"
STAGE_COMMENT = "Ledningsgruppen var enig om kandidaten"
NONCE = "n0nce0f32charactersxxxxxxxxxxxx"


def _nomination(world: World) -> Nomination:
    return Nomination.objects.create(
        enrolment=world.other_adept_enrolment, nominated_by=world.manager, motivation=MOTIVATION
    )


def _stage(world: World) -> ApprovalStage:
    return ApprovalStage.objects.create(programme=world.programme, name="Förvaltningsledning")


def _event(world: World) -> Event:
    start = timezone.now() + datetime.timedelta(days=10)
    return Event.objects.create(
        programme=world.programme,
        cohort=world.cohort,
        kind="kickoff",
        title="Uppstartsdag",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        capacity=40,
        audience="cohort",
    )


MAKERS: dict[type[models.Model], Callable[[World], Any]] = {
    WorkArea: lambda w: WorkArea.objects.create(programme=w.programme, name="Socialtjänst"),
    ApprovalStage: _stage,
    ConsentRequest: lambda w: ConsentRequest.objects.create(
        enrolment=w.adept_enrolment,
        manager_name="Chef Chefsson",
        manager_email="chef@example.se",
        nonce=NONCE,
        asked_at=timezone.now(),
        decided_at=timezone.now(),
        agreed=True,
        comment=MANAGER_COMMENT,
    ),
    Nomination: _nomination,
    StageDecision: lambda w: StageDecision.objects.create(
        nomination=_nomination(w),
        stage=_stage(w),
        approved=True,
        decided_by=w.coordinator,
        decided_at=timezone.now(),
        comment=STAGE_COMMENT,
    ),
    ImportBatch: lambda w: ImportBatch.objects.create(
        cohort=w.cohort,
        uploaded_by=w.coordinator,
        role="mentor",
        filename="mentorer.csv",
        rows=[{"full_name": "Importerad Person"}],
    ),
    Event: _event,
    EventRegistration: lambda w: EventRegistration.objects.create(event=_event(w), person=w.adept),
    Resource: lambda w: Resource.objects.create(
        programme=w.programme, title="Samtalsguide", url="https://example.se/guide"
    ),
    CohortMessage: lambda w: CohortMessage.objects.create(
        cohort=w.cohort,
        audience="cohort",
        subject="Välkomna",
        body="Hej alla",
        sent_by=w.coordinator,
    ),
}
PRIVATE_TEXT = [MOTIVATION, MANAGER_COMMENT, STAGE_COMMENT, "Importerad Person"]


def _urls(model: type[models.Model], obj: models.Model) -> tuple[str, str]:
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    return reverse(f"{prefix}_changelist"), reverse(f"{prefix}_change", args=[obj.pk])


@pytest.mark.parametrize("model", list(MAKERS), ids=lambda m: m.__name__)
def test_an_administrator_opens_the_list_and_the_page_of_each_model(
    model: type[models.Model], world: World, client_for: Callable[[str], Client]
) -> None:
    obj = MAKERS[model](world)
    changelist, change = _urls(model, obj)
    client = client_for("administrator")

    listing = client.get(changelist)
    page = client.get(change)

    assert listing.status_code == 200 and page.status_code == 200
    assert change in listing.content.decode()
    assert NONCE not in listing.content.decode()
    for text in PRIVATE_TEXT:
        assert text not in listing.content.decode() and text not in page.content.decode()


def test_the_consent_nonce_is_shown_read_only_on_the_page(
    world: World, client_for: Callable[[str], Client]
) -> None:
    consent = MAKERS[ConsentRequest](world)
    page = client_for("administrator").get(_urls(ConsentRequest, consent)[1])
    content = page.content.decode()
    assert NONCE in content
    assert 'name="nonce"' not in content and 'name="manager_email"' in content


@pytest.mark.parametrize("model", list(MAKERS), ids=lambda m: m.__name__)
@pytest.mark.parametrize("persona", ["coordinator", "adept", "anonymous"])
def test_others_cannot_open_the_admin_pages(
    model: type[models.Model], persona: str, world: World, client_for: Callable[[str], Client]
) -> None:
    obj = MAKERS[model](world)
    client = client_for(persona)
    for url in _urls(model, obj):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert reverse("admin:login") in response["Location"]

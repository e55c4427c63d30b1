"""Recording a participant's later appointment and the outcome indicator against the target."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from programmes.models import Role
from reports.figures import collect_figures
from reports.models import Appointment, OutcomeTarget
from reports.rendering import report_pdf
from tests.factories import EnrolmentFactory
from tests.world import World

from .pdftext import pdf_text


def _appoint(client: Client, enrolment_pk: int, **data: object):
    form = {
        "appointed_on": timezone.localdate().isoformat(),
        "post": "Enhetschef",
        "is_manager_post": "on",
        "is_internal": "on",
        **data,
    }
    return client.post(reverse("reports:appointment_create", args=[enrolment_pk]), form)


def test_the_contact_records_an_appointment(
    world: World, client_for: Callable[[str], Client]
) -> None:
    response = _appoint(client_for("contact_a"), world.adept_enrolment.pk)
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.enrolment == world.adept_enrolment
    assert appointment.post == "Enhetschef"
    assert appointment.recorded_by == world.contact_a


def test_an_appointment_in_the_future_is_refused(
    world: World, client_for: Callable[[str], Client]
) -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = _appoint(client_for("coordinator"), world.adept_enrolment.pk, appointed_on=tomorrow)
    assert response.status_code == 200
    assert "The appointment date cannot be in the future." in response.content.decode()
    assert not Appointment.objects.exists()


def test_an_appointment_without_a_post_is_refused(
    world: World, client_for: Callable[[str], Client]
) -> None:
    response = _appoint(client_for("coordinator"), world.adept_enrolment.pk, post="   ")
    assert response.status_code == 200
    assert not Appointment.objects.exists()


def test_the_indicator_shows_the_share_in_a_manager_post_against_the_target(world: World) -> None:
    OutcomeTarget.objects.create(programme=world.programme, manager_share_percent=75)
    adepts = [world.adept_enrolment, world.other_adept_enrolment]
    adepts += [
        EnrolmentFactory(cohort=world.cohort, role=Role.ADEPT, municipality=world.municipality_a)
        for _index in range(2)
    ]
    day = timezone.localdate()
    Appointment.objects.create(enrolment=adepts[0], appointed_on=day, post="Enhetschef")
    Appointment.objects.create(
        enrolment=adepts[1], appointed_on=day, post="Verksamhetschef", is_internal=False
    )
    Appointment.objects.create(
        enrolment=adepts[2], appointed_on=day, post="Handläggare", is_manager_post=False
    )
    figures = collect_figures(cohort=world.cohort)
    rows = {row[0]: row[1] for row in figures.table("outcomes").rows}
    assert rows["Adepts"] == 4
    assert rows["Share in a manager post (%)"] == 50.0
    assert rows["Target (%)"] == 75
    assert rows["Internal recruitment (%)"] == 50.0
    text = pdf_text(report_pdf(figures, language="en").pdf)
    assert "Share in a manager post (%) 50" in text
    assert "Target (%) 75" in text
    assert "Against the target not reached yet" in text


def test_the_coordinator_sets_the_programmes_target(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse("reports:outcome_target", args=[world.programme.pk])
    response = client_for("coordinator").post(
        url, {"manager_share_percent": 75, "within_months": 24}
    )
    assert response.status_code == 302
    target = OutcomeTarget.objects.get(programme=world.programme)
    assert (target.manager_share_percent, target.within_months) == (75, 24)


def test_a_target_over_one_hundred_percent_is_refused(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse("reports:outcome_target", args=[world.programme.pk])
    response = client_for("coordinator").post(
        url, {"manager_share_percent": 120, "within_months": 24}
    )
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 100." in response.content.decode()
    assert not OutcomeTarget.objects.exists()

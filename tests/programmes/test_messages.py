"""Messages from the coordinator to a cohort, a role in it, or one municipality's participants."""

from __future__ import annotations

import pytest
from django.urls import reverse

from notifications.services import deliveries_send
from programmes.models import CohortMessage, MessageAudience

from .factories_running import in_english

pytestmark = pytest.mark.usefixtures("in_english")
__all__ = ["in_english"]


def _send(client, world, **data):
    return client.post(
        reverse("programmes:message_create", kwargs={"cohort_pk": world.cohort.pk}),
        {"subject": "Välkommen till halvtidsträffen", "body": "Vi ses i Enköping.", **data},
    )


def test_a_message_to_the_cohort_reaches_every_participant_once_and_is_kept(
    world, client_for, outbox, django_capture_on_commit_callbacks
) -> None:
    client = client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(client, world, audience=MessageAudience.COHORT)
    assert response.status_code == 302
    recipients = sorted(address for mail in outbox for address in mail.to)
    expected = sorted(
        p.email
        for p in (world.adept, world.mentor, world.other_mentor, world.people["other_adept"])
    )
    assert recipients == expected
    assert outbox[0].subject == "Välkommen till halvtidsträffen"
    message = CohortMessage.objects.get()
    assert message.recipient_count == 4
    # Sending the outbox again (a retried task) sends nobody a second copy.
    assert deliveries_send().total == 0
    assert len(outbox) == 4
    page = client.get(reverse("programmes:message_list", kwargs={"cohort_pk": world.cohort.pk}))
    assert "Välkommen till halvtidsträffen" in page.content.decode()


def test_a_message_to_the_mentors_reaches_only_the_mentors(
    world, client_for, outbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _send(client_for("coordinator"), world, audience=MessageAudience.MENTORS)
    assert sorted(m.to[0] for m in outbox) == sorted([world.mentor.email, world.other_mentor.email])


def test_a_message_to_one_municipality_reaches_only_its_participants(
    world, client_for, outbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _send(
            client_for("coordinator"),
            world,
            audience=MessageAudience.MUNICIPALITY,
            municipality=world.municipality_b.pk,
        )
    assert sorted(m.to[0] for m in outbox) == sorted(
        [world.mentor.email, world.people["other_adept"].email]
    )


def test_a_message_to_a_municipality_without_choosing_one_is_refused(
    world, client_for, outbox
) -> None:
    response = _send(client_for("coordinator"), world, audience=MessageAudience.MUNICIPALITY)
    assert "Choose the municipality whose participants get it." in response.content.decode()
    assert not CohortMessage.objects.exists() and outbox == []


def test_the_coordinator_of_another_programme_cannot_write_to_the_cohort(world, client_for) -> None:
    response = _send(client_for("other_coordinator"), world, audience=MessageAudience.COHORT)
    assert response.status_code == 404
    assert not CohortMessage.objects.exists()


def test_a_message_whose_worker_never_ran_goes_out_with_the_sweep_to_its_addressees_only(
    world, outbox, django_capture_on_commit_callbacks
) -> None:
    """The copies are in the outbox with the message; someone admitted later is not written to."""
    from notifications.models import Delivery, DeliveryStatus
    from notifications.tasks import sweep
    from programmes.models import EnrolmentStatus, Role
    from programmes.services.messages import message_send
    from tests.factories import EnrolmentFactory

    with django_capture_on_commit_callbacks(execute=False):  # the broker never woke a worker
        message = message_send(
            cohort=world.cohort,
            sent_by=world.coordinator,
            audience=MessageAudience.COHORT,
            subject="Kickoff",
            body="Välkomna!",
        )
    assert Delivery.objects.filter(status=DeliveryStatus.PENDING).count() == 4
    later = EnrolmentFactory(cohort=world.cohort, role=Role.ADEPT, status=EnrolmentStatus.ADMITTED)

    assert sweep()["outbox"] == 4
    assert sorted(m.to[0] for m in outbox) == sorted(
        p.email
        for p in (world.adept, world.mentor, world.other_mentor, world.people["other_adept"])
    )
    assert later.person.email not in {m.to[0] for m in outbox}
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    assert message.subject in {m.subject for m in outbox}
    outbox.clear()
    assert sweep()["outbox"] == 0
    assert outbox == []

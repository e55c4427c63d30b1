"""Cohort messages with merge fields, sent later by the sweep, cancelled, or about an event."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from programmes.models import CohortMessage, MessageAudience
from programmes.services.messages import messages_due_send
from programmes.tasks import sweep

from .factories_running import EventFactory, in_english

pytestmark = pytest.mark.usefixtures("in_english")
__all__ = ["in_english"]

LATER = datetime.timedelta(days=2)


def _write(client, world, **data):
    return client.post(
        reverse("programmes:message_create", kwargs={"cohort_pk": world.cohort.pk}),
        {
            "audience": MessageAudience.MENTORS,
            "subject": "Hello {first_name}",
            "body": "Dear {first_name}, see you in {cohort}.",
            **data,
        },
    )


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_merge_fields_give_each_person_their_own_message(
    world, client_for, outbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _write(client_for("coordinator"), world)
    by_address = {mail.to[0]: mail for mail in outbox}
    mona = by_address[world.mentor.email]
    assert mona.subject == "Hello Mona"
    assert "Dear Mona, see you in 2026/27." in mona.body
    assert "Mentorprogrammet" in mona.body  # the programme's name closes every mail
    assert by_address[world.other_mentor.email].subject == "Hello Mats"


def test_an_unknown_merge_field_is_refused_and_nothing_is_kept(world, client_for, outbox) -> None:
    response = _write(client_for("coordinator"), world, body="Dear {firstname}")
    assert "This mail has no merge field {firstname}" in response.content.decode()
    assert not CohortMessage.objects.exists() and outbox == []


def test_a_scheduled_message_waits_for_its_time_and_goes_once_to_those_admitted_then(
    world, client_for, outbox, django_capture_on_commit_callbacks
) -> None:
    when = timezone.now() + LATER
    with django_capture_on_commit_callbacks(execute=True):
        response = _write(client_for("coordinator"), world, scheduled_for=_local(when))
    assert response.status_code == 302
    assert outbox == []
    message = CohortMessage.objects.get()
    assert message.is_waiting and message.recipient_count == 0
    page = client_for("coordinator").get(response["Location"]).content.decode()
    assert "To be sent on" in page and "Cancel the message" in page
    # Before its time the sweep leaves it; after, it sends it; a second sweep sends nothing.
    assert messages_due_send(now=when - datetime.timedelta(minutes=1)) == 0
    world.other_mentor_enrolment.status = "withdrawn"
    world.other_mentor_enrolment.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert messages_due_send(now=when + datetime.timedelta(minutes=1)) == 1
    assert [mail.to for mail in outbox] == [[world.mentor.email]]
    assert messages_due_send(now=when + datetime.timedelta(hours=1)) == 0
    message.refresh_from_db()
    assert message.sent_at is not None and message.recipient_count == 1
    assert AuditEvent.objects.filter(action="cohort_message.schedule").exists()


def test_the_programmes_sweep_sends_the_scheduled_messages(world, client_for, outbox) -> None:
    _write(client_for("coordinator"), world, scheduled_for=_local(timezone.now() + LATER))
    CohortMessage.objects.update(scheduled_for=timezone.now() - datetime.timedelta(minutes=1))
    assert sweep()["scheduled_messages"] == 1
    assert CohortMessage.objects.get().sent_at is not None


def test_a_time_in_the_past_is_refused(world, client_for) -> None:
    response = _write(
        client_for("coordinator"), world, scheduled_for=_local(timezone.now() - LATER)
    )
    assert "Choose a time ahead" in response.content.decode()
    assert not CohortMessage.objects.exists()


def test_a_cancelled_message_is_never_sent(world, client_for, outbox) -> None:
    client = client_for("coordinator")
    when = timezone.now() + LATER
    _write(client, world, scheduled_for=_local(when))
    message = CohortMessage.objects.get()
    url = reverse(
        "programmes:message_cancel", kwargs={"cohort_pk": world.cohort.pk, "pk": message.pk}
    )
    assert client.post(url).status_code == 302
    assert messages_due_send(now=when + LATER) == 0
    assert outbox == []
    message.refresh_from_db()
    assert message.cancelled_at is not None
    assert AuditEvent.objects.filter(action="cohort_message.cancel").exists()
    # Cancelling twice changes nothing and says why.
    response = client.post(url, follow=True)
    assert "already been sent or cancelled" in response.content.decode()


def test_a_sent_message_cannot_be_cancelled(world, client_for) -> None:
    client = client_for("coordinator")
    _write(client, world)
    message = CohortMessage.objects.get()
    url = reverse(
        "programmes:message_cancel", kwargs={"cohort_pk": world.cohort.pk, "pk": message.pk}
    )
    client.post(url)
    message.refresh_from_db()
    assert message.cancelled_at is None


@pytest.mark.parametrize("role", ["other_coordinator", "mentor", "contact_a", "outsider"])
def test_only_the_programmes_coordinators_may_cancel(world, client_for, role) -> None:
    _write(client_for("coordinator"), world, scheduled_for=_local(timezone.now() + LATER))
    message = CohortMessage.objects.get()
    url = reverse(
        "programmes:message_cancel", kwargs={"cohort_pk": world.cohort.pk, "pk": message.pk}
    )
    assert client_for(role).post(url).status_code == 404
    message.refresh_from_db()
    assert message.is_waiting


def test_a_message_about_an_event_carries_its_link_and_calendar_link(
    world, client_for, outbox, django_capture_on_commit_callbacks
) -> None:
    event = EventFactory(programme=world.programme, cohort=world.cohort, title="Halvtidsträff")
    client = client_for("coordinator")
    form = client.get(reverse("programmes:message_create", kwargs={"cohort_pk": world.cohort.pk}))
    assert "Halvtidsträff" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        _write(client, world, event_id=event.pk, body="Welcome to {event}, {first_name}!")
    mail = next(m for m in outbox if m.to == [world.mentor.email])
    event_url = f"/events/{event.pk}/"
    assert "Welcome to Halvtidsträff, Mona!" in mail.body
    assert event_url in mail.body and f"/events/{event.pk}/event.ics" in mail.body
    html = mail.alternatives[0][0]
    assert f'{event_url}event.ics"' in html  # the calendar link is a link


def test_an_event_of_another_programme_is_refused(world, client_for, outbox) -> None:
    stranger = EventFactory(programme=world.other_programme)
    response = _write(client_for("coordinator"), world, event_id=stranger.pk)
    assert response.status_code == 200
    assert not CohortMessage.objects.exists()

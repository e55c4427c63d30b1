"""One refused address holds back nobody: it backs off, gives up, and the coordinator fixes it."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from notifications.models import Delivery, DeliveryStatus
from notifications.services import DELIVERY_BACKOFF, DELIVERY_MAX_ATTEMPTS
from pairs.models import Meeting, MeetingMode
from pairs.services.sweep import sweep_run
from tests.pairs.factories import bulk_pairs
from tests.world import World

from .smtp_server import Mailbox, smtp_server

PAIRS = 49  # with the world's two: 51 pairs, 102 reminders due


@pytest.fixture
def mail_server(settings, world: World) -> Iterator[Mailbox]:
    """Django's SMTP backend against a real server that refuses the adept's address."""
    with smtp_server(refused={world.adept.email}) as (port, mailbox):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_TIMEOUT = 5
        yield mailbox


def _meetings_tomorrow_morning(world: World) -> None:
    bulk_pairs(world.cohort, world.municipality_a, PAIRS, meetings_each=0)
    soon = timezone.now() + datetime.timedelta(hours=3)
    Meeting.objects.bulk_create(
        Meeting(pair=pair, starts_at=soon, minutes=60, mode=MeetingMode.IN_PERSON, place="Bålsta")
        for pair in world.cohort.pairs.all()
    )


def _cohort_page(world: World) -> str:
    return reverse("programmes:cohort_detail", args=[world.cohort.pk])


def _refused(world: World) -> Delivery:
    return Delivery.objects.get(recipient=world.adept)


def test_one_refused_address_among_102_reminders_holds_back_none_of_the_other_101(
    world: World, mail_server: Mailbox, client_for: Callable[[str], Client]
) -> None:
    _meetings_tomorrow_morning(world)
    result = sweep_run()
    assert result.reminders == 101
    assert len(mail_server.to()) == 101 and world.adept.email not in mail_server.to()
    refused = _refused(world)
    assert refused.status == DeliveryStatus.PENDING and refused.attempts == 1
    assert refused.last_error.startswith("550 5.1.1 Recipient address rejected")
    assert refused.address == world.adept.email
    waited = refused.next_attempt_at - refused.claimed_at
    assert abs(waited - DELIVERY_BACKOFF[0]) < datetime.timedelta(seconds=5)
    # The coordinator sees who, which address and what the server said, on the cohort page.
    page = client_for("coordinator").get(_cohort_page(world))
    text = page.content.decode()
    assert "bounces-heading" in text
    assert world.adept.full_name in text and world.adept.email in text
    assert "550 5.1.1 Recipient address rejected" in text
    # Participants do not see it.
    mentor_page = client_for("mentor").get(
        reverse("programmes:cohort_detail", args=[world.cohort.pk])
    )
    assert "bounces-heading" not in mentor_page.content.decode()


def test_a_refused_address_backs_off_then_gives_up_and_says_so(
    world: World, mail_server: Mailbox, client_for: Callable[[str], Client]
) -> None:
    _meetings_tomorrow_morning(world)
    waits = []
    for _attempt in range(DELIVERY_MAX_ATTEMPTS):
        sweep_run()
        refused = _refused(world)
        if refused.status == DeliveryStatus.PENDING:
            waits.append(refused.next_attempt_at - refused.claimed_at)
            # The back-off has passed.
            Delivery.objects.filter(pk=refused.pk).update(next_attempt_at=timezone.now())
    refused = _refused(world)
    assert refused.status == DeliveryStatus.FAILED
    assert refused.attempts == DELIVERY_MAX_ATTEMPTS
    assert [round(w.total_seconds() / 60) for w in waits] == [15, 60, 360]
    assert sweep_run().reminders == 0  # given up: nobody tries again by themselves
    page = client_for("coordinator").get(_cohort_page(world))
    assert "Gav upp" in page.content.decode()


def test_the_coordinator_corrects_the_address_and_the_mail_goes_at_once(
    world: World,
    mail_server: Mailbox,
    client_for: Callable[[str], Client],
    django_capture_on_commit_callbacks,
) -> None:
    _meetings_tomorrow_morning(world)
    sweep_run()
    url = reverse("programmes:bounce_correct", args=[world.cohort.pk, world.adept.pk])
    client = client_for("coordinator")
    form = client.get(url).content.decode()
    assert "550 5.1.1" in form and world.adept.email in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "anna.adept@habo.se"}, follow=True)
    assert response.redirect_chain[-1][0].endswith(
        reverse("programmes:cohort_detail", args=[world.cohort.pk])
    )
    assert f"Adressen för {world.adept.full_name} är sparad" in response.content.decode()
    adept = User.objects.get(pk=world.adept.pk)
    assert adept.email == "anna.adept@habo.se"
    assert adept.emailaddress_set.get().email == "anna.adept@habo.se"
    assert mail_server.to()[-1] == "anna.adept@habo.se"
    assert _refused(world).status == DeliveryStatus.SENT
    assert "bounces-heading" not in response.content.decode()
    event = AuditEvent.objects.get(action="person.address_corrected")
    assert (event.actor, event.target_id) == (world.coordinator, str(adept.pk))


def test_a_correction_is_refused_for_a_taken_address_and_changes_nothing(
    world: World, mail_server: Mailbox, client_for: Callable[[str], Client]
) -> None:
    _meetings_tomorrow_morning(world)
    sweep_run()
    url = reverse("programmes:bounce_correct", args=[world.cohort.pk, world.adept.pk])
    response = client_for("coordinator").post(url, {"email": world.mentor.email.upper()})
    assert response.status_code == 200
    assert "Ett annat konto använder redan den adressen." in response.content.decode()
    assert User.objects.get(pk=world.adept.pk).email == world.adept.email
    assert _refused(world).attempts == 1


def test_a_person_with_a_role_beyond_the_programme_is_corrected_by_an_administrator_only(
    world: World, client_for: Callable[[str], Client]
) -> None:
    # The adept is also a municipality's contact: her address opens other people's data.
    world.municipality_a.contacts.add(world.adept)
    url = reverse("programmes:bounce_correct", args=[world.cohort.pk, world.adept.pk])
    response = client_for("coordinator").post(url, {"email": "ny@habo.se"})
    assert "be en administratör" in response.content.decode()
    assert User.objects.get(pk=world.adept.pk).email == world.adept.email


def test_the_coordinator_of_another_programme_and_participants_get_404(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse("programmes:bounce_correct", args=[world.cohort.pk, world.adept.pk])
    for role in ("other_coordinator", "mentor", "adept", "contact_a"):
        assert client_for(role).post(url, {"email": "ny@habo.se"}).status_code == 404, role
    # A person outside the cohort is not found through it either.
    outsider = reverse("programmes:bounce_correct", args=[world.cohort.pk, world.outsider.pk])
    assert client_for("coordinator").get(outsider).status_code == 404
    assert User.objects.get(pk=world.adept.pk).email == world.adept.email

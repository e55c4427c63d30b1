"""Inviting a person by email, and the invitee's first sign-in with a code."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.services import person_invite
from audit.models import AuditEvent
from tests.factories import UserFactory
from tests.world import World

from .helpers import last_code, signed_in_user_id

pytestmark = pytest.mark.django_db(transaction=False)


def _invite(client: Client, **data: object):
    payload = {"full_name": "Ines Inbjuden", "email": "ines@example.se", "language": "sv", **data}
    return client.post(reverse("programmes:person_invite"), payload)


def test_a_coordinator_invites_a_person_who_then_signs_in_with_a_code(
    world: World, client_for, outbox: list, django_capture_on_commit_callbacks
) -> None:
    client = client_for("coordinator")
    page = client.get(reverse("programmes:person_invite")).content.decode()
    assert "<h1>Bjud in en person</h1>" in page
    assert 'for="id_email"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, email="Ines@Example.se")
    assert response.status_code == 302
    followed = client.get(response["Location"]).content.decode()
    assert "En inbjudan har skickats till Ines Inbjuden (ines@example.se)." in followed
    person = User.objects.get(email="ines@example.se")
    assert person.full_name == "Ines Inbjuden"
    assert not person.has_usable_password()
    assert EmailAddress.objects.get(user=person).verified
    assert AuditEvent.objects.filter(action="person.invited", target_id=str(person.pk)).exists()

    assert len(outbox) == 1
    mail = outbox[0]
    assert mail.to == ["ines@example.se"]
    assert mail.subject == "Du är inbjuden till mentorprogrammet"
    assert "Sara Samordnare" in mail.body
    link = re.search(r"https?://\S+", mail.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    invitee = Client()
    landing = invitee.get("/" + path)
    html = landing.content.decode()
    assert 'value="ines@example.se"' in html
    invitee.post(reverse("account_request_login_code"), {"email": "ines@example.se"})
    assert len(outbox) == 2
    invitee.post(reverse("account_confirm_login_code"), {"code": last_code()})
    assert signed_in_user_id(invitee) == str(person.pk)
    # A password can be set later.
    page = invitee.get(reverse("account_set_password"))
    assert page.status_code == 200


def test_the_invitation_is_in_the_invitees_language(
    world: World, client_for, outbox: list, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client_for("coordinator"), language="en")
    assert outbox[0].subject == "You are invited to the mentor programme"
    assert User.objects.get(email="ines@example.se").preferred_language == "en"


def test_inviting_an_existing_person_reuses_the_account(
    world: World, outbox: list, django_capture_on_commit_callbacks
) -> None:
    existing = UserFactory(email="ines@example.se", full_name="Ines Först", preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        person = person_invite(
            invited_by=world.coordinator,
            email="INES@example.se",
            full_name="Annat Namn",
            language="sv",
        )
    assert person.pk == existing.pk
    assert User.objects.filter(email__iexact="ines@example.se").count() == 1
    person.refresh_from_db()
    assert person.full_name == "Ines Först"
    assert person.has_usable_password()
    assert len(outbox) == 1 and outbox[0].subject == "You are invited to the mentor programme"


def test_an_import_may_invite_without_an_inviter(world: World, outbox: list) -> None:
    person = person_invite(invited_by=None, email="ola@example.se", full_name="Ola", language="sv")
    assert EmailAddress.objects.filter(user=person, verified=True, primary=True).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "not-an-address"}, "email", "Fyll i en giltig e-postadress."),
        ({"full_name": " "}, "full_name", "Detta fält måste fyllas i."),
        ({"language": "de"}, "language", "Välj ett giltigt alternativ."),
    ],
)
def test_bad_invitations_are_refused_and_nothing_is_saved(
    world: World, client_for, outbox: list, data, field, message
) -> None:
    before = User.objects.count()
    response = _invite(client_for("coordinator"), **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == before
    assert outbox == []


def test_the_service_refuses_bad_input_with_a_message(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        person_invite(invited_by=world.coordinator, email="x", full_name="", language="fi")
    assert set(error.value.message_dict) == {"email", "full_name", "language"}


def test_only_administrators_may_name_a_municipality_contact(
    world: World, client_for, django_capture_on_commit_callbacks
) -> None:
    coordinator_page = client_for("coordinator").get(reverse("programmes:person_invite"))
    assert 'name="contact_for"' not in coordinator_page.content.decode()
    # A coordinator who posts the field anyway does not create a contact.
    _invite(client_for("coordinator"), contact_for=world.municipality_c.pk)
    assert not world.municipality_c.contacts.filter(email="ines@example.se").exists()

    admin_page = client_for("administrator").get(reverse("programmes:person_invite"))
    assert 'name="contact_for"' in admin_page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(
            client_for("administrator"), email="kim@example.se", contact_for=world.municipality_c.pk
        )
    assert response.status_code == 302
    assert world.municipality_c.contacts.filter(email="kim@example.se").exists()
    kim = User.objects.get(email="kim@example.se")
    event = AuditEvent.objects.get(action="access.grant", target_id=str(kim.pk))
    assert event.actor == world.administrator
    assert f"programmes.municipality #{world.municipality_c.pk}" in event.summary


def test_a_mentor_may_not_invite(world: World, client_for) -> None:
    response = _invite(client_for("mentor"))
    assert response.status_code == 403
    assert "Du har inte tillgång till den här sidan" in response.content.decode()
    assert not User.objects.filter(email="ines@example.se").exists()

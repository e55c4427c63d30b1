"""Who may grant a role or access, and the audit log of every grant and revocation.

Issue 13: a coordinator made herself the contact of a municipality outside her
consortium by posting ``contacts=<own id>`` to its edit form, and then read its people.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEvent
from programmes.models import Municipality, Programme
from programmes.services.core import municipality_update
from programmes.services.grants import Access, access_grant, may_grant, person_invite_from_page
from tests.factories import CohortFactory, UserFactory
from tests.world import World, with_second_factor

Clients = Callable[[str], Client]


def _edit_municipality(client: Client, municipality: Municipality, **data: object):
    payload = {"name": municipality.name, "code": municipality.code, **data}
    return client.post(
        reverse("programmes:municipality_edit", kwargs={"pk": municipality.pk}), payload
    )


def _edit_programme(client: Client, programme: Programme, coordinators: list[User]):
    payload = {
        "name": programme.name,
        "kind": programme.kind,
        "description": programme.description,
        "admission_rule": programme.admission_rule,
        "fee_sek": programme.fee_sek,
        "mentor_fee_sek": programme.mentor_fee_sek,
        "fee_includes": programme.fee_includes,
        "planned_meetings": programme.planned_meetings,
        "meeting_minutes": programme.meeting_minutes,
        "coordinators": "\n".join(person.email for person in coordinators),
    }
    return client.post(reverse("programmes:programme_edit", kwargs={"pk": programme.pk}), payload)


def _grants(action: str = "access.grant") -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def _municipality_pages(world: World) -> list[str]:
    """Håbo's participants, fees and applications."""
    a = world.municipality_a
    return [
        reverse("reports:municipality_view", kwargs={"pk": a.pk}),
        reverse(
            "reports:municipality_csv",
            kwargs={"pk": a.pk, "cohort_pk": world.cohort.pk, "table": "fees"},
        ),
        reverse("programmes:cohort_applications", kwargs={"pk": world.cohort.pk}),
    ]


# The exploit ---------------------------------------------------------------------------


def test_a_coordinator_cannot_make_herself_contact_of_another_consortiums_municipality(
    world: World, client_for: Clients
) -> None:
    # Ledartalang's coordinator; Håbo is a member of Mentorprogrammet only.
    client = client_for("other_coordinator")
    response = _edit_municipality(
        client, world.municipality_a, contacts=world.other_coordinator.email
    )

    assert response.status_code == 302
    assert not world.municipality_a.contacts.filter(pk=world.other_coordinator.pk).exists()
    assert _grants() == []
    for url in _municipality_pages(world):
        assert client.get(url).status_code == 404, url


def test_the_municipality_form_offers_contacts_to_administrators_only(
    world: World, client_for: Clients
) -> None:
    url = reverse("programmes:municipality_edit", kwargs={"pk": world.municipality_a.pk})
    assert 'name="contacts"' not in client_for("coordinator").get(url).content.decode()
    assert 'name="contacts"' in client_for("administrator").get(url).content.decode()
    create = reverse("programmes:municipality_create")
    assert 'name="contacts"' not in client_for("coordinator").get(create).content.decode()


def test_a_coordinator_still_renames_a_municipality_and_its_contacts_stay(
    world: World, client_for: Clients
) -> None:
    response = _edit_municipality(
        client_for("coordinator"), world.municipality_a, name="Håbo kommun"
    )
    world.municipality_a.refresh_from_db()
    assert response.status_code == 302
    assert world.municipality_a.name == "Håbo kommun"
    assert list(world.municipality_a.contacts.all()) == [world.contact_a]
    assert _grants("access.revoke") == []


def test_the_service_refuses_a_coordinator_and_changes_nothing(world: World) -> None:
    a = world.municipality_a
    assert not may_grant(world.coordinator, Access.CONTACT, a)
    with pytest.raises(ValidationError):
        access_grant(
            granter=world.coordinator, person=world.coordinator, what=Access.CONTACT, target=a
        )
    with pytest.raises(ValidationError):
        municipality_update(
            municipality=a, updated_by=world.coordinator, name=a.name, code=a.code, contacts=[]
        )
    assert list(a.contacts.all()) == [world.contact_a]
    assert AuditEvent.objects.filter(action__startswith="access.").count() == 0


# Administrators name contacts; each grant and revocation is logged ------------------------


def test_an_administrator_names_a_contact_and_the_log_says_who_whom_and_what(
    world: World, client_for: Clients
) -> None:
    a = world.municipality_a
    client = client_for("administrator")
    response = _edit_municipality(
        client, a, contacts=f"{world.contact_a.email}\n{world.outsider.email}"
    )

    assert response.status_code == 302
    assert set(a.contacts.all()) == {world.contact_a, world.outsider}
    [event] = _grants()  # contact A was a contact already: no second entry
    assert event.actor == world.administrator
    assert (event.target_type, event.target_id) == ("accounts.user", str(world.outsider.pk))
    assert event.summary == f"municipality contact: Håbo (programmes.municipality #{a.pk})"
    page = client.get(reverse("privacy:audit_log"), {"action": "access.grant"}).content.decode()
    assert "Behörighet tilldelad" in page and "<code>access.grant</code>" in page
    # The new contact reads Håbo's people now, once she has a second factor.
    with_second_factor(world.outsider)
    assert client_for("outsider").get(_municipality_pages(world)[0]).status_code == 200


def test_an_administrator_removing_a_contact_is_logged_as_a_revocation(
    world: World, client_for: Clients
) -> None:
    response = _edit_municipality(client_for("administrator"), world.municipality_a, contacts=[])

    assert response.status_code == 302
    assert not world.municipality_a.contacts.exists()
    [event] = _grants("access.revoke")
    assert event.actor == world.administrator and event.target_id == str(world.contact_a.pk)
    assert "municipality contact: Håbo" in event.summary
    assert client_for("contact_a").get(_municipality_pages(world)[0]).status_code == 404


def test_an_administrator_adding_a_municipality_with_a_contact_is_logged(
    world: World, client_for: Clients
) -> None:
    client_for("administrator").post(
        reverse("programmes:municipality_create"),
        {"name": "Östhammar", "code": "0382", "contacts": world.outsider.email},
    )
    osthammar = Municipality.objects.get(code="0382")
    assert list(osthammar.contacts.all()) == [world.outsider]
    [event] = _grants()
    assert event.actor == world.administrator and event.target_id == str(world.outsider.pk)


# Programme coordinators ---------------------------------------------------------------------


def test_a_coordinator_names_and_removes_a_co_coordinator_of_her_programme_and_both_are_logged(
    world: World, client_for: Clients
) -> None:
    client = client_for("coordinator")
    _edit_programme(client, world.programme, [world.coordinator, world.outsider])
    assert set(world.programme.coordinators.all()) == {world.coordinator, world.outsider}
    _edit_programme(client, world.programme, [world.coordinator])
    assert list(world.programme.coordinators.all()) == [world.coordinator]

    [granted] = _grants()
    [revoked] = _grants("access.revoke")
    for event in (granted, revoked):
        assert event.actor == world.coordinator and event.target_id == str(world.outsider.pk)
        assert event.summary == (
            f"programme coordinator: Mentorprogrammet (programmes.programme #{world.programme.pk})"
        )


def test_a_coordinator_cannot_name_coordinators_of_another_programme(world: World) -> None:
    with pytest.raises(ValidationError):
        access_grant(
            granter=world.other_coordinator,
            person=world.other_coordinator,
            what=Access.COORDINATOR,
            target=world.programme,
        )
    assert list(world.programme.coordinators.all()) == [world.coordinator]


def test_a_programme_without_coordinators_but_with_cohorts_cannot_be_claimed(world: World) -> None:
    orphan = Programme.objects.create(name="Föräldralöst")
    CohortFactory(programme=orphan, name="2026")
    assert not may_grant(world.coordinator, Access.COORDINATOR, orphan)
    with pytest.raises(ValidationError):
        access_grant(
            granter=world.coordinator,
            person=world.coordinator,
            what=Access.COORDINATOR,
            target=orphan,
        )
    assert not orphan.coordinators.exists()


def test_creating_a_programme_logs_its_first_coordinator(world: World, client_for: Clients) -> None:
    from tests.programmes.test_core_pages import programme_data

    client_for("other_coordinator").post(reverse("programmes:programme_create"), programme_data())
    programme = Programme.objects.get(name="Mentorprogram Roslagen")
    [event] = _grants()
    assert event.actor == world.other_coordinator
    assert event.target_id == str(world.other_coordinator.pk)
    assert f"programmes.programme #{programme.pk}" in event.summary


def test_anonymising_a_contact_who_coordinates_logs_each_revocation(
    world: World, client_for: Clients
) -> None:
    world.programme.coordinators.add(world.contact_a)
    client_for("administrator").post(
        reverse("privacy:person_anonymise", kwargs={"pk": world.contact_a.pk}),
        {"reason": "Begäran från personen", "confirm": "on"},
    )
    assert not world.municipality_a.contacts.exists()
    assert list(world.programme.coordinators.all()) == [world.coordinator]
    revoked = _grants("access.revoke")
    assert {event.target_id for event in revoked} == {str(world.contact_a.pk)}
    assert sorted(event.summary.split(":")[0] for event in revoked) == [
        "municipality contact",
        "programme coordinator",
    ]


# Invitations --------------------------------------------------------------------------------


def test_an_invitation_with_a_municipality_by_a_coordinator_is_refused_and_invites_nobody(
    world: World, outbox: list, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        person_invite_from_page(
            invited_by=world.coordinator,
            email="ines@example.se",
            full_name="Ines Inbjuden",
            language="sv",
            contact_for=world.municipality_c,
        )
    assert not User.objects.filter(email="ines@example.se").exists()
    assert outbox == []
    assert not world.municipality_c.contacts.exists()


# The admin site ----------------------------------------------------------------------------


def _staff_with(*codenames: str) -> User:
    """Staff who may use the admin with the given permissions, but is not a superuser."""
    person = with_second_factor(UserFactory(full_name="Sam Staff", is_staff=True))
    person.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return person


def _admin_client(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _change_person(client: Client, person: User, **flags: object):
    payload = {
        "email": person.email,
        "full_name": person.full_name,
        "phone": "",
        "preferred_language": "sv",
        "gender": "",
        "birth_year": "",
        "is_active": "on",
        **flags,
    }
    return client.post(reverse("admin:accounts_user_change", args=[person.pk]), payload)


def test_staff_who_is_no_superuser_cannot_change_the_admin_flags(world: World) -> None:
    staff = _staff_with("view_user", "change_user")
    client = _admin_client(staff)
    page = client.get(reverse("admin:accounts_user_change", args=[world.outsider.pk]))
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.content.decode()
    assert 'name="full_name"' in page.content.decode()

    response = _change_person(
        client, world.outsider, full_name="Olle Ny", is_staff="on", is_superuser="on"
    )
    world.outsider.refresh_from_db()
    assert response.status_code == 302
    assert world.outsider.full_name == "Olle Ny"
    assert not (world.outsider.is_staff or world.outsider.is_superuser)
    staff.refresh_from_db()
    assert not staff.is_superuser
    assert _grants() == []


def test_staff_who_is_no_superuser_cannot_change_a_superusers_account(world: World) -> None:
    client = _admin_client(_staff_with("view_user", "change_user"))
    administrator = world.administrator
    response = _change_person(client, administrator, email="takeover@example.se")
    administrator.refresh_from_db()
    assert response.status_code == 403
    assert administrator.email != "takeover@example.se"


def test_a_superuser_changing_the_admin_flags_and_groups_is_logged(
    world: World, client_for: Clients
) -> None:
    group = Group.objects.create(name="Support")
    client = client_for("administrator")
    response = _change_person(client, world.outsider, is_staff="on", groups=[group.pk])
    world.outsider.refresh_from_db()
    assert response.status_code == 302
    assert world.outsider.is_staff and not world.outsider.is_superuser
    assert list(world.outsider.groups.all()) == [group]
    assert sorted(event.summary for event in _grants()) == [
        f"admin group: Support (auth.group #{group.pk})",
        "admin site access (staff)",
    ]
    assert all(event.actor == world.administrator for event in _grants())

    _change_person(client, world.outsider)
    world.outsider.refresh_from_db()
    assert not world.outsider.is_staff and not world.outsider.groups.exists()
    assert len(_grants("access.revoke")) == 2


def test_municipality_contacts_in_the_admin_are_for_superusers_and_logged(
    world: World, client_for: Clients
) -> None:
    url = reverse("admin:programmes_municipality_change", args=[world.municipality_c.pk])
    data = {"name": "Knivsta", "code": "0330", "contacts": [world.other_coordinator.pk]}
    staff = _staff_with("view_municipality", "change_municipality")
    staff_client = _admin_client(staff)
    assert 'name="contacts"' not in staff_client.get(url).content.decode()
    assert staff_client.post(url, {**data, "contacts": [staff.pk]}).status_code == 302
    assert not world.municipality_c.contacts.exists()

    assert client_for("administrator").post(url, data).status_code == 302
    assert list(world.municipality_c.contacts.all()) == [world.other_coordinator]
    [event] = _grants()
    assert event.actor == world.administrator
    assert event.target_id == str(world.other_coordinator.pk)

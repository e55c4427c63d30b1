"""Open events: anyone employed by the event's municipalities registers, with or without account."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from accounts.models import User
from events.models import EventRegistration, RegistrationStatus
from events.services.events import event_cancel, event_register
from tests.accounts.helpers import last_code, signed_in_user_id
from tests.factories import UserFactory


def _open_url(event) -> str:  # type: ignore[no-untyped-def]
    return reverse("events:open_event", kwargs={"pk": event.pk})


def _sign_in_with_code(client: Client, event, email: str):  # type: ignore[no-untyped-def]
    """Gives the address on the event's page and enters the code from the mail."""
    response = client.post(_open_url(event), {"email": email})
    assert response.status_code == 302, response.content.decode()
    assert response["Location"].startswith(reverse("account_confirm_login_code"))
    return client.post(response["Location"], {"code": last_code()})


def _answers(world, **overrides: object) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {
        "full_name": "Nina Nyfiken",
        "municipality": world.municipality_a.pk,
        "workplace": "Socialförvaltningen",
        "gender": "woman",
        "age_group": "30-39",
        **overrides,
    }


def test_a_person_without_an_account_signs_in_with_a_code_and_registers(
    world, open_event, outbox
) -> None:  # type: ignore[no-untyped-def]
    event = open_event(email_domains="habo.se")
    client = Client()
    page = client.get(_open_url(event)).content.decode()
    assert event.title in page and "habo.se" in page

    response = _sign_in_with_code(client, event, "Nina.Nyfiken@HABO.se")
    assert response.status_code == 302
    assert response["Location"] == _open_url(event)
    person = User.objects.get(email="nina.nyfiken@habo.se")
    assert signed_in_user_id(client) == str(person.pk)
    assert outbox[0].to == ["nina.nyfiken@habo.se"]
    assert EmailAddress.objects.get(user=person).verified

    form = client.get(_open_url(event)).content.decode()
    # The page was read in Swedish, so the new account is Swedish too.
    assert person.preferred_language == "sv"
    assert "Används bara i statistik för hela gruppen" in form
    response = client.post(_open_url(event), _answers(world))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.full_name == "Nina Nyfiken"
    registration = EventRegistration.objects.get(event=event, person=person)
    assert registration.status == RegistrationStatus.REGISTERED
    assert (registration.municipality, registration.workplace) == (
        world.municipality_a,
        "Socialförvaltningen",
    )
    assert (registration.gender, registration.age_group) == ("woman", "30-39")
    # The person now finds the event among their own, and can cancel there.
    assert client.get(reverse("events:event_detail", kwargs={"pk": event.pk})).status_code == 200


def test_gender_and_age_group_may_be_left_unanswered(world, open_event, outbox) -> None:  # type: ignore[no-untyped-def]
    event = open_event()
    client = Client()
    _sign_in_with_code(client, event, "anon@habo.se")
    client.post(_open_url(event), _answers(world, gender="", age_group=""))
    registration = EventRegistration.objects.get(event=event)
    assert (registration.gender, registration.age_group) == ("", "")


def test_an_address_outside_the_municipalities_domains_is_refused_and_creates_nothing(
    world, open_event, outbox
) -> None:  # type: ignore[no-untyped-def]
    event = open_event(email_domains="habo.se\n@bjorklinge.habo.se")
    people = User.objects.count()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(_open_url(event), {"email": "olle@gmail.com"})
    assert response.status_code == 200
    assert "Only addresses at bjorklinge.habo.se, habo.se may register" in response.content.decode()
    assert User.objects.count() == people
    assert not EmailAddress.objects.filter(email="olle@gmail.com").exists()
    assert mail.outbox == []


def test_a_signed_in_person_with_an_address_outside_the_domains_cannot_register(
    world, open_event, client_for
) -> None:  # type: ignore[no-untyped-def]
    event = open_event(email_domains="habo.se")
    client = client_for("outsider")
    response = client.post(_open_url(event), _answers(world))
    assert response.status_code == 200
    assert not EventRegistration.objects.exists()


def test_a_full_open_event_puts_the_next_person_on_the_waiting_list(
    world, open_event, outbox
) -> None:  # type: ignore[no-untyped-def]
    event = open_event(capacity=1)
    event_register(event=event, person=world.adept)
    client = Client()
    _sign_in_with_code(client, event, "vera.vantan@habo.se")
    page = client.get(_open_url(event)).content.decode()
    assert 'name="waiting_list"' in page
    client.post(_open_url(event), {**_answers(world, full_name="Vera Väntan"), "waiting_list": "1"})
    waiting = EventRegistration.objects.get(event=event, person__email="vera.vantan@habo.se")
    assert waiting.status == RegistrationStatus.WAITING
    # A place freed up goes to her, as for every other event.
    event_cancel(event=event, person=world.adept)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED


def test_an_existing_account_gets_a_code_and_no_second_account(world, open_event, outbox) -> None:  # type: ignore[no-untyped-def]
    event = open_event()
    UserFactory(email="karl@habo.se", full_name="Karl Känd")
    client = Client()
    _sign_in_with_code(client, event, "karl@habo.se")
    assert User.objects.filter(email="karl@habo.se").count() == 1
    page = client.get(_open_url(event)).content.decode()
    assert 'value="Karl Känd"' in page


def test_codes_for_one_address_are_limited(world, open_event, outbox) -> None:  # type: ignore[no-untyped-def]
    event = open_event()
    client = Client()
    for _ in range(3):
        assert client.post(_open_url(event), {"email": "spam@habo.se"}).status_code == 302
        client.cookies.clear()
    response = client.post(_open_url(event), {"email": "spam@habo.se"})
    assert response.status_code == 200
    assert len(outbox) == 3


def test_a_person_of_the_municipality_sees_the_open_event_and_registers_with_one_click(
    world, open_event, client_for
) -> None:  # type: ignore[no-untyped-def]
    event = open_event()
    client = client_for("adept")  # admitted from Håbo (municipality A)
    listing = client.get(reverse("events:event_list")).content.decode()
    assert event.title in listing
    response = client.post(reverse("events:event_register", kwargs={"pk": event.pk}))
    assert response.status_code == 302
    registration = EventRegistration.objects.get(event=event, person=world.adept)
    assert registration.status == RegistrationStatus.REGISTERED
    assert registration.municipality == world.municipality_a


def test_people_of_other_municipalities_do_not_see_the_open_event_in_their_list(
    world, open_event, client_for
) -> None:  # type: ignore[no-untyped-def]
    event = open_event()
    listing = client_for("other_mentor").get(reverse("events:event_list")).content.decode()
    assert event.title not in listing


def test_the_open_page_of_an_event_that_is_not_open_is_not_found(world, client_for) -> None:  # type: ignore[no-untyped-def]
    from tests.programmes.factories_running import EventFactory

    event = EventFactory(programme=world.programme)
    assert Client().get(_open_url(event)).status_code == 404


def test_the_coordinator_sees_the_link_to_share(world, open_event, client_for) -> None:  # type: ignore[no-untyped-def]
    event = open_event()
    page = client_for("coordinator").get(reverse("events:event_detail", kwargs={"pk": event.pk}))
    assert f"http://testserver{_open_url(event)}" in page.content.decode()


def test_a_full_open_events_page_offers_the_waiting_list_not_a_place(
    world, open_event, client_for
) -> None:  # type: ignore[no-untyped-def]
    event = open_event(capacity=1)
    url = reverse("events:event_detail", kwargs={"pk": event.pk})
    open_link = f'<a class="btn btn-primary" href="{_open_url(event)}">'
    with translation.override("sv"):
        page = client_for("coordinator").get(url).content.decode()
        assert f"{open_link}{gettext('Register')}</a>" in page
        event_register(event=event, person=world.adept)
        page = client_for("coordinator").get(url).content.decode()
        assert (
            gettext("The event is full. Join the waiting list to get a place if one frees up.")
            in page
        )
        assert f"{open_link}{gettext('Join the waiting list')}</a>" in page


def test_bad_input_on_the_open_page_creates_nothing(world, open_event, outbox) -> None:  # type: ignore[no-untyped-def]
    event = open_event(email_domains="habo.se")
    people = User.objects.count()
    for value in [
        "",
        "a@b",
        "<script>x</script>@habo.se",
        "x\u0000@habo.se",
        "å" * 300,
        "@habo.se",
    ]:
        response = Client().post(_open_url(event), {"email": value})
        assert response.status_code == 200
    assert User.objects.count() == people
    assert mail.outbox == []

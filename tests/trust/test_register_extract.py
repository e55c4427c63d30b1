"""A person downloads everything held about them, and nothing about anyone else's private text."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from pairs.models import Reflection
from tests.world import World


def _sections(client: Client) -> dict[str, list[dict]]:
    response = client.get(reverse("privacy:my_data_json"))
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    sections: dict[str, list[dict]] = {}
    for section in data["sections"]:
        sections.setdefault(section["model"], []).extend(section["rows"])
    return sections


def test_the_json_extract_holds_the_persons_account_and_enrolment(
    world: World, client_for: Callable[[str], Client]
) -> None:
    sections = _sections(client_for("adept"))
    assert [row["email"] for row in sections["accounts.user"]] == [world.adept.email]
    assert "password" not in sections["accounts.user"][0]
    assert [row["cohort"] for row in sections["programmes.enrolment"]] == ["2026/27"]
    assert len(sections["pairs.pair"]) == 1


def test_the_extract_has_own_reflections_in_full_and_shared_ones_without_text(
    world: World, client_for: Callable[[str], Client]
) -> None:
    Reflection.objects.create(pair=world.pair, author=world.adept, text="Min egen tanke")
    Reflection.objects.create(
        pair=world.pair, author=world.mentor, text="Delad av mentorn", shared=True
    )
    Reflection.objects.create(pair=world.pair, author=world.mentor, text="Mentorns privata")
    response = client_for("adept").get(reverse("privacy:my_data_json"))
    body = response.content.decode()
    assert "Min egen tanke" in body
    assert "Delad av mentorn" not in body
    assert "Mentorns privata" not in body
    data = json.loads(body)
    shared = [s for s in data["sections"] if s["model"] == "pairs.reflection" and s["rows"]]
    assert sorted(len(s["rows"]) for s in shared) == [1, 1]


def test_the_extract_never_shows_another_persons_data(
    world: World, client_for: Callable[[str], Client]
) -> None:
    body = client_for("outsider").get(reverse("privacy:my_data_json")).content.decode()
    assert world.outsider.email in body
    for other in ("adept", "mentor", "coordinator"):
        assert world.people[other].email not in body


def test_the_readable_page_shows_the_persons_data_with_its_purpose(
    world: World, client_for: Callable[[str], Client]
) -> None:
    response = client_for("adept").get(reverse("privacy:my_data"))
    html = response.content.decode()
    assert world.adept.email in html
    assert "2026/27" in html
    assert reverse("privacy:my_data_json") in html


def test_the_readable_page_speaks_swedish_with_local_dates_and_ja_nej(
    world: World, client_for: Callable[[str], Client]
) -> None:
    from allauth.account.models import EmailAddress
    from allauth.usersessions.models import UserSession

    EmailAddress.objects.update_or_create(
        user=world.adept, email=world.adept.email, defaults={"verified": True}
    )
    UserSession.objects.create(
        user=world.adept, ip="10.0.0.1", session_key="s" * 32, user_agent="Firefox"
    )
    html = client_for("adept").get(reverse("privacy:my_data")).content.decode()
    for heading in ("E-postadresser", "Inloggningar", "IP-adress", "Senast sedd", "Webbläsare"):
        assert heading in html, heading
    for english in ("User sessions", "Last seen at", "User agent", "True", "False"):
        assert f">{english}<" not in html, english
    assert "<td>Ja</td>" in html
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:", html)  # no raw ISO timestamps
    # The file keeps the machine-readable values.
    data = client_for("adept").get(reverse("privacy:my_data_json")).json()
    sessions = next(s for s in data["sections"] if s["model"] == "usersessions.usersession")
    assert "T" in sessions["rows"][0]["created_at"]


def test_downloading_the_extract_is_audited(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client_for("mentor").get(reverse("privacy:my_data_json"))
    event = AuditEvent.objects.get(action="register_extract.download")
    assert event.actor == world.mentor
    assert event.target_id == str(world.mentor.pk)


def test_every_signed_in_page_links_to_the_persons_data(
    world: World, client_for: Callable[[str], Client]
) -> None:
    html = client_for("adept").get(reverse("programmes:home")).content.decode()
    assert f'href="{reverse("privacy:my_data")}"' in html
    assert reverse("privacy:audit_log") not in html
    admin_html = client_for("administrator").get(reverse("programmes:home")).content.decode()
    assert reverse("privacy:audit_log") in admin_html


def test_the_extract_holds_the_school_wishes_and_age_group_of_an_application(
    world: World, client_for: Callable[[str], Client]
) -> None:
    from programmes.models import Enrolment

    Enrolment.objects.filter(pk=world.adept_enrolment.pk).update(
        school="De Geergymnasiet", wants_from_mentor="Se hur en chef arbetar", age_group="30-39"
    )
    [row] = _sections(client_for("adept"))["programmes.enrolment"]
    assert row["school"] == "De Geergymnasiet"
    assert row["wants_from_mentor"] == "Se hur en chef arbetar"
    assert row["age_group"] == "30–39"

"""Who may see and change a cohort's sessions and whose reflection anyone reads."""

from __future__ import annotations

import pytest
from django.urls import reverse

from events import access
from events.services.sessions import session_material_add, session_reflection_save
from programmes.models import EnrolmentStatus
from tests.factories import EnrolmentFactory

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def held(world, make_session):  # type: ignore[no-untyped-def]
    session = make_session(days=-1)
    session_reflection_save(event=session, author=world.adept, answers=["Ada skriver", ""])
    return session


def test_a_participant_of_another_cohort_gets_404(world, held, client_for) -> None:
    elsewhere = EnrolmentFactory(cohort=world.other_cohort).person
    client = client_for("anonymous")
    client.force_login(elsewhere)
    for name in ("events:session_detail", "events:session_reflection"):
        assert client.get(reverse(name, kwargs={"pk": held.pk})).status_code == 404


def test_a_participant_whose_place_ended_no_longer_sees_the_sessions(
    world, held, client_for
) -> None:
    world.adept_enrolment.status = EnrolmentStatus.WITHDRAWN
    world.adept_enrolment.save()
    client = client_for("adept")
    assert client.get(reverse("events:session_detail", kwargs={"pk": held.pk})).status_code == 404
    assert "Ada skriver" not in client.get(reverse("events:my_sessions")).content.decode()


def test_a_participant_may_not_plan_or_mark(world, held, client_for) -> None:
    client = client_for("adept")
    urls = [
        reverse("events:session_list", kwargs={"cohort_pk": world.cohort.pk}),
        reverse("events:session_create", kwargs={"cohort_pk": world.cohort.pk}),
        reverse("events:session_edit", kwargs={"pk": held.pk}),
        reverse("events:session_material_add", kwargs={"pk": held.pk}),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"title": "x"}).status_code == 404, url
    attendance = reverse("events:event_attendance", kwargs={"pk": held.pk})
    assert client.get(attendance).status_code == 404
    bulk = reverse("events:event_attendance_bulk", kwargs={"pk": held.pk})
    ids = ",".join(str(pk) for pk in held.registrations.values_list("pk", flat=True))
    posted = client.post(bulk, {"action": "attended", "ids": ids, "confirm": "1"})
    assert posted.status_code == 404
    assert not held.registrations.filter(attended=True).exists()


def test_the_coordinator_of_another_programme_gets_404(world, held, client_for) -> None:
    client = client_for("other_coordinator")
    assert (
        client.get(
            reverse("events:session_list", kwargs={"cohort_pk": world.cohort.pk})
        ).status_code
        == 404
    )
    assert client.get(reverse("events:session_detail", kwargs={"pk": held.pk})).status_code == 404


def test_nobody_but_the_author_opens_a_reflection(world, held, client_for) -> None:
    url = reverse("events:session_reflection", kwargs={"pk": held.pk})
    # The coordinator has no reflection page of the session at all.
    assert client_for("coordinator").get(url).status_code == 404
    # Another participant opens only their own, empty one.
    page = client_for("mentor").get(url).content.decode()
    assert "Ada skriver" not in page
    assert "Ada skriver" in client_for("adept").get(url).content.decode()


def test_the_session_querysets_follow_the_cohort(world, held) -> None:
    assert list(access.sessions_for_user(world.adept)) == [held]
    assert list(access.sessions_for_user(world.outsider)) == []
    assert list(access.sessions_for_coordinator(world.coordinator)) == [held]
    assert list(access.sessions_for_coordinator(world.adept)) == []
    assert list(access.sessions_for_coordinator(world.other_coordinator)) == []


def test_a_sessions_material_reaches_its_cohort_and_nobody_else(world, held, client_for) -> None:
    material = session_material_add(
        event=held, actor=world.coordinator, title="Artikel", url="https://example.se/artikel"
    )
    url = reverse("events:resource_download", kwargs={"pk": material.pk})
    assert client_for("adept").get(url)["Location"] == "https://example.se/artikel"
    assert client_for("coordinator").get(url).status_code == 302
    for role in ("outsider", "other_coordinator", "contact_a"):
        assert client_for(role).get(url).status_code == 404, role

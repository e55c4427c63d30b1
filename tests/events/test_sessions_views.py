"""The pages of a programme of sessions: the coordinator's series, planning, attendance, the
participant's sessions and their own reflection."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventKind, EventRegistration, Resource, SessionReflection
from events.services.sessions import session_reflection_save
from events.setup_steps import setup_steps
from programmes.models import CohortFormat

pytestmark = pytest.mark.usefixtures("in_english")


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_the_series_is_numbered_with_attendance_and_reflection_counts(
    world, make_session, client_for, django_assert_max_num_queries
) -> None:
    first = make_session(days=-14, theme="Självledarskap")
    make_session(days=14, theme="Att leda förändring")
    EventRegistration.objects.filter(event=first, person__in=[world.adept, world.mentor]).update(
        attended=True
    )
    session_reflection_save(event=first, author=world.adept, answers=["Hemligt svar", ""])
    client = client_for("coordinator")
    url = reverse("events:session_list", kwargs={"cohort_pk": world.cohort.pk})
    with django_assert_max_num_queries(12):
        page = client.get(url).content.decode()
    assert "1 of 2" in page and "2 of 2" in page
    assert "Självledarskap" in page and "Att leda förändring" in page
    assert "2 of 4" in page  # attended of expected
    assert "4 expected" in page
    assert "Hemligt svar" not in page
    assert reverse("events:event_attendance", kwargs={"pk": first.pk}) in page


def test_the_next_session_is_suggested_one_interval_after_the_last(
    world, make_session, client_for
) -> None:
    first = make_session(days=7)
    last = make_session(days=21)
    url = reverse("events:session_create", kwargs={"cohort_pk": world.cohort.pk})
    form = client_for("coordinator").get(url).context["form"]
    # The two weeks between the last two sessions.
    assert form.initial["starts_at"] == timezone.localtime(
        last.starts_at + (last.starts_at - first.starts_at)
    )
    assert last.starts_at - first.starts_at >= datetime.timedelta(days=14)
    assert form.initial["place"] == "Kommunhuset, sal 2"
    assert form.initial["title"] == "Session 3"


def test_the_coordinator_plans_a_session_and_goes_on_to_the_next(world, client_for) -> None:
    starts = timezone.now() + datetime.timedelta(days=10)
    url = reverse("events:session_create", kwargs={"cohort_pk": world.cohort.pk})
    response = client_for("coordinator").post(
        url,
        {
            "title": "Träff 1",
            "theme": "Tillit",
            "starts_at": _local(starts),
            "ends_at": _local(starts + datetime.timedelta(hours=3)),
            "place": "Stadshuset",
            "preparation": "Läs kapitel 1.",
            "reflection_questions": "Vad tar du med dig?",
            "then": "next",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url
    session = Event.objects.get(kind=EventKind.SESSION)
    assert (session.theme, session.preparation, session.cohort) == (
        "Tillit",
        "Läs kapitel 1.",
        world.cohort,
    )
    assert session.registrations.count() == 4


def test_a_session_that_ends_before_it_starts_is_refused_with_a_message(world, client_for) -> None:
    starts = timezone.now() + datetime.timedelta(days=10)
    url = reverse("events:session_create", kwargs={"cohort_pk": world.cohort.pk})
    response = client_for("coordinator").post(
        url,
        {
            "title": "Träff 1",
            "starts_at": _local(starts),
            "ends_at": _local(starts - datetime.timedelta(hours=1)),
            "place": "Stadshuset",
        },
    )
    assert response.status_code == 200
    assert "The event must end after it starts." in response.content.decode()
    assert not Event.objects.exists()


def test_material_added_to_a_session_shows_on_it_for_the_participant(
    world, make_session, client_for
) -> None:
    session = make_session(days=7, preparation="Läs artikeln.")
    url = reverse("events:session_material_add", kwargs={"pk": session.pk})
    response = client_for("coordinator").post(
        url, {"title": "Artikel om tillit", "url": "https://example.se/tillit"}
    )
    assert response.status_code == 302
    assert Resource.objects.get().event == session
    page = client_for("adept").get(reverse("events:my_sessions")).content.decode()
    assert "Artikel om tillit" in page
    assert "Läs artikeln." in page
    detail = client_for("adept").get(reverse("events:session_detail", kwargs={"pk": session.pk}))
    assert "Artikel om tillit" in detail.content.decode()
    assert "no registration is needed" in detail.content.decode()


def test_my_sessions_shows_only_the_own_cohorts_series_with_the_own_attendance(
    world, make_session, client_for
) -> None:
    held = make_session(days=-3, theme="Självledarskap")
    make_session(days=-3, cohort=world.other_cohort, theme="Annan kohort")
    EventRegistration.objects.filter(event=held, person=world.adept).update(attended=True)
    adept = client_for("adept").get(reverse("events:my_sessions")).content.decode()
    assert "Självledarskap" in adept and "You attended." in adept
    assert "Annan kohort" not in adept
    other = client_for("other_mentor").get(reverse("events:my_sessions")).content.decode()
    assert "You were not marked as attending." in other
    assert (
        "You have no sessions."
        in client_for("outsider").get(reverse("events:my_sessions")).content.decode()
    )


def test_the_events_page_leads_a_participant_to_their_sessions(
    world, make_session, client_for
) -> None:
    make_session(days=5)
    page = client_for("adept").get(reverse("events:event_list")).content.decode()
    assert reverse("events:my_sessions") in page
    outsider = client_for("outsider").get(reverse("events:event_list")).content.decode()
    assert reverse("events:my_sessions") not in outsider


def test_the_participant_writes_and_edits_a_reflection_only_they_read(
    world, make_session, client_for
) -> None:
    session = make_session(days=-1)
    url = reverse("events:session_reflection", kwargs={"pk": session.pk})
    adept = client_for("adept")
    assert "Vad gör du nu?" in adept.get(url).content.decode()
    response = adept.post(url, {"answer_0": "Mod att fråga", "answer_1": "Boka ett möte"})
    assert response.status_code == 302
    adept.post(url, {"answer_0": "Mod att fråga mer", "answer_1": ""})
    assert SessionReflection.objects.get().answer_list[0]["answer"] == "Mod att fråga mer"
    detail_url = reverse("events:session_detail", kwargs={"pk": session.pk})
    assert "Mod att fråga mer" in adept.get(detail_url).content.decode()
    for role in ("mentor", "coordinator"):
        assert "Mod att fråga" not in client_for(role).get(detail_url).content.decode()
    assert (
        "1 has written a reflection." in client_for("coordinator").get(detail_url).content.decode()
    )


def test_an_empty_reflection_is_refused_with_a_message(world, make_session, client_for) -> None:
    session = make_session(days=-1)
    url = reverse("events:session_reflection", kwargs={"pk": session.pk})
    response = client_for("adept").post(url, {"answer_0": " ", "answer_1": ""})
    assert response.status_code == 200
    assert "Write an answer to at least one question." in response.content.decode()
    assert not SessionReflection.objects.exists()


def test_attendance_lists_every_admitted_participant_of_the_cohort(
    world, make_session, client_for
) -> None:
    session = make_session(days=-1)
    EventRegistration.objects.filter(event=session, person=world.other_adept).delete()
    url = reverse("events:event_attendance", kwargs={"pk": session.pk})
    client = client_for("coordinator")
    page = client.get(url).content.decode()
    for person in (world.adept, world.mentor, world.other_adept, world.other_mentor):
        assert person.full_name in page
    chosen = EventRegistration.objects.filter(
        event=session, person__in=[world.adept, world.other_adept]
    ).values_list("pk", flat=True)
    bulk = reverse("events:event_attendance_bulk", kwargs={"pk": session.pk})
    ids = ",".join(str(pk) for pk in chosen)
    response = client.post(bulk, {"action": "attended", "ids": ids, "confirm": "1"})
    assert response.status_code == 302
    attended = set(
        EventRegistration.objects.filter(event=session, attended=True).values_list(
            "person_id", flat=True
        )
    )
    assert attended == {world.adept.pk, world.other_adept.pk}
    # The list leads back to the session.
    assert reverse("events:session_detail", kwargs={"pk": session.pk}) in page


def test_the_event_page_of_a_session_has_no_registration(world, make_session, client_for) -> None:
    session = make_session(days=3)
    response = client_for("adept").get(reverse("events:event_detail", kwargs={"pk": session.pk}))
    assert response["Location"] == reverse("events:session_detail", kwargs={"pk": session.pk})


def test_a_cohort_in_sessions_has_the_setup_step_until_a_session_is_planned(
    world, make_session
) -> None:
    world.cohort.format = CohortFormat.SESSIONS
    world.cohort.save()

    def step():  # type: ignore[no-untyped-def]
        steps = setup_steps(programme=world.programme, cohorts=[world.cohort])
        return next(s for s in steps if s.key == "events.sessions_planned")

    assert not step().done
    make_session(days=20)
    assert step().done


def test_a_cohort_of_pairs_has_no_sessions_step(world) -> None:
    steps = setup_steps(programme=world.programme, cohorts=[world.cohort])
    assert "events.sessions_planned" not in {s.key for s in steps}


def test_the_cohort_page_links_to_its_sessions(world, client_for) -> None:
    page = client_for("coordinator").get(
        reverse("programmes:cohort_detail", kwargs={"pk": world.cohort.pk})
    )
    assert reverse("events:session_list", kwargs={"cohort_pk": world.cohort.pk}) in (
        page.content.decode()
    )


def test_a_held_session_cannot_be_removed_from_its_page(world, make_session, client_for) -> None:
    session = make_session(days=-1)
    EventRegistration.objects.filter(event=session, person=world.adept).update(attended=True)
    url = reverse("events:session_delete", kwargs={"pk": session.pk})
    response = client_for("coordinator").post(url)
    assert response.status_code == 302
    assert Event.objects.filter(pk=session.pk).exists()
    planned = make_session(days=9)
    url = reverse("events:session_delete", kwargs={"pk": planned.pk})
    assert client_for("coordinator").post(url)["Location"] == reverse(
        "events:session_list", kwargs={"cohort_pk": world.cohort.pk}
    )
    assert not Event.objects.filter(pk=planned.pk).exists()


def test_my_sessions_costs_the_same_however_many_sessions(
    world, make_session, client_for, django_assert_max_num_queries
) -> None:
    client = client_for("adept")
    for days in (-20, -10, 5, 15, 25, 35):
        session = make_session(days=days)
        Resource.objects.create(
            programme=world.programme,
            cohort=world.cohort,
            event=session,
            title=f"Material {days}",
            url="https://example.se/m",
        )
    with django_assert_max_num_queries(14):
        page = client.get(reverse("events:my_sessions")).content.decode()
    assert page.count("https://example.se/m") == 0  # linked through the download page
    assert "Material 35" in page and "Session 6 of 6" in page

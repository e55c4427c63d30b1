"""A participant declares a conflict of interest; the pair is never proposed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from audit.models import AuditEvent
from matching.models import Exclusion, ExclusionSource, MatchRun
from matching.services import conflicts
from matching.services import runs as services

SECRET = "Han var min chef på socialtjänsten 2019"


def _client(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _declare(client: Client, enrolment, other, reason="former_manager", comment=""):
    return client.post(
        reverse("matching:conflicts", kwargs={"pk": enrolment.pk}),
        {"other": other.pk, "reason": reason, "comment": comment},
    )


def test_a_declared_conflict_is_never_proposed_by_the_solver(world, profiled):
    first = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    proposal = first.proposals.select_related("adept__person", "mentor__person").first()
    adept, mentor = proposal.adept, proposal.mentor

    response = _declare(_client(adept.person), adept, mentor, comment=SECRET)

    assert response.status_code == 302
    exclusion = Exclusion.objects.get(cohort=profiled.cohort)
    assert (exclusion.adept, exclusion.mentor) == (adept, mentor)
    assert exclusion.source == ExclusionSource.PARTICIPANT
    assert exclusion.declared_by == adept.person
    assert exclusion.reason == "former_manager"
    second = services.match_run_create(cohort=profiled.cohort, actor=world.coordinator)
    assert not second.proposals.filter(adept=adept, mentor=mentor).exists()
    assert second.proposals.filter(adept=adept).exists()
    event = AuditEvent.objects.get(action="match_exclusion.create", target_id=str(exclusion.pk))
    assert event.actor == adept.person
    assert "participant" in event.summary and SECRET not in event.summary


def test_a_mentor_declares_about_an_adept_and_the_coordinator_sees_it_marked(
    world, profiled, coordinator_client
):
    mentor, adept = profiled.mentors[0], profiled.adepts[1]
    client = _client(mentor.person)
    page = client.get(reverse("matching:conflicts", kwargs={"pk": mentor.pk}))
    content = page.content.decode()
    # Only adepts of the same cohort are offered, with their municipality.
    assert f"{adept.person.full_name} ({adept.municipality.name})" in content
    assert profiled.mentors[1].person.full_name not in content
    assert world.adept.full_name not in content

    _declare(client, mentor, adept, reason="relative", comment=SECRET)

    cohort_page = coordinator_client.get(
        reverse("matching:cohort", kwargs={"pk": profiled.cohort.pk})
    )
    text = cohort_page.content.decode()
    assert "anmält av deltagaren" in text
    assert f"{mentor.person.full_name} – {adept.person.full_name}" in text
    assert SECRET in text


def test_the_leader_profile_page_links_to_the_declaration(world, profiled):
    adept = profiled.adepts[0]
    page = _client(adept.person).get(reverse("matching:profile", kwargs={"pk": adept.pk}))
    assert reverse("matching:conflicts", kwargs={"pk": adept.pk}) in page.content.decode()


@pytest.mark.parametrize("who", ["other_cohort", "same_role"])
def test_a_person_from_another_cohort_or_the_same_role_cannot_be_chosen(world, profiled, who):
    adept = profiled.adepts[0]
    other = world.mentor_enrolment if who == "other_cohort" else profiled.adepts[1]

    response = _declare(_client(adept.person), adept, other)

    assert response.status_code == 200
    assert "Välj en person med den andra rollen som deltar i din egen omgång." in (
        response.content.decode()
    )
    assert not Exclusion.objects.exists()


def test_the_service_refuses_another_cohort_and_the_same_role_with_a_clear_message(world, profiled):
    adept = profiled.adepts[0]
    with translation.override("en"):
        with pytest.raises(ValidationError, match="in your own cohort"):
            conflicts.conflict_declare(
                declarant=adept, other=world.mentor_enrolment, reason="relative", actor=adept.person
            )
        with pytest.raises(ValidationError, match="Choose a mentor if you are an adept"):
            conflicts.conflict_declare(
                declarant=adept, other=profiled.adepts[1], reason="relative", actor=adept.person
            )
    assert not Exclusion.objects.exists()


def test_declaring_the_same_conflict_twice_is_refused(world, profiled):
    adept, mentor = profiled.adepts[0], profiled.mentors[0]
    client = _client(adept.person)
    _declare(client, adept, mentor)

    response = _declare(client, adept, mentor, reason="colleague")

    assert response.status_code == 200
    assert "Jäv mot den här personen är redan anmält." in response.content.decode()
    assert Exclusion.objects.get().reason == "former_manager"


def test_the_participant_sees_and_withdraws_their_own_declaration(world, profiled):
    adept, mentor = profiled.adepts[0], profiled.mentors[0]
    client = _client(adept.person)
    _declare(client, adept, mentor)
    exclusion = Exclusion.objects.get()
    page = client.get(reverse("matching:conflicts", kwargs={"pk": adept.pk}))
    assert reverse("matching:conflict_withdraw", kwargs={"pk": exclusion.pk}) in (
        page.content.decode()
    )

    response = client.post(reverse("matching:conflict_withdraw", kwargs={"pk": exclusion.pk}))

    assert response.status_code == 302
    assert not Exclusion.objects.exists()
    assert AuditEvent.objects.filter(
        action="match_exclusion.withdraw", target_id=str(exclusion.pk)
    ).exists()


@pytest.mark.parametrize(
    "persona", ["other_person", "counterpart", "coordinator", "other_coordinator", "outsider"]
)
def test_another_persona_cannot_see_or_withdraw_the_declaration(
    world, profiled, client_for, persona
):
    adept, mentor = profiled.adepts[0], profiled.mentors[0]
    _declare(_client(adept.person), adept, mentor)
    exclusion = Exclusion.objects.get()
    if persona == "other_person":
        client, own = _client(profiled.adepts[1].person), profiled.adepts[1]
    elif persona == "counterpart":
        client, own = _client(mentor.person), mentor
    else:
        client, own = client_for(persona), None

    # The adept's page is the adept's alone.
    assert client.get(reverse("matching:conflicts", kwargs={"pk": adept.pk})).status_code == 404
    if own is not None:
        page = client.get(reverse("matching:conflicts", kwargs={"pk": own.pk}))
        assert page.status_code == 200
        assert reverse("matching:conflict_withdraw", kwargs={"pk": exclusion.pk}) not in (
            page.content.decode()
        )
    response = client.post(reverse("matching:conflict_withdraw", kwargs={"pk": exclusion.pk}))
    assert response.status_code == 404
    assert Exclusion.objects.filter(pk=exclusion.pk).exists()


def test_the_coordinators_exclusion_is_not_the_participants_to_withdraw(world, profiled):
    adept, mentor = profiled.adepts[0], profiled.mentors[0]
    from matching.services import rules

    exclusion = rules.exclusion_create(
        cohort=profiled.cohort,
        mentor=mentor,
        adept=adept,
        reason="colleague",
        actor=world.coordinator,
    )
    client = _client(adept.person)
    page = client.get(reverse("matching:conflicts", kwargs={"pk": adept.pk}))
    assert mentor.person.full_name not in page.content.decode().split("Ny anmälan")[0]
    response = client.post(reverse("matching:conflict_withdraw", kwargs={"pk": exclusion.pk}))
    assert response.status_code == 404
    assert Exclusion.objects.filter(pk=exclusion.pk).exists()


def test_after_the_pairs_are_published_nothing_can_be_declared_or_withdrawn(world, profiled):
    adept, mentor = profiled.adepts[0], profiled.mentors[0]
    client = _client(adept.person)
    _declare(client, adept, mentor)
    exclusion = Exclusion.objects.get()
    MatchRun.objects.create(cohort=profiled.cohort, number=1, published_at=timezone.now())

    response = _declare(client, adept, profiled.mentors[1])
    withdraw = client.post(reverse("matching:conflict_withdraw", kwargs={"pk": exclusion.pk}))

    assert response.status_code == 200
    assert "Paren är redan publicerade." in response.content.decode()
    assert withdraw.status_code == 302
    assert list(Exclusion.objects.all()) == [exclusion]

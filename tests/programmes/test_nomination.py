"""The nearest manager nominates; each approval stage says yes or no; both are told."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import User
from fees.models import FeeLine
from programmes.models import AdmissionRule, Enrolment, EnrolmentStatus, Nomination, StageDecision
from tests.factories import MembershipFactory
from tests.world import World

from .factories_enrolment import (
    ApprovalStageFactory,
    WorkAreaFactory,
    committed,
    english,
    open_cohort,
)

__all__ = ["committed", "english"]

pytestmark = pytest.mark.django_db

GUIDANCE = "Beskriv medarbetarens ledarpotential och varför just nu."


def _talent(world: World, places: int = 12):
    cohort = open_cohort(rule=AdmissionRule.NOMINATION, places=places, name="Ledartalang 2027")
    programme = cohort.programme
    programme.nomination_guidance = GUIDANCE
    programme.save()
    MembershipFactory(programme=programme, municipality=world.municipality_a)
    WorkAreaFactory(programme=programme, name="Äldreomsorg")
    ApprovalStageFactory(programme=programme, name="Förvaltningens ledningsgrupp", position=1)
    ApprovalStageFactory(programme=programme, name="Koncernledningen", position=2)
    return cohort


def _nomination_form(world: World, **changes: object) -> dict[str, object]:
    data = {
        "nominee_name": "Nina Nominerad",
        "nominee_email": "nina@habo.se",
        "language": "sv",
        "municipality": world.municipality_a.pk,
        "department": "Vård och omsorg",
        "title": "Samordnare",
        "work_area": "Äldreomsorg",
        "years_as_manager": 0,
        "motivation": "Nina tar ansvar och lyfter sina kolleger.",
    }
    data.update(changes)
    return data


def _nominate(world, client_for, committed):
    cohort = _talent(world)
    committed(
        client_for("manager").post,
        reverse("programmes:nominate", args=[cohort.pk]),
        _nomination_form(world),
    )
    return Nomination.objects.select_related("enrolment__person").get()


def _decide(
    client, nomination, approved: str, comment: str = "", committed=None, message: str = ""
):
    url = reverse("programmes:nomination_detail", args=[nomination.pk])
    post = (lambda *a, **k: committed(client.post, *a, **k)) if committed else client.post
    return post(url, {"approved": approved, "comment": comment, "message": message})


def test_the_guidance_text_is_shown_on_the_nomination_form(world, client_for) -> None:
    cohort = _talent(world)
    page = client_for("manager").get(reverse("programmes:nominate", args=[cohort.pk]))
    assert GUIDANCE in page.content.decode()


def test_manager_nominates_and_the_nominee_is_invited_and_told(
    world, client_for, outbox, committed
) -> None:
    nomination = _nominate(world, client_for, committed)
    assert nomination.nominated_by == world.manager
    assert nomination.motivation.startswith("Nina tar ansvar")
    enrolment = nomination.enrolment
    assert enrolment.person.email == "nina@habo.se"
    assert enrolment.status == EnrolmentStatus.APPLIED
    assert enrolment.completed_at is not None
    to_nina = [m.subject for m in outbox if m.to == ["nina@habo.se"]]
    assert any("nominated" in s for s in to_nina)
    assert len(to_nina) == 2  # the invitation and the nomination


def test_a_first_nomination_puts_my_nominations_in_the_menu_at_once(
    world, client_for, committed
) -> None:
    manager = client_for("manager")
    my_nominations = f'href="{reverse("programmes:my_nominations")}"'
    # The roles the menu shows are kept in the session for a minute.
    assert my_nominations not in manager.get(reverse("programmes:home")).content.decode()
    cohort = _talent(world)
    committed(
        manager.post, reverse("programmes:nominate", args=[cohort.pk]), _nomination_form(world)
    )
    assert my_nominations in manager.get(reverse("programmes:home")).content.decode()


def test_stages_decide_in_order_and_the_last_yes_admits(
    world, client_for, outbox, committed
) -> None:
    nomination = _nominate(world, client_for, committed)
    coordinator = client_for("coordinator")
    nomination.enrolment.cohort.programme.coordinators.add(world.coordinator)
    outbox.clear()
    _decide(coordinator, nomination, "yes", "Stark kandidat", committed=committed)
    first = StageDecision.objects.get()
    assert first.stage.name == "Förvaltningens ledningsgrupp"
    assert first.decided_by == world.coordinator
    assert first.comment == "Stark kandidat"
    assert sorted(m.to[0] for m in outbox) == sorted(["nina@habo.se", world.manager.email])
    page = coordinator.get(reverse("programmes:nomination_detail", args=[nomination.pk]))
    assert "Next stage: Koncernledningen" in page.content.decode()
    outbox.clear()
    _decide(coordinator, nomination, "yes", committed=committed)
    nomination.enrolment.refresh_from_db()
    assert nomination.enrolment.status == EnrolmentStatus.ADMITTED
    assert FeeLine.objects.filter(enrolment=nomination.enrolment).exists()
    assert sorted(m.to[0] for m in outbox) == sorted(["nina@habo.se", world.manager.email])


def test_a_no_keeps_its_reason_internal_and_mails_only_the_message(
    world, client_for, outbox, committed
) -> None:
    nomination = _nominate(world, client_for, committed)
    nomination.enrolment.cohort.programme.coordinators.add(world.coordinator)
    outbox.clear()
    _decide(
        client_for("coordinator"),
        nomination,
        "no",
        "Saknar erfarenhet av budgetansvar",
        committed=committed,
        message="Välkommen att söka igen nästa år!",
    )
    nomination.enrolment.refresh_from_db()
    assert nomination.enrolment.status == EnrolmentStatus.DECLINED
    assert nomination.enrolment.status_reason == "Välkommen att söka igen nästa år!"
    assert len(outbox) == 2
    for mail in outbox:
        assert "Välkommen att söka igen nästa år!" in mail.body
        assert "budgetansvar" not in mail.body
        assert all("budgetansvar" not in str(part) for part, _type in mail.alternatives)
    url = reverse("programmes:nomination_detail", args=[nomination.pk])
    # The nominee and the nominating manager read the message, not the internal reason.
    for reader in (nomination.enrolment.person, world.manager):
        client = client_for("anonymous")
        client.force_login(reader)
        page = client.get(url).content.decode()
        assert "Välkommen att söka igen" in page and "budgetansvar" not in page
    assert "budgetansvar" in client_for("coordinator").get(url).content.decode()


def test_a_no_without_a_message_mails_no_reason(world, client_for, outbox, committed) -> None:
    nomination = _nominate(world, client_for, committed)
    nomination.enrolment.cohort.programme.coordinators.add(world.coordinator)
    outbox.clear()
    _decide(client_for("coordinator"), nomination, "no", "Inte i år", committed=committed)
    assert len(outbox) == 2
    assert all("Inte i år" not in m.body for m in outbox)


def test_a_no_without_a_reason_is_refused_and_records_nothing(world, client_for, committed) -> None:
    nomination = _nominate(world, client_for, committed)
    nomination.enrolment.cohort.programme.coordinators.add(world.coordinator)
    response = _decide(client_for("coordinator"), nomination, "no", "")
    assert "Give the reason, for the record" in response.content.decode()
    assert not StageDecision.objects.exists()


def test_the_nominating_manager_sees_but_cannot_decide(world, client_for, committed) -> None:
    nomination = _nominate(world, client_for, committed)
    response = _decide(client_for("manager"), nomination, "yes")
    assert response.status_code == 200
    assert not StageDecision.objects.exists()
    listing = client_for("manager").get(reverse("programmes:my_nominations"))
    assert "Nina Nominerad" in listing.content.decode()


def test_an_outsider_cannot_see_the_nomination(world, client_for, committed) -> None:
    nomination = _nominate(world, client_for, committed)
    url = reverse("programmes:nomination_detail", args=[nomination.pk])
    assert client_for("outsider").get(url).status_code == 404


def test_nominating_without_motivation_changes_nothing(world, client_for) -> None:
    cohort = _talent(world)
    response = client_for("manager").post(
        reverse("programmes:nominate", args=[cohort.pk]), _nomination_form(world, motivation="")
    )
    assert response.status_code == 200
    assert not Enrolment.objects.filter(cohort=cohort).exists()
    assert not User.objects.filter(email="nina@habo.se").exists()


def test_nominating_someone_already_enrolled_says_so(world, client_for, committed) -> None:
    nomination = _nominate(world, client_for, committed)
    response = client_for("manager").post(
        reverse("programmes:nominate", args=[nomination.enrolment.cohort_id]),
        _nomination_form(world),
    )
    assert "has already applied" in response.content.decode()
    assert Nomination.objects.count() == 1


def test_a_programme_without_stages_refuses_nominations(world, client_for) -> None:
    cohort = _talent(world)
    cohort.programme.approval_stages.all().delete()
    response = client_for("manager").post(
        reverse("programmes:nominate", args=[cohort.pk]), _nomination_form(world)
    )
    assert "no approval stages" in response.content.decode()
    assert not Enrolment.objects.filter(cohort=cohort).exists()


def test_coordinator_sets_guidance_and_stages(world, client_for) -> None:
    url = reverse("programmes:nomination_settings", args=[world.programme.pk])
    client_for("coordinator").post(
        url, {"guidance": "Motivera väl.", "stages": "Ledningsgruppen\nKoncernledningen\n"}
    )
    world.programme.refresh_from_db()
    assert world.programme.nomination_guidance == "Motivera väl."
    assert list(world.programme.approval_stages.values_list("name", flat=True)) == [
        "Ledningsgruppen",
        "Koncernledningen",
    ]
    response = client_for("coordinator").post(url, {"guidance": "", "stages": "A\na"})
    assert "listed twice" in response.content.decode()
    assert world.programme.approval_stages.count() == 2


def test_coordinator_edits_the_work_area_list(world, client_for) -> None:
    url = reverse("programmes:work_areas", args=[world.programme.pk])
    client_for("coordinator").post(url, {"names": "Skola\nSocialtjänst\nKultur"})
    assert list(world.programme.work_areas.values_list("name", flat=True)) == [
        "Skola",
        "Socialtjänst",
        "Kultur",
    ]
    client_for("coordinator").post(url, {"names": "Skola\nKultur"})
    assert list(world.programme.work_areas.values_list("name", flat=True)) == ["Skola", "Kultur"]
    response = client_for("coordinator").post(url, {"names": "\n \n"})
    assert response.status_code == 200
    assert world.programme.work_areas.count() == 2


def test_the_nominee_accepts_and_states_gender_and_age_group(world, client_for, committed) -> None:
    nomination = _nominate(world, client_for, committed)
    nominee = nomination.enrolment.person
    client = client_for("anonymous")
    client.force_login(nominee)
    page = client.get(reverse("programmes:my_applications")).content.decode()
    url = reverse("programmes:nomination_accept", args=[nomination.pk])
    assert url in page
    form_page = client.get(url).content.decode()
    assert "Used only in statistics over the whole group" in form_page
    response = client.post(url, {"gender": "woman", "age_group": "30-39"})
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.accepted_at is not None
    assert Enrolment.objects.get(pk=nomination.enrolment_id).age_group == "30-39"
    assert User.objects.get(pk=nominee.pk).gender == "woman"
    assert url not in client.get(reverse("programmes:my_applications")).content.decode()


def test_a_bad_answer_on_accepting_is_refused_and_changes_nothing(
    world, client_for, committed
) -> None:
    nomination = _nominate(world, client_for, committed)
    client = client_for("anonymous")
    client.force_login(nomination.enrolment.person)
    url = reverse("programmes:nomination_accept", args=[nomination.pk])
    response = client.post(url, {"gender": "robot", "age_group": ""})
    assert "gender" in response.context["form"].errors
    nomination.refresh_from_db()
    assert nomination.accepted_at is None
    assert client_for("manager").get(url).status_code == 404


def test_the_nomination_form_follows_who_the_programmes_adepts_are(world, client_for) -> None:
    from programmes.models import ParticipantKind

    cohort = _talent(world)
    programme = cohort.programme
    programme.adept_kind = ParticipantKind.EMPLOYEE
    programme.save()
    form = (
        client_for("manager").get(reverse("programmes:nominate", args=[cohort.pk])).context["form"]
    )
    assert "years_as_manager" not in form.fields
    assert "school" not in form.fields
    assert form.fields["work_area"].required
    programme.adept_kind = ParticipantKind.STUDENT
    programme.save()
    form = (
        client_for("manager").get(reverse("programmes:nominate", args=[cohort.pk])).context["form"]
    )
    assert {"school", "department", "title", "years_as_manager"} & set(form.fields) == {"school"}
    response = client_for("manager").post(
        reverse("programmes:nominate", args=[cohort.pk]),
        _nomination_form(world, school=""),
    )
    assert "school" in response.context["form"].errors
    assert not Nomination.objects.exists()

"""A signed-in person applies while the window is open, sees the application and withdraws it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from programmes.models import AdmissionRule, ConsentRequest, Enrolment, EnrolmentStatus, Role
from programmes.services.enrolment import enrolment_apply
from tests.factories import EnrolmentFactory, MembershipFactory
from tests.world import World

from .factories_enrolment import (
    ConsentRequestFactory,
    WorkAreaFactory,
    committed,
    english,
    open_cohort,
)

__all__ = ["committed", "english"]

pytestmark = pytest.mark.django_db


def _cohort(world: World, *, rule: str = AdmissionRule.OPEN, places: int = 40):
    cohort = open_cohort(rule=rule, places=places, name="Egen karriär 2027")
    MembershipFactory(programme=cohort.programme, municipality=world.municipality_a)
    WorkAreaFactory(programme=cohort.programme, name="Socialtjänst")
    WorkAreaFactory(programme=cohort.programme, name="Skola")
    return cohort


def _form(world: World, **changes: object) -> dict[str, object]:
    data = {
        "role": Role.ADEPT,
        "municipality": world.municipality_a.pk,
        "department": "Socialförvaltningen",
        "title": "Enhetschef",
        "work_area": "Socialtjänst",
        "years_as_manager": 3,
        "development": "Leda i förändring",
        "wished_work_area": "Skola",
        "meeting_preference": "in_person",
        "languages": "svenska, engelska",
        "mentor_capacity": 1,
        "manager_name": "Maja Närmastechef",
        "manager_email": "maja.chef@habo.se",
    }
    data.update(changes)
    return data


def test_outsider_applies_and_manager_is_asked_for_consent(
    world, client_for, outbox, committed
) -> None:
    cohort = _cohort(world)
    response = committed(
        client_for("outsider").post, reverse("programmes:apply", args=[cohort.pk]), _form(world)
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(person=world.outsider, cohort=cohort)
    assert enrolment.status == EnrolmentStatus.APPLIED
    assert enrolment.work_area == "Socialtjänst"
    assert enrolment.wished_work_area == "Skola"
    assert enrolment.completed_at is None
    assert enrolment.consent.manager_email == "maja.chef@habo.se"
    recipients = sorted(message.to[0] for message in outbox)
    assert recipients == sorted([world.outsider.email, "maja.chef@habo.se"])
    manager_mail = next(m for m in outbox if m.to == ["maja.chef@habo.se"])
    assert "/consent/" in manager_mail.body
    assert "Olle Utomstående" in manager_mail.subject


def test_the_work_area_list_is_the_programmes_own(world, client_for) -> None:
    cohort = _cohort(world)
    page = client_for("outsider").get(reverse("programmes:apply", args=[cohort.pk]))
    assert "Socialtjänst" in page.content.decode()
    response = client_for("outsider").post(
        reverse("programmes:apply", args=[cohort.pk]), _form(world, work_area="Räddningstjänst")
    )
    assert response.status_code == 200
    assert not Enrolment.objects.filter(cohort=cohort).exists()


def test_outside_the_window_the_form_is_closed_with_a_message(world, client_for) -> None:
    cohort = _cohort(world)
    cohort.applications_open_on = timezone.localdate() - datetime.timedelta(days=20)
    cohort.applications_close_on = timezone.localdate() - datetime.timedelta(days=1)
    cohort.save()
    client = client_for("outsider")
    page = client.get(reverse("programmes:apply", args=[cohort.pk]))
    assert "Applications are closed" in page.content.decode()
    assert "<form" not in page.content.decode().split("<main", 1)[-1]
    client.post(reverse("programmes:apply", args=[cohort.pk]), _form(world))
    assert not Enrolment.objects.filter(cohort=cohort).exists()


def test_application_after_the_window_is_refused_by_the_service(world) -> None:
    cohort = _cohort(world)
    cohort.applications_close_on = timezone.localdate() - datetime.timedelta(days=1)
    cohort.applications_open_on = cohort.applications_close_on - datetime.timedelta(days=5)
    cohort.save()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="closed"):
        enrolment_apply(
            person=world.outsider,
            cohort=cohort,
            role=Role.ADEPT,
            municipality=world.municipality_a,
            manager_name="M",
            manager_email="m@example.se",
        )
    assert not Enrolment.objects.filter(cohort=cohort).exists()


def test_applying_twice_in_the_same_role_says_so_and_changes_nothing(world, client_for) -> None:
    cohort = _cohort(world)
    client = client_for("outsider")
    client.post(reverse("programmes:apply", args=[cohort.pk]), _form(world))
    response = client.post(
        reverse("programmes:apply", args=[cohort.pk]), _form(world, title="Förändrad")
    )
    assert "has already applied" in response.content.decode()
    assert Enrolment.objects.filter(cohort=cohort).count() == 1
    assert ConsentRequest.objects.filter(enrolment__cohort=cohort).count() == 1
    assert Enrolment.objects.get(cohort=cohort).title == "Enhetschef"


def test_a_full_selection_cohort_refuses_applications(world, client_for) -> None:
    cohort = _cohort(world, rule=AdmissionRule.SELECTION, places=1)
    EnrolmentFactory(cohort=cohort, role=Role.ADEPT, status=EnrolmentStatus.ADMITTED)
    response = client_for("outsider").post(
        reverse("programmes:apply", args=[cohort.pk]), _form(world)
    )
    assert "All places for adept" in response.content.decode()
    assert not Enrolment.objects.filter(cohort=cohort, person=world.outsider).exists()


def test_an_open_cohort_takes_applications_when_full_for_the_waiting_list(
    world, client_for
) -> None:
    cohort = _cohort(world, rule=AdmissionRule.OPEN, places=1)
    EnrolmentFactory(cohort=cohort, role=Role.ADEPT, status=EnrolmentStatus.ADMITTED)
    client_for("outsider").post(reverse("programmes:apply", args=[cohort.pk]), _form(world))
    assert Enrolment.objects.filter(cohort=cohort, person=world.outsider).exists()


def test_own_address_as_manager_is_refused(world, client_for) -> None:
    cohort = _cohort(world)
    response = client_for("outsider").post(
        reverse("programmes:apply", args=[cohort.pk]),
        _form(world, manager_email=world.outsider.email),
    )
    assert "not your own" in response.content.decode()
    assert not Enrolment.objects.filter(cohort=cohort).exists()


def test_nomination_programme_points_applicants_to_the_manager(world, client_for) -> None:
    cohort = _cohort(world, rule=AdmissionRule.NOMINATION)
    page = client_for("outsider").get(reverse("programmes:apply", args=[cohort.pk]))
    assert "takes nominations from the nearest manager" in page.content.decode()


def test_applicant_sees_and_withdraws_the_application(world, client_for) -> None:
    cohort = _cohort(world)
    client = client_for("outsider")
    client.post(reverse("programmes:apply", args=[cohort.pk]), _form(world))
    enrolment = Enrolment.objects.get(cohort=cohort, person=world.outsider)
    page = client.get(reverse("programmes:my_applications")).content.decode()
    assert "Egen karriär 2027" in page
    assert "Maja Närmastechef" in page
    client.post(reverse("programmes:application_withdraw", args=[enrolment.pk]))
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.WITHDRAWN
    page = client.get(reverse("programmes:my_applications")).content.decode()
    assert "Withdrawn" in page


def test_withdrawing_twice_says_it_is_already_withdrawn(world, client_for) -> None:
    cohort = _cohort(world)
    client = client_for("outsider")
    client.post(reverse("programmes:apply", args=[cohort.pk]), _form(world))
    enrolment = Enrolment.objects.get(cohort=cohort, person=world.outsider)
    url = reverse("programmes:application_withdraw", args=[enrolment.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert "already withdrawn" in response.content.decode()


def test_someone_elses_application_cannot_be_withdrawn(world, client_for) -> None:
    response = client_for("outsider").post(
        reverse("programmes:application_withdraw", args=[world.adept_enrolment.pk])
    )
    assert response.status_code == 404
    world.adept_enrolment.refresh_from_db()
    assert world.adept_enrolment.status == EnrolmentStatus.ADMITTED


def test_the_application_page_and_emails_are_in_swedish_for_a_swedish_person(
    world, client_for, outbox, committed, monkeypatch
) -> None:
    monkeypatch.undo()  # the module's English fixture off: the person's own language applies
    cohort = _cohort(world)
    page = client_for("outsider").get(reverse("programmes:apply", args=[cohort.pk]))
    assert "Jag söker som" in page.content.decode()
    committed(
        client_for("outsider").post, reverse("programmes:apply", args=[cohort.pk]), _form(world)
    )
    to_applicant = next(m for m in outbox if m.to == [world.outsider.email])
    assert to_applicant.subject.startswith("Vi har tagit emot din ansökan")


def _application_of(person):
    return ConsentRequestFactory(enrolment__person=person).enrolment


def test_my_applications_costs_a_constant_number_of_queries(
    world, client_for, django_assert_max_num_queries
) -> None:
    client = client_for("outsider")
    url = reverse("programmes:my_applications")
    for _n in range(2):
        _application_of(world.outsider)
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for _n in range(6):
        _application_of(world.outsider)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert page.content.decode().count(gettext("not answered yet")) == 8

"""Who takes part is a setting of the programme; the application asks what follows from it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import User
from programmes.models import (
    AdmissionRule,
    ConsentRequest,
    ConsentRule,
    Enrolment,
    EnrolmentStatus,
    ParticipantKind,
    Role,
)
from programmes.profiles import application_profile
from reports.figures import collect_figures
from tests.factories import MembershipFactory, UserFactory
from tests.world import World

from .factories_enrolment import WorkAreaFactory, committed, english, open_cohort

__all__ = ["committed", "english"]

pytestmark = pytest.mark.django_db

REASON = "Used only in statistics over the whole group, never so that a person can be singled out."


def _programme_cohort(world: World, *, adepts: str, mentors: str, name: str):  # type: ignore[no-untyped-def]
    cohort = open_cohort(rule=AdmissionRule.OPEN, name=name)
    programme = cohort.programme
    programme.adept_kind = adepts
    programme.mentor_kind = mentors
    programme.save()
    MembershipFactory(programme=programme, municipality=world.municipality_a)
    return cohort


def _students(world: World):  # type: ignore[no-untyped-def]
    """Norrköping's shape: students as adepts, department heads as mentors; no work areas."""
    return _programme_cohort(
        world, adepts=ParticipantKind.STUDENT, mentors=ParticipantKind.MANAGER, name="Elever 2027"
    )


def _student_form(world: World, **changes: object) -> dict[str, object]:
    data = {
        "role": Role.ADEPT,
        "municipality": world.municipality_a.pk,
        "school": "De Geergymnasiet, samhällsprogrammet",
        "wants_from_mentor": "Se hur en chef i kommunen arbetar",
        "meeting_preference": "in_person",
        "languages": "svenska, arabiska",
        "gender": "woman",
        "age_group": "0-29",
    }
    data.update(changes)
    return data


def _apply_url(cohort, role: str = "") -> str:  # type: ignore[no-untyped-def]
    url = reverse("programmes:apply", args=[cohort.pk])
    return f"{url}?role={role}" if role else url


def test_a_student_programme_lets_the_applicant_choose_a_role_first(world, client_for) -> None:
    cohort = _students(world)
    html = client_for("outsider").get(_apply_url(cohort)).content.decode()
    assert "Apply as adept (student or young person)" in html
    assert "Apply as mentor (manager)" in html
    assert 'name="school"' not in html


def test_a_students_form_asks_the_seeds_questions_and_nothing_about_managing(
    world, client_for
) -> None:
    cohort = _students(world)
    html = client_for("outsider").get(_apply_url(cohort, Role.ADEPT)).content.decode()
    for asked in ("school", "wants_from_mentor", "languages", "age_group", "gender"):
        assert f'name="{asked}"' in html, asked
    for not_asked in ("department", "title", "years_as_manager", "manager_email", "work_area"):
        assert f'name="{not_asked}"' not in html, not_asked
    assert REASON in html


def test_a_student_applies_with_only_the_student_fields_and_no_consent(
    world, client_for, outbox, committed
) -> None:
    cohort = _students(world)
    response = committed(
        client_for("outsider").post, _apply_url(cohort, Role.ADEPT), _student_form(world)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    enrolment = Enrolment.objects.get(person=world.outsider, cohort=cohort)
    assert enrolment.school == "De Geergymnasiet, samhällsprogrammet"
    assert enrolment.wants_from_mentor == "Se hur en chef i kommunen arbetar"
    assert (enrolment.department, enrolment.title, enrolment.work_area) == ("", "", "")
    assert not ConsentRequest.objects.filter(enrolment=enrolment).exists()
    # Nobody has to agree: the application is complete and, first come, admitted.
    assert enrolment.completed_at is not None
    assert enrolment.status == EnrolmentStatus.ADMITTED
    assert enrolment.age_group == "0-29"
    assert User.objects.get(pk=world.outsider.pk).gender == "woman"
    assert [m.to[0] for m in outbox] == [world.outsider.email] * len(outbox)


def test_a_student_without_a_school_is_told_and_nothing_is_saved(world, client_for) -> None:
    cohort = _students(world)
    response = client_for("outsider").post(
        _apply_url(cohort, Role.ADEPT), _student_form(world, school="")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["school"] == ["This field is required."]
    assert not Enrolment.objects.filter(cohort=cohort).exists()


def test_the_service_refuses_a_missing_required_answer_whatever_the_form(world) -> None:
    from django.core.exceptions import ValidationError

    from programmes.services.enrolment import enrolment_apply

    cohort = _students(world)
    with pytest.raises(ValidationError) as raised:
        enrolment_apply(
            person=world.outsider,
            cohort=cohort,
            role=Role.ADEPT,
            municipality=world.municipality_a,
            wants_from_mentor="Råd",
        )
    assert set(raised.value.message_dict) == {"school"}
    assert not Enrolment.objects.filter(cohort=cohort).exists()


def test_an_unknown_gender_is_refused_with_a_message_and_changes_nothing(world, client_for) -> None:
    cohort = _students(world)
    response = client_for("outsider").post(
        _apply_url(cohort, Role.ADEPT), _student_form(world, gender="robot")
    )
    assert "robot is not one of the available choices" in str(response.context["form"].errors)
    assert not Enrolment.objects.filter(cohort=cohort).exists()
    assert User.objects.get(pk=world.outsider.pk).gender == ""


def test_the_questions_and_the_refusal_speak_swedish_to_a_swedish_person(
    world, client_for, monkeypatch
) -> None:
    monkeypatch.undo()  # the module's English fixture off: the person's own language applies
    cohort = _students(world)
    client = client_for("outsider")
    html = client.get(_apply_url(cohort, Role.ADEPT)).content.decode()
    assert "Används bara i statistik över hela gruppen" in html
    assert "Skola eller program" in html
    response = client.post(_apply_url(cohort, Role.ADEPT), _student_form(world, age_group="100-"))
    assert "Välj ett giltigt alternativ" in str(response.context["form"].errors)
    assert not Enrolment.objects.filter(cohort=cohort).exists()


def _employees(world: World):  # type: ignore[no-untyped-def]
    """Egen karriär: employees, not managers, apply with their manager's agreement."""
    cohort = _programme_cohort(
        world,
        adepts=ParticipantKind.EMPLOYEE,
        mentors=ParticipantKind.EMPLOYEE,
        name="Egen karriär 2027",
    )
    WorkAreaFactory(programme=cohort.programme, name="Äldreomsorg")
    return cohort


def test_an_employee_applies_without_years_as_manager_and_the_manager_is_asked(
    world, client_for, committed
) -> None:
    cohort = _employees(world)
    client = client_for("outsider")
    html = client.get(_apply_url(cohort)).content.decode()
    assert 'name="years_as_manager"' not in html
    assert 'name="manager_email"' in html
    response = committed(
        client.post,
        _apply_url(cohort),
        {
            "role": Role.ADEPT,
            "municipality": world.municipality_a.pk,
            "department": "Vård och omsorg",
            "title": "Undersköterska",
            "work_area": "Äldreomsorg",
            "meeting_preference": "either",
            "manager_name": "Maja Närmastechef",
            "manager_email": "maja.chef@habo.se",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    enrolment = Enrolment.objects.get(person=world.outsider, cohort=cohort)
    assert enrolment.title == "Undersköterska"
    assert enrolment.years_as_manager == 0
    assert enrolment.status == EnrolmentStatus.APPLIED
    assert enrolment.consent.manager_email == "maja.chef@habo.se"
    assert enrolment.completed_at is None


def test_the_consent_rule_can_be_set_against_the_kind(world) -> None:
    cohort = _students(world)
    programme = cohort.programme
    assert not application_profile(programme, Role.ADEPT).needs_consent
    assert application_profile(programme, Role.MENTOR).needs_consent
    programme.manager_consent = ConsentRule.NEVER
    assert not application_profile(programme, Role.MENTOR).needs_consent
    programme.manager_consent = ConsentRule.ALWAYS
    assert application_profile(programme, Role.ADEPT).needs_consent


def test_the_consortiums_application_asks_what_it_always_asked(world, client_for) -> None:
    cohort = open_cohort(rule=AdmissionRule.SELECTION, name="Mentorprogrammet 2027")
    MembershipFactory(programme=cohort.programme, municipality=world.municipality_a)
    WorkAreaFactory(programme=cohort.programme, name="Skola")
    form = client_for("outsider").get(_apply_url(cohort)).context["form"]
    assert list(form.fields) == [
        "role",
        "municipality",
        "department",
        "title",
        "work_area",
        "years_as_manager",
        "development",
        "wished_work_area",
        "meeting_preference",
        "languages",
        "mentor_capacity",
        "manager_name",
        "manager_email",
        "gender",
        "age_group",
    ]
    required = {name for name, field in form.fields.items() if field.required}
    assert required == {
        "role",
        "municipality",
        "department",
        "title",
        "work_area",
        "years_as_manager",
        "meeting_preference",
        "manager_name",
        "manager_email",
    }


def test_the_coordinator_sets_who_takes_part_on_the_programme_form(world, client_for) -> None:
    from tests.programmes.test_core_pages import programme_data

    client = client_for("coordinator")
    response = client.post(
        reverse("programmes:programme_edit", args=[world.programme.pk]),
        programme_data(
            adept_kind="student",
            mentor_kind="manager",
            manager_consent="by_kind",
            asks_languages="on",
            coordinators=world.coordinator.email,
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    world.programme.refresh_from_db()
    assert (world.programme.adept_kind, world.programme.mentor_kind) == ("student", "manager")
    assert not world.programme.asks_work_area
    page = client.get(reverse("programmes:programme_detail", args=[world.programme.pk]))
    assert "Adepts: student or young person. Mentors: manager." in page.content.decode()


def test_stated_gender_and_age_group_reach_the_reports_tables(world, client_for) -> None:
    cohort = _students(world)
    for n in range(5):
        person = UserFactory(full_name=f"Elev {n}")
        client = client_for("anonymous")
        client.force_login(person)
        client.post(_apply_url(cohort, Role.ADEPT), _student_form(world, gender="woman"))
    assert Enrolment.objects.filter(cohort=cohort).count() == 5
    figures = collect_figures(cohort=cohort)
    gender = {row[0]: row[1] for row in figures.table("gender").rows}
    ages = {row[0]: row[1] for row in figures.table("age").rows}
    assert gender["Woman"] == 5
    assert ages["–29"] == 5
    assert ages["Not stated"] in (0, "<5")

"""New programme from a template: the five shapes of the seeds pre-fill the programme form."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from programmes.models import (
    AdmissionRule,
    CohortFormat,
    ConsentRule,
    ParticipantKind,
    Programme,
    ProgrammeKind,
)
from programmes.profiles import application_profile
from programmes.shapes import SHAPES, first_cohort_initial, shape_for

from .factories_running import in_english

pytestmark = pytest.mark.usefixtures("in_english")
__all__ = ["in_english"]

CREATE = reverse("programmes:programme_create")


def _post_data(form: forms.BaseForm, **changes: Any) -> dict[str, Any]:
    """What a browser posts for the form as it is shown, with ``changes`` typed in."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = changes.get(name, form[name].value())
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        elif value is None:
            if not getattr(field.widget, "allow_multiple_selected", False):
                data[name] = ""
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = str(value)
    return data


def _create_from(client: Client, key: str, name: str, **changes: Any) -> Programme:
    page = client.get(CREATE, {"shape": key})
    assert page.status_code == 200
    response = client.post(CREATE, _post_data(page.context["form"], name=name, **changes))
    assert response.status_code == 302, response.context["form"].errors
    return Programme.objects.get(name=name)


def test_the_picker_offers_the_five_templates_and_a_blank_start(coordinator_client) -> None:
    page = coordinator_client.get(CREATE).content.decode()
    for shape in SHAPES:
        assert f'value="{shape.key}"' in page
        assert str(shape.name) in page
        assert str(shape.summary)[:40] in page
    assert 'value="blank"' in page
    assert page.count('type="radio"') == len(SHAPES) + 1
    # The picker is a form of its own: choosing asks the server for the pre-filled form.
    assert 'method="get"' in page


def test_an_unknown_template_shows_the_picker_again_with_a_message(coordinator_client) -> None:
    page = coordinator_client.get(CREATE, {"shape": "nonsense"})
    assert "Choose a template or start blank." in page.content.decode()
    assert "form" not in page.context


def test_blank_start_shows_the_usual_defaults(coordinator_client) -> None:
    form = coordinator_client.get(CREATE, {"shape": "blank"}).context["form"]
    assert form["kind"].value() == ProgrammeKind.MENTOR
    assert form["cohort_format"].value() == CohortFormat.PAIRS
    assert not form["approval_stages"].value()


def test_consortium_template_has_mentors_from_another_municipality_and_the_fee(
    coordinator_client,
) -> None:
    programme = _create_from(coordinator_client, "consortium_pairs", "Mentorprogram Uppland")
    assert programme.kind == ProgrammeKind.MENTOR
    assert programme.mentor_from_other_municipality is True
    assert programme.fee_sek == programme.mentor_fee_sek == Decimal("9800")
    assert programme.fee_includes == "The leader profile used for matching"
    assert programme.adept_kind == programme.mentor_kind == ParticipantKind.MANAGER
    assert programme.cohort_format == CohortFormat.PAIRS
    assert programme.asks_work_area is True
    # A list to pick from, so the application can ask the work area at once.
    assert programme.work_areas.count() == len(shape_for("consortium_pairs").work_areas)
    assert not programme.approval_stages.exists()


def test_nominated_talent_template_is_nominated_with_two_approval_stages(
    coordinator_client,
) -> None:
    programme = _create_from(coordinator_client, "nominated_talent", "Ledartalang 2027")
    assert programme.kind == ProgrammeKind.TALENT
    assert programme.admission_rule == AdmissionRule.NOMINATION
    assert list(programme.approval_stages.order_by("position").values_list("name", flat=True)) == [
        "The administration's management group",
        "The municipal group's executive management",
    ]
    assert "motivation" in programme.nomination_guidance
    assert programme.adept_kind == ParticipantKind.EMPLOYEE
    assert programme.mentor_from_other_municipality is False
    assert programme.fee_sek == Decimal("0")
    assert programme.planned_meetings == 6
    assert programme.cohort_format == CohortFormat.SESSIONS


def test_open_career_template_is_first_come_with_the_managers_agreement(
    coordinator_client,
) -> None:
    programme = _create_from(coordinator_client, "open_career", "Egen karriär")
    assert programme.kind == ProgrammeKind.CAREER
    assert programme.admission_rule == AdmissionRule.OPEN
    assert programme.manager_consent == ConsentRule.ALWAYS
    assert programme.adept_kind == ParticipantKind.EMPLOYEE
    assert programme.planned_meetings == 3
    assert programme.cohort_format == CohortFormat.SESSIONS


def test_student_template_asks_students_no_consent_and_no_work_area(coordinator_client) -> None:
    programme = _create_from(coordinator_client, "student_mentoring", "Mentor för gymnasieelever")
    assert programme.kind == ProgrammeKind.YOUTH
    assert programme.adept_kind == ParticipantKind.STUDENT
    assert programme.mentor_kind == ParticipantKind.MANAGER
    assert programme.manager_consent == ConsentRule.NEVER
    assert programme.asks_work_area is False
    assert programme.mentor_from_other_municipality is False
    adept = application_profile(programme, "adept")
    assert not adept.needs_consent
    assert adept.asks("school") and adept.asks("wants_from_mentor")
    assert not adept.asks("work_area")


def test_leadership_template_runs_sessions_for_managers(coordinator_client) -> None:
    programme = _create_from(
        coordinator_client, "leadership_sessions", "Det personliga ledarskapet"
    )
    assert programme.kind == ProgrammeKind.LEADERSHIP
    assert programme.adept_kind == ParticipantKind.MANAGER
    assert programme.cohort_format == CohortFormat.SESSIONS
    assert programme.planned_meetings == 8


def test_the_coordinator_changes_the_template_before_saving(coordinator_client) -> None:
    programme = _create_from(
        coordinator_client,
        "nominated_talent",
        "Talangprogrammet",
        fee_sek="1500",
        approval_stages="Förvaltningsledningen",
        admission_rule=AdmissionRule.SELECTION,
    )
    assert programme.fee_sek == Decimal("1500")
    assert programme.admission_rule == AdmissionRule.SELECTION
    assert list(programme.approval_stages.values_list("name", flat=True)) == [
        "Förvaltningsledningen"
    ]


def test_a_template_programme_is_audited_and_leads_to_its_first_cohort(
    world, coordinator_client
) -> None:
    page = coordinator_client.get(CREATE, {"shape": "open_career"})
    response = coordinator_client.post(CREATE, _post_data(page.context["form"], name="Karriär"))
    programme = Programme.objects.get(name="Karriär")
    assert world.coordinator in programme.coordinators.all()
    event = AuditEvent.objects.get(action="programme.create", target_id=str(programme.pk))
    assert event.actor == world.coordinator
    assert event.summary == "Open career programme"
    cohort_url = reverse("programmes:cohort_create", kwargs={"programme_pk": programme.pk})
    assert response["Location"] == f"{cohort_url}?shape=open_career"
    form = coordinator_client.get(response["Location"]).context["form"]
    assert form["format"].value() == CohortFormat.SESSIONS
    assert form["adept_places"].value() == 40
    assert form["mentor_places"].value() == 0


def test_a_bad_list_entry_saves_nothing(coordinator_client) -> None:
    page = coordinator_client.get(CREATE, {"shape": "consortium_pairs"})
    data = _post_data(page.context["form"], name="Dubbel", work_areas="Skola\nskola")
    response = coordinator_client.post(CREATE, data)
    assert response.status_code == 200
    assert "listed twice" in response.content.decode()
    assert not Programme.objects.filter(name="Dubbel").exists()


def test_first_cohort_suggestion_runs_as_long_as_the_shape() -> None:
    initial = first_cohort_initial(shape_for("open_career"), today=datetime.date(2026, 11, 20))
    assert initial["starts_on"] == datetime.date(2026, 12, 1)
    assert initial["ends_on"] == datetime.date(2027, 2, 28)
    assert initial["name"] == "2026/27"
    yearly = first_cohort_initial(shape_for("consortium_pairs"), today=datetime.date(2026, 7, 3))
    assert (yearly["starts_on"], yearly["ends_on"]) == (
        datetime.date(2026, 8, 1),
        datetime.date(2027, 7, 31),
    )


def test_the_cohort_form_starts_from_the_programmes_format(world, coordinator_client) -> None:
    Programme.objects.filter(pk=world.programme.pk).update(cohort_format=CohortFormat.GROUPS)
    url = reverse("programmes:cohort_create", kwargs={"programme_pk": world.programme.pk})
    page = coordinator_client.get(url)
    assert page.context["form"]["format"].value() == CohortFormat.GROUPS
    assert "Only for group mentoring" in page.content.decode()
    data = _post_data(
        page.context["form"],
        name="Grupper 2027",
        starts_on="2027-09-01",
        ends_on="2028-06-30",
        group_size="5",
    )
    assert coordinator_client.post(url, data).status_code == 302
    cohort = world.programme.cohorts.get(name="Grupper 2027")
    assert (cohort.format, cohort.group_size) == (CohortFormat.GROUPS, 5)


def test_a_group_of_one_is_refused(world, coordinator_client) -> None:
    url = reverse("programmes:cohort_edit", kwargs={"pk": world.cohort.pk})
    data = _post_data(coordinator_client.get(url).context["form"], group_size="1")
    response = coordinator_client.post(url, data)
    assert response.status_code == 200
    world.cohort.refresh_from_db()
    assert world.cohort.group_size == 4


def test_the_programme_form_sets_how_new_cohorts_run(world, coordinator_client) -> None:
    url = reverse("programmes:programme_edit", kwargs={"pk": world.programme.pk})
    data = _post_data(coordinator_client.get(url).context["form"], cohort_format="sessions")
    data["coordinators"] = world.coordinator.email
    assert coordinator_client.post(url, data).status_code == 302
    world.programme.refresh_from_db()
    assert world.programme.cohort_format == CohortFormat.SESSIONS


@pytest.mark.parametrize("role", ["adept", "contact_a", "outsider"])
def test_people_who_run_no_programme_get_403(client_for, role) -> None:
    assert client_for(role).get(CREATE, {"shape": "consortium_pairs"}).status_code == 403
    assert client_for(role).post(CREATE, {"name": "X", "shape": "open_career"}).status_code == 403
    assert not Programme.objects.filter(name="X").exists()


def test_every_template_is_valid_as_it_stands() -> None:
    for shape in SHAPES:
        values = {
            k: v
            for k, v in shape.initial().items()
            if k in {f.name for f in Programme._meta.fields}
        }
        Programme(name=str(shape.name), **values).full_clean()


def test_a_direct_link_to_a_template_prefills_the_form(coordinator_client) -> None:
    url = reverse("programmes:programme_create_from", kwargs={"shape_key": "student_mentoring"})
    form = coordinator_client.get(url).context["form"]
    assert form["adept_kind"].value() == ParticipantKind.STUDENT
    assert form["shape"].value() == "student_mentoring"

"""The import follows the programme's questions and takes gender and age group, all or nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from programmes.imports import ParsedRow, check_row
from programmes.models import Enrolment, ImportBatch, ParticipantKind, Role
from programmes.profiles import application_profile
from tests.world import World

from .factories_enrolment import committed, english

__all__ = ["committed", "english"]

pytestmark = pytest.mark.django_db

HEADER = "Namn;E-post;Kommun;Skola;År som chef;Kön;Födelseår;Åldersgrupp"


def _student_programme(world: World) -> None:
    world.programme.adept_kind = ParticipantKind.STUDENT
    world.programme.save()


def _upload(client, world: World, *lines: str):  # type: ignore[no-untyped-def]
    content = "\r\n".join([HEADER, *lines]).encode("utf-8-sig")
    response = client.post(
        reverse("programmes:import_upload", args=[world.cohort.pk]),
        {"role": Role.ADEPT, "file": SimpleUploadedFile("elever.csv", content)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = ImportBatch.objects.latest("pk")
    return client.get(response["Location"]).content.decode(), batch


def test_students_are_imported_with_school_gender_and_age_group(
    world, client_for, committed
) -> None:
    _student_programme(world)
    coordinator = client_for("coordinator")
    born = world.cohort.starts_on.year - 17
    _page, batch = _upload(
        coordinator,
        world,
        f"Sara Said;sara@skola.se;Håbo;De Geer, NA;;Kvinna;{born};",
        "Ali Omar;ali@skola.se;Håbo;De Geer, SA;7;man;;–29",
        "Kim Berg;kim@skola.se;Håbo;Hagagymnasiet;;;;",
    )
    assert all(not row["problems"] for row in batch.rows), batch.rows
    committed(coordinator.post, reverse("programmes:import_preview", args=[batch.pk]))
    imported = {
        e.person.email: e
        for e in Enrolment.objects.filter(cohort=world.cohort, role=Role.ADEPT).select_related(
            "person"
        )
        if e.person.email.endswith("@skola.se")
    }
    assert imported["sara@skola.se"].school == "De Geer, NA"
    assert imported["sara@skola.se"].age_group == "0-29"
    assert imported["sara@skola.se"].person.gender == "woman"
    # Only the age group is kept; the year of birth was used to find it.
    assert imported["sara@skola.se"].person.birth_year is None
    assert imported["ali@skola.se"].person.gender == "man"
    assert imported["ali@skola.se"].age_group == "0-29"
    # The programme does not ask students for years as manager: the column is ignored.
    assert imported["ali@skola.se"].years_as_manager == 0
    assert (imported["kim@skola.se"].age_group, imported["kim@skola.se"].person.gender) == ("", "")


def test_a_bad_gender_or_age_or_a_missing_school_is_a_row_problem_and_nothing_is_imported(
    world, client_for
) -> None:
    _student_programme(world)
    coordinator = client_for("coordinator")
    page, batch = _upload(
        coordinator,
        world,
        "Sara Said;sara@skola.se;Håbo;De Geer;;Kvinna;;",
        "Ali Omar;ali@skola.se;Håbo;De Geer;;robot;;",
        "Kim Berg;kim@skola.se;Håbo;De Geer;;;;12-15",
        "Bo Ek;bo@skola.se;Håbo;;;;;",
        "Eva Ek;eva@skola.se;Håbo;De Geer;;;1970;–29",
    )
    assert "Row 3, column Gender: Write kvinna, man or annan" in page
    assert "Row 4, column Age group: Write one of the age groups" in page
    assert "Row 5, column School or programme: Missing." in page
    assert "Row 6, column Age group: Does not agree with the year of birth" in page
    response = coordinator.post(reverse("programmes:import_preview", args=[batch.pk]), follow=True)
    assert "Nothing was imported" in response.content.decode()
    assert not User.objects.filter(email__endswith="@skola.se").exists()


def test_a_consortium_list_without_the_new_columns_imports_as_before() -> None:
    row = ParsedRow(
        line=2,
        values={"full_name": "Eva Ek", "email": "eva@habo.se", "municipality": "Håbo"},
    )
    check_row(row, municipalities={"håbo": "Håbo"}, work_areas=[], year=2027)
    assert row.problems == []
    assert (row.values["gender"], row.values["age_group"], row.values["school"]) == ("", "", "")


def test_an_employee_list_ignores_years_as_manager(world) -> None:
    world.programme.adept_kind = ParticipantKind.EMPLOYEE
    profile = application_profile(world.programme, Role.ADEPT)
    row = ParsedRow(
        line=2,
        values={
            "full_name": "Eva Ek",
            "email": "eva@habo.se",
            "municipality": "Håbo",
            "years_as_manager": "tre",
            "gender": "K",
            "birth_year": "1985",
        },
    )
    check_row(row, municipalities={"håbo": "Håbo"}, work_areas=[], profile=profile, year=2027)
    assert row.problems == []
    assert row.values["years_as_manager"] == "0"
    assert (row.values["gender"], row.values["age_group"]) == ("woman", "40-49")


def test_imported_gender_and_year_of_birth_reach_the_reports_tables(
    world, client_for, committed
) -> None:
    from reports.figures import collect_figures

    _student_programme(world)
    coordinator = client_for("coordinator")
    born = world.cohort.starts_on.year - 45
    lines = [f"Elev {n};elev{n}@skola.se;Håbo;De Geer;;kvinna;{born};" for n in range(5)]
    # Five more, so that the hidden "not stated" of the world's people hides these instead.
    lines += [f"Elev {n};elev{n}@skola.se;Håbo;De Geer;;man;;30–39" for n in range(5, 10)]
    _page, batch = _upload(coordinator, world, *lines)
    committed(coordinator.post, reverse("programmes:import_preview", args=[batch.pk]))
    figures = collect_figures(cohort=world.cohort)
    gender = {row[0]: row[1] for row in figures.table("gender").rows}
    ages = {row[0]: row[1] for row in figures.table("age").rows}
    assert gender["Woman"] == 5
    assert ages["40–49"] == 5
    assert gender["Not stated"] == ages["Not stated"] == "<5"

"""The words a Swedish reader meets on the admission pages and the participant import.

Each test renders a page or calls the code in Swedish and reads the text, so a wording that
slips back ("Har ansökt" for a nominee, "1 personer", a field's code name, "-3" called a
formula) fails here.
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from programmes.imports import ParsedRow, check_row
from programmes.models import EnrolmentStatus, ImportBatch, Nomination, Role
from tests.factories import UserFactory
from tests.world import World

from .factories_enrolment import ApplicationFactory, committed

__all__ = ["committed"]

pytestmark = pytest.mark.django_db

HEADER = "Namn;E-post;Kommun;Förvaltning;År som chef"


def _nominee(world: World) -> Nomination:
    enrolment = ApplicationFactory(
        person=UserFactory(full_name="Nina Nominerad"),
        cohort=world.cohort,
        role=Role.ADEPT,
        municipality=world.municipality_a,
    )
    return Nomination.objects.create(
        enrolment=enrolment, nominated_by=world.manager, motivation="Tar ansvar."
    )


def test_a_nominee_reads_as_nominated_and_an_applicant_as_applied(world) -> None:
    nomination = _nominee(world)
    applicant = ApplicationFactory(cohort=world.cohort, municipality=world.municipality_a)
    with translation.override("sv"):
        assert nomination.enrolment.status_label() == "Nominerad"
        assert applicant.status_label() == "Har ansökt"
    with translation.override("en"):
        assert nomination.enrolment.status_label() == "Nominated"
    nomination.enrolment.status = EnrolmentStatus.ADMITTED
    with translation.override("sv"):
        assert nomination.enrolment.status_label() == "Antagen"


def test_the_manager_and_the_coordinator_see_a_nominee_as_nominated(world, client_for) -> None:
    _nominee(world)
    mine = client_for("manager").get(reverse("programmes:my_nominations")).content.decode()
    assert "Nominerad" in mine and "Har ansökt" not in mine
    page = client_for("coordinator").get(
        reverse("programmes:cohort_applications", args=[world.cohort.pk])
    )
    row = _row(page.content.decode(), "Nina Nominerad")
    assert "Nominerad" in row and "Har ansökt" not in row


def test_the_municipality_contact_sees_a_nominee_as_nominated(world, client_for) -> None:
    _nominee(world)
    page = client_for("contact_a").get(
        reverse("reports:municipality_view", args=[world.municipality_a.pk])
    )
    row = _row(page.content.decode(), "Nina Nominerad")
    assert "Nominerad</td>" in row and "Har ansökt" not in row


def _row(page: str, name: str) -> str:
    rows = [row for row in re.findall(r"<tr>.*?</tr>", page, flags=re.S) if name in row]
    assert len(rows) == 1, page
    return rows[0]


def test_admitted_people_have_no_complete_no_beside_them(world, client_for) -> None:
    applicant = ApplicationFactory(
        person=UserFactory(full_name="Anna Ansökt"),
        cohort=world.cohort,
        municipality=world.municipality_a,
        completed_at=None,
    )
    page = (
        client_for("coordinator")
        .get(reverse("programmes:cohort_applications", args=[world.cohort.pk]))
        .content.decode()
    )
    assert "Ansökan komplett</th>" in page and ">Komplett<" not in page
    admitted = _row(page, world.adept.full_name)
    assert "Nej" not in admitted and "Redan beslutad" in admitted
    # Someone still waiting for the manager's consent: the application is not complete.
    assert "Nej" in _row(page, applicant.person.full_name)


def _preview(client, world: World, *lines: str) -> tuple[str, ImportBatch]:
    content = "\r\n".join([HEADER, *lines]).encode("utf-8-sig")
    response = client.post(
        reverse("programmes:import_upload", args=[world.cohort.pk]),
        {"role": Role.MENTOR, "file": SimpleUploadedFile("mentorer.csv", content)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"]).content.decode(), ImportBatch.objects.latest("pk")


def test_the_import_names_a_column_by_its_label_and_calls_minus_three_a_bad_number(
    world, client_for
) -> None:
    page, _batch = _preview(
        client_for("coordinator"),
        world,
        "Åsa Öberg;asa@enkoping.se;Enköping;;-3",
        "Per Ek;per@habo.se;Håbo;-1;2",
    )
    assert "Rad 2, kolumn År som chef: Inget giltigt antal år: ange 0 till 60." in page
    assert "years_as_manager" not in page
    # Text that starts with a minus sign is still a formula in a text column.
    assert "Rad 3, kolumn Förvaltning: Börjar med ”-”" in page
    assert page.count("formel") == 1


def test_a_signed_number_in_a_number_column_is_a_number_not_a_formula() -> None:
    def problems(years: str) -> list[tuple[str, str]]:
        row = ParsedRow(
            line=2,
            values={
                "full_name": "Eva Ek",
                "email": "eva@habo.se",
                "municipality": "Håbo",
                "years_as_manager": years,
            },
        )
        with translation.override("en"):
            check_row(row, municipalities={"håbo": "Håbo"}, work_areas=[])
            return [(problem.label, problem.message) for problem in row.problems]

    assert problems("-3") == [("Years as manager", "Not a valid number of years: give 0 to 60.")]
    assert problems("+3") == []
    formula = problems("=1+2")
    assert ("Years as manager", "Starts with “=”, which a spreadsheet could run as a formula.") in (
        formula
    )


def test_a_missing_column_is_named_by_its_label_in_swedish() -> None:
    from django.core.exceptions import ValidationError

    from programmes.imports import parse_rows

    with translation.override("sv"), pytest.raises(ValidationError) as error:
        parse_rows([["Namn", "Kommun"], ["Eva", "Håbo"]], municipalities={}, work_areas=[])
    assert error.value.messages == ["Första raden ska namnge kolumnerna. Det saknas: E-postadress."]


def test_one_imported_person_is_one_person(world, client_for, committed) -> None:
    client = client_for("coordinator")
    _page, batch = _preview(client, world, "Åsa Öberg;asa@enkoping.se;Enköping;;3")
    response = committed(
        client.post, reverse("programmes:import_preview", args=[batch.pk]), follow=True
    )
    page = response.content.decode()
    assert "1 person har importerats och fått en inbjudan via e-post." in page
    assert "personer" not in page.split("har importerats")[0][-20:]


def test_the_planned_meetings_of_a_programme_count_in_swedish(world, client_for) -> None:
    world.programme.planned_meetings = 1
    world.programme.meeting_minutes = 90
    world.programme.save()
    page = client_for("coordinator").get(
        reverse("programmes:programme_detail", args=[world.programme.pk])
    )
    assert "1 träff på 90 minuter" in page.content.decode()


@pytest.mark.parametrize(
    ("singular", "plural", "one", "many"),
    [
        (
            "%(count)d person was imported and invited by email.",
            "%(count)d people were imported and invited by email.",
            "1 person har importerats och fått en inbjudan via e-post.",
            "2 personer har importerats och fått en inbjudan via e-post.",
        ),
        (
            "Nothing was imported: %(count)d row has problems. Fix the file and upload it again.",
            "Nothing was imported: %(count)d rows have problems. Fix the file and upload it again.",
            "Inget importerades: 1 rad har problem. Rätta filen och ladda upp den igen.",
            "Inget importerades: 2 rader har problem. Rätta filen och ladda upp den igen.",
        ),
        (
            "The message is on its way to %(count)s person.",
            "The message is on its way to %(count)s people.",
            "Meddelandet är på väg till 1 person.",
            "Meddelandet är på väg till 2 personer.",
        ),
        (
            "%(count)s fee line was added for %(cohort)s.",
            "%(count)s fee lines were added for %(cohort)s.",
            "1 avgiftsrad lades till för X.",
            "2 avgiftsrader lades till för X.",
        ),
        (
            "%(count)s person is already registered; the event cannot have fewer places.",
            "%(count)s people are already registered; the event cannot have fewer places.",
            "1 person är redan anmäld, så aktiviteten kan inte ha färre platser.",
            "2 personer är redan anmälda, så aktiviteten kan inte ha färre platser.",
        ),
    ],
)
def test_counted_messages_agree_with_their_count_in_swedish(
    singular: str, plural: str, one: str, many: str
) -> None:
    with translation.override("sv"):
        assert ngettext(singular, plural, 1) % {"count": 1, "cohort": "X"} == one
        assert ngettext(singular, plural, 2) % {"count": 2, "cohort": "X"} == many


def test_too_few_places_counts_people_and_places_in_swedish(world) -> None:
    from programmes.services.enrolment_import import _check_against_database

    world.cohort.mentor_places = 3
    world.cohort.save()
    rows = [
        ParsedRow(line=2, values={"email": f"p{n}@habo.se"}) for n in range(2, 4)
    ]  # two mentors are already admitted: one place left for two people
    with translation.override("sv"):
        problems = _check_against_database(cohort=world.cohort, role=Role.MENTOR, rows=rows)
    assert problems == ["Filen har 2 personer men det finns bara 1 plats kvar för mentor."]


def test_the_youngest_age_group_written_with_a_minus_is_no_formula() -> None:
    def problems(group: str) -> list[tuple[str, str]]:
        row = ParsedRow(
            line=2,
            values={
                "full_name": "Eva Ek",
                "email": "eva@habo.se",
                "municipality": "Håbo",
                "age_group": group,
            },
        )
        with translation.override("en"):
            check_row(row, municipalities={"håbo": "Håbo"}, work_areas=[])
            return [(problem.label, problem.message) for problem in row.problems]

    assert problems("-29") == []
    assert problems("–29") == []
    # Anything else that starts like a formula is still refused.
    assert any("formula" in message for _label, message in problems("-5+5"))

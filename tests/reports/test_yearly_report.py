"""The yearly PDF report: its figures agree with the database, small groups stay hidden."""

from __future__ import annotations

import statistics
from decimal import Decimal

from django.db.models import Sum
from django.utils import translation

from events.models import Event, EventRegistration, RegistrationStatus
from fees.models import FeeLine
from pairs.models import Meeting, MeetingStatus
from reports.figures import collect_figures
from reports.rendering import report_pdf
from reports.templatetags.report_tags import format_cell
from tests.world import World

from .factories import add_pair, build_year
from .pdftext import pdf_text


def en(value: object) -> str:
    with translation.override("en"):
        return format_cell(value)


def _render(world: World, *, language: str = "en", municipality=None) -> str:
    figures = collect_figures(cohort=world.cohort, municipality=municipality)
    return pdf_text(report_pdf(figures, language=language).pdf)


def test_the_pdf_figures_agree_with_the_database(world: World) -> None:
    year = build_year(world)
    text = _render(world)
    held = Meeting.objects.filter(pair__cohort=world.cohort, status=MeetingStatus.HELD).count()
    assert held == year.meetings_held
    assert f"Meetings held {held}" in text
    assert f"Pairs formed {len(year.pairs)}" in text
    per_pair = [7, 5, 3, 7, 1, 0, 6, 4]
    assert f"Median {en(statistics.median(per_pair))}" in text
    digital = round(100 * year.digital_held / year.meetings_held, 1)
    assert f"Share of meetings held digitally {en(digital)} %" in text
    total = FeeLine.objects.filter(basis__cohort=world.cohort).aggregate(s=Sum("amount"))["s"]
    assert total == Decimal("9800") * 16
    assert f"Total 16 {en(total)} 0 {en(total)}" in text
    average = round(sum(year.scale_answers) / len(year.scale_answers), 2)
    assert f"Hur nöjd är du med programmet? Adept 6 {en(average)}" in text
    assert "Average first rating (1–10) 3" in text
    assert "Average last rating (1–10) 7" in text
    assert "Uppstart i Bålsta" in text


def test_the_report_has_a_cover_contents_and_page_numbers(world: World) -> None:
    build_year(world)
    text = _render(world)
    assert "YEARLY REPORT Mentorprogrammet 2026/27" in text
    assert "Consortium: Enköping, Håbo, Knivsta" in text
    assert "Contents" in text
    # The contents list the page of each chapter, and every page after the cover is numbered.
    assert "Participants ...." in text or "Participants . " in text
    assert " / " in text


def test_the_report_is_in_swedish_when_asked(world: World) -> None:
    build_year(world)
    text = _render(world, language="sv")
    assert "ÅRSRAPPORT" in text
    assert "Innehåll" in text


def test_groups_under_five_are_hidden(world: World) -> None:
    build_year(world)
    for _index in range(2):
        add_pair(world, world.municipality_b, world.municipality_c, gender="man")
    figures = collect_figures(cohort=world.cohort)
    gender = {row[0]: row[1] for row in figures.table("gender").rows}
    # Two men are too few; the women are hidden too, or subtraction would reveal the men.
    assert gender["Man"] == "<5"
    assert gender["Woman"] == "<5"
    evaluation = {row[0]: row for row in figures.table("evaluation").rows}
    assert evaluation["Hur nöjd är du med lokalerna?"][2:] == ["<5", "<5"]
    text = pdf_text(report_pdf(figures, language="en").pdf)
    assert "Hur nöjd är du med lokalerna? Adept <5 <5" in text


def test_groups_of_five_or_more_are_shown(world: World) -> None:
    build_year(world)
    for _index in range(5):
        add_pair(world, world.municipality_b, world.municipality_c, gender="man")
    gender = {row[0]: row[1] for row in collect_figures(cohort=world.cohort).table("gender").rows}
    assert gender["Man"] == 5
    assert gender["Woman"] == 6


def test_a_municipality_report_holds_only_that_municipality(world: World) -> None:
    build_year(world)
    text = _render(world, municipality=world.municipality_a)
    assert "The participants from Håbo" in text
    figures = collect_figures(cohort=world.cohort, municipality=world.municipality_a)
    assert [row[0] for row in figures.table("fees").rows] == ["Håbo", "Total"]
    assert [row[0] for row in figures.table("participants").rows] == ["Håbo"]
    assert "Enköping 1" not in text


def test_event_attendance_counts_the_cohorts_participants_only(world: World) -> None:
    year = build_year(world)
    event = Event.objects.get(title="Uppstart i Bålsta")
    # A guest from outside the cohort registers and comes: not one of the cohort's figures.
    EventRegistration.objects.create(
        event=event, person=world.outsider, status=RegistrationStatus.REGISTERED, attended=True
    )
    rows = collect_figures(cohort=world.cohort).table("events").rows
    attended = sum(1 for index in range(len(year.pairs)) if index % 2 == 0)
    assert [row[:4] for row in rows] == [
        ["Uppstart i Bålsta", world.cohort.starts_on, len(year.pairs), attended]
    ]


def test_collecting_the_figures_costs_the_same_queries_for_a_larger_cohort(
    world: World, django_assert_max_num_queries
) -> None:
    build_year(world)
    with django_assert_max_num_queries(20) as small:
        collect_figures(cohort=world.cohort)
    for _index in range(10):
        add_pair(world, world.municipality_a, world.municipality_b, gender="man")
    with django_assert_max_num_queries(len(small.captured_queries)):
        collect_figures(cohort=world.cohort)


def test_the_report_gives_the_matchings_average_and_lowest_score(world: World) -> None:
    from django.utils import timezone

    from matching.models import MatchRun, Proposal

    run = MatchRun.objects.create(cohort=world.cohort, number=1, published_at=timezone.now())
    Proposal.objects.create(
        run=run, adept=world.adept_enrolment, mentor=world.mentor_enrolment, score=82.0
    )
    Proposal.objects.create(
        run=run, adept=world.other_adept_enrolment, mentor=world.other_mentor_enrolment, score=61.0
    )
    text = _render(world)
    assert "Average matching score 71.5" in text
    assert "Lowest matching score 61" in text


def test_the_pdf_is_tagged_for_screen_readers_with_language_and_title(world: World) -> None:
    import io

    from pypdf import PdfReader

    figures = collect_figures(cohort=world.cohort)
    reader = PdfReader(io.BytesIO(report_pdf(figures, language="sv").pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "sv"
    assert reader.metadata.title == "Mentorprogrammet 2026/27: årsrapport"


def test_a_municipality_report_gives_that_municipalitys_response_rate(world: World) -> None:
    build_year(world)
    figures = collect_figures(cohort=world.cohort, municipality=world.municipality_a)
    rates = {row[0]: row[1:] for row in figures.table("response_rates").rows}
    # Håbo: Ada and the six added adepts were asked; the first five of them answered.
    assert rates["Adept"] == [7, 5, round(100 * 5 / 7, 1)]


def test_the_not_stated_group_is_hidden_like_any_other(world: World) -> None:
    build_year(world)
    for _index in range(5):
        add_pair(world, world.municipality_b, world.municipality_c, gender="man")
    gender = {row[0]: row[1] for row in collect_figures(cohort=world.cohort).table("gender").rows}
    # 6 women, 5 men: the 15 others (the mentors, the world's four) did not state a gender.
    assert gender == {"Woman": 6, "Man": 5, "Other description": 0, "Not stated": 15}


def test_the_same_questions_are_followed_over_the_years(world: World) -> None:
    import datetime

    from pairs.models import Answer, Question, QuestionKind, Questionnaire
    from programmes.models import Role
    from tests.factories import CohortFactory

    earlier = CohortFactory(
        programme=world.programme,
        name="2025/26",
        starts_on=world.cohort.starts_on - datetime.timedelta(days=365),
        ends_on=world.cohort.starts_on - datetime.timedelta(days=30),
    )
    for cohort, values in ((earlier, [3, 3, 4, 4, 3]), (world.cohort, [5, 4, 4, 5, 4])):
        question = Question.objects.create(
            questionnaire=Questionnaire.objects.create(cohort=cohort),
            audience=Role.ADEPT,
            kind=QuestionKind.SCALE,
            text="Känner du dig engagerad i ditt uppdrag?",
        )
        for value in values:
            Answer.objects.create(question=question, scale=value)
    rows = collect_figures(cohort=world.cohort).table("engagement").rows
    assert rows == [
        ["Känner du dig engagerad i ditt uppdrag?", "2025/26", 5, 3.4],
        ["Känner du dig engagerad i ditt uppdrag?", "2026/27", 5, 4.4],
    ]


def test_the_funnel_counts_the_managers_consent_only_where_the_programme_asks_for_it(
    world: World,
) -> None:
    from programmes.models import ConsentRule, ParticipantKind

    build_year(world)
    assert "Manager's consent given" in _render(world)

    # Students mentored by managers, nobody's manager asked (Norrköping's programme).
    programme = world.cohort.programme
    programme.adept_kind = ParticipantKind.STUDENT
    programme.manager_consent = ConsentRule.NEVER
    programme.save()
    text = _render(world)
    assert "From application to admission" in text and "Applied" in text
    assert "Manager's consent given" not in text

"""Benchmark of the yearly report: a cohort of 500 pairs, 5,000 meetings, 1,000 evaluation answers.

Prints the queries spent collecting the figures (for 50 and for 500 pairs: they must be equal),
the time to collect and to render the PDF (medians of ``--repeat`` runs), its pages, and the
time against a 50-pair cohort's in the same process. Target: under 10 s in all.

    .venv/bin/python bench/report.py [--pairs 500] [--repeat 3]

Runs against a throw-away in-memory SQLite database; nothing touches the project's data.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

if TYPE_CHECKING:
    from programmes.models import Cohort

MEETINGS_PER_PAIR = 10
QUESTIONS = 5
MUNICIPALITIES = ("Håbo", "Enköping", "Knivsta", "Upplands Väsby", "Östhammar")


def build_cohort(name: str, pairs: int, answers: int) -> Cohort:
    from accounts.models import User
    from events.models import Event, EventKind, EventRegistration
    from fees.models import FeeLine, InvoiceBasis
    from pairs.models import (
        Answer,
        Goal,
        GoalRating,
        Meeting,
        MeetingMode,
        MeetingStatus,
        Pair,
        Question,
        QuestionKind,
        Questionnaire,
        Response,
    )
    from programmes.models import (
        Cohort,
        Enrolment,
        EnrolmentStatus,
        Membership,
        Municipality,
        Programme,
        Role,
    )

    municipalities = [
        Municipality.objects.get_or_create(name=m, defaults={"code": f"{9100 + i}"})[0]
        for i, m in enumerate(MUNICIPALITIES)
    ]
    programme = Programme.objects.create(name=f"Mentorprogrammet {name}", planned_meetings=10)
    for municipality in municipalities:
        Membership.objects.create(
            programme=programme, municipality=municipality, joined_on=datetime.date(2024, 1, 1)
        )
    cohort = Cohort.objects.create(
        programme=programme,
        name=name,
        starts_on=datetime.date(2025, 9, 1),
        ends_on=datetime.date(2026, 6, 30),
    )
    people = User.objects.bulk_create(
        User(
            email=f"{name}-{i}@example.se",
            full_name=f"Person {i}",
            gender=("woman", "man", "other", "")[i % 4],
            birth_year=1965 + i % 35,
        )
        for i in range(pairs * 2)
    )
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(
            person=person,
            cohort=cohort,
            role=Role.ADEPT if i % 2 == 0 else Role.MENTOR,
            status=EnrolmentStatus.ADMITTED,
            municipality=municipalities[i % 5],
        )
        for i, person in enumerate(people)
    )
    pair_objects = Pair.objects.bulk_create(
        Pair(cohort=cohort, adept=enrolments[i], mentor=enrolments[i + 1])
        for i in range(0, len(enrolments), 2)
    )
    start = timezone.make_aware(datetime.datetime(2025, 9, 15, 9))
    Meeting.objects.bulk_create(
        Meeting(
            pair=pair,
            starts_at=start + datetime.timedelta(days=28 * m),
            minutes=90,
            held_minutes=90,
            mode=MeetingMode.DIGITAL if m % 3 == 0 else MeetingMode.IN_PERSON,
            status=MeetingStatus.HELD if (p + m) % 7 else MeetingStatus.CANCELLED,
            notes="Delad anteckning",
        )
        for p, pair in enumerate(pair_objects)
        for m in range(MEETINGS_PER_PAIR)
    )
    goals = Goal.objects.bulk_create(Goal(pair=pair, title="Mål") for pair in pair_objects)
    GoalRating.objects.bulk_create(
        GoalRating(goal=goal, rating=r, rated_on=cohort.starts_on + datetime.timedelta(days=d))
        for g, goal in enumerate(goals)
        for r, d in ((3 + g % 3, 10), (6 + g % 4, 200))
    )
    questionnaire = Questionnaire.objects.create(cohort=cohort)
    questions = Question.objects.bulk_create(
        Question(
            questionnaire=questionnaire,
            audience=Role.ADEPT,
            kind=QuestionKind.SCALE,
            text=f"Fråga {q}",
            position=q,
        )
        for q in range(QUESTIONS)
    )
    respondents = answers // QUESTIONS
    Response.objects.bulk_create(
        Response(
            questionnaire=questionnaire,
            person=enrolments[2 * i].person,
            role=Role.ADEPT,
            municipality=enrolments[2 * i].municipality,
        )
        for i in range(respondents)
    )
    Answer.objects.bulk_create(
        Answer(question=question, scale=1 + (i + q) % 5)
        for i in range(respondents)
        for q, question in enumerate(questions)
    )
    for e in range(4):
        event = Event.objects.create(
            programme=programme,
            cohort=cohort,
            kind=EventKind.SEMINAR,
            title=f"Seminarium {e + 1}",
            starts_at=start + datetime.timedelta(days=60 * e),
            ends_at=start + datetime.timedelta(days=60 * e, hours=3),
            capacity=pairs * 2,
        )
        EventRegistration.objects.bulk_create(
            EventRegistration(event=event, person=person, attended=i % 3 != 0)
            for i, person in enumerate(people[: pairs // 2])
        )
    bases = {
        m.pk: InvoiceBasis.objects.create(cohort=cohort, municipality=m) for m in municipalities
    }
    FeeLine.objects.bulk_create(
        FeeLine(
            basis=bases[e.municipality_id],
            enrolment=e,
            description="Avgift",
            amount=Decimal("9800"),
        )
        for e in enrolments
    )
    return cohort


def measure(cohort: Cohort, language: str) -> dict[str, float]:
    from reports.figures import collect_figures
    from reports.rendering import report_pdf

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        figures = collect_figures(cohort=cohort)
        collected = time.perf_counter() - started
    started = time.perf_counter()
    rendered = report_pdf(figures, language=language)
    render = time.perf_counter() - started
    return {
        "queries": len(queries.captured_queries),
        "collect": collected,
        "render": render,
        "pages": rendered.pages,
        "bytes": len(rendered.pdf),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=500)
    parser.add_argument("--answers", type=int, default=1000)
    parser.add_argument("--language", default="sv")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    connection.settings_dict["TEST"].update({"MIGRATE": False, "NAME": None})
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, keepdb=False)
    started = time.perf_counter()
    small = build_cohort("liten", 50, 100)
    large = build_cohort("stor", args.pairs, args.answers)
    print(f"data built in {time.perf_counter() - started:.1f} s")
    from pairs.models import Answer, Meeting

    meetings = Meeting.objects.filter(pair__cohort=large).count()
    answers = Answer.objects.filter(question__questionnaire__cohort=large).count()
    measure(small, args.language)  # warm-up: fonts, templates
    small_runs = [measure(small, args.language) for _ in range(args.repeat)]
    large_runs = [measure(large, args.language) for _ in range(args.repeat)]

    def median(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(run[key] for run in runs)

    small_total = median(small_runs, "collect") + median(small_runs, "render")
    total = median(large_runs, "collect") + median(large_runs, "render")
    small_figures, large_figures = small_runs[0], large_runs[0]
    print(f"cohort: {args.pairs} pairs, {meetings} meetings, {answers} evaluation answers")
    print(
        f"queries to collect: {small_figures['queries']} (50 pairs), "
        f"{large_figures['queries']} ({args.pairs} pairs)"
    )
    print(f"medians of {args.repeat} runs")
    print(f"collect: {median(large_runs, 'collect'):.2f} s")
    print(f"render:  {median(large_runs, 'render'):.2f} s")
    print(f"pages:   {large_figures['pages']}, {large_figures['bytes'] / 1024:.0f} KiB")
    print(f"total:   {total:.2f} s (target < 10 s): {'OK' if total < 10 else 'TOO SLOW'}")
    print(
        f"50 pairs (baseline): {small_total:.2f} s; {args.pairs} pairs / 50 pairs: "
        f"{total / small_total:.2f}"
    )
    if small_figures["queries"] != large_figures["queries"]:
        print("queries grow with the cohort: FAIL")
        sys.exit(1)


if __name__ == "__main__":
    main()

"""A programme of sessions reports its series and attendance, not pairs or goals; a cohort
with mentors that also meets in sessions reports both."""

from __future__ import annotations

import datetime

from django.utils import timezone

from events.models import Event, EventKind, EventRegistration, RegistrationStatus
from programmes.models import CohortFormat, Role
from reports.figures import collect_figures
from reports.rendering import report_pdf
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory
from tests.world import World

from .pdftext import pdf_text


def _series(cohort, people, *, held: int, coming: int, came: list[int]) -> None:
    now = timezone.now()
    for n in range(held + coming):
        # Weekly: the held ones in the past weeks, the coming ones from next week on.
        starts = now + datetime.timedelta(days=7 * (n - held + (n >= held)))
        session = Event.objects.create(
            programme=cohort.programme,
            cohort=cohort,
            kind=EventKind.SESSION,
            title=f"Träff {n + 1}",
            theme=["Det formella chefsansvaret", "Värderingar", "Dilemman", "Arbetsglädje"][n % 4],
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=3),
            capacity=40,
            audience="cohort",
        )
        for i, person in enumerate(people):
            EventRegistration.objects.create(
                event=session,
                person=person,
                status=RegistrationStatus.REGISTERED,
                attended=n < held and i < came[n],
            )


def test_a_programme_of_sessions_reports_its_series(world: World) -> None:
    cohort = CohortFactory(
        programme=world.programme, name="Det personliga ledarskapet", format=CohortFormat.SESSIONS
    )
    people = [
        EnrolmentFactory(
            cohort=cohort,
            role=Role.ADEPT,
            person=UserFactory(full_name=f"Chef {i}"),
            municipality=world.municipality_a,
        ).person
        for i in range(8)
    ]
    _series(cohort, people, held=2, coming=1, came=[8, 4])
    figures = collect_figures(cohort=cohort, language="en")
    keys = [section.key for section in figures.sections]
    assert "sessions" in keys
    assert not {"pairs", "groups", "goals"} & set(keys)
    facts = dict(next(s for s in figures.sections if s.key == "sessions").facts)
    assert facts["Sessions held"] == "2"
    assert facts["Sessions planned"] == "3"
    assert facts["Participants expected"] == "8"
    assert facts["Mean attendance at a held session"] == "75 %"
    assert facts["Came to at least 75 % of the held sessions"] == "4"
    events = next(s for s in figures.sections if s.key == "events")
    assert all("Träff" not in str(row[0]) for row in events.tables[0].rows)
    text = pdf_text(report_pdf(figures, language="en").pdf)
    assert "Attendance per session" in text and "Värderingar" in text


def test_a_mentored_cohort_with_sessions_reports_pairs_and_sessions(world: World) -> None:
    _series(world.cohort, [world.adept, world.other_adept], held=1, coming=0, came=[2])
    keys = [section.key for section in collect_figures(cohort=world.cohort).sections]
    assert "pairs" in keys and "sessions" in keys and "goals" in keys

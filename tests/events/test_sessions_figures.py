"""The figures of a cohort's programme of sessions, for the report: counts only."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from django.utils import timezone

from events.figures import SessionFigure, cohort_session_figures
from events.models import EventRegistration, RegistrationStatus
from programmes.models import EnrolmentStatus
from tests.factories import EnrolmentFactory


def _present(session, *people) -> None:  # type: ignore[no-untyped-def]
    EventRegistration.objects.filter(event=session, person__in=people).update(attended=True)


@pytest.fixture
def series(world, make_session):  # type: ignore[no-untyped-def]
    """Three held sessions and one to come, for the world's four participants."""
    first = make_session(days=-60, theme="Självledarskap")
    second = make_session(days=-30, theme="Att leda förändring")
    third = make_session(days=-2, theme="Kommunikation")
    fourth = make_session(days=20, theme="Avslutning")
    _present(first, world.adept, world.mentor, world.other_adept, world.other_mentor)
    _present(second, world.adept, world.mentor)
    _present(third, world.adept, world.mentor, world.other_adept)
    return first, second, third, fourth


def test_each_session_is_counted_in_order_with_its_theme_and_date(world, series) -> None:
    figures = cohort_session_figures(world.cohort)
    assert figures.sessions == [
        SessionFigure(
            number=number,
            date=timezone.localdate(session.starts_at),
            theme=session.theme,
            held=number < 4,
            expected=4,
            attended=attended,
        )
        for number, (session, attended) in enumerate(zip(series, (4, 2, 3, 0), strict=True), 1)
    ]


def test_the_series_totals_are_held_sessions_mean_rate_and_regular_attenders(world, series) -> None:
    figures = cohort_session_figures(world.cohort)
    assert (figures.planned, figures.held, figures.participants) == (4, 3, 4)
    assert figures.mean_attendance_rate == pytest.approx((4 / 4 + 2 / 4 + 3 / 4) / 3)
    # Three of three held: 100 %; two of three (67 %) falls short of 75 %.
    assert figures.regular_attenders == 2


def test_guests_and_people_no_longer_admitted_are_not_the_cohorts_figures(world, series) -> None:
    first = series[0]
    EventRegistration.objects.create(
        event=first, person=world.outsider, status=RegistrationStatus.REGISTERED, attended=True
    )
    world.other_mentor_enrolment.status = EnrolmentStatus.WITHDRAWN
    world.other_mentor_enrolment.save()
    figures = cohort_session_figures(world.cohort)
    assert (figures.sessions[0].expected, figures.sessions[0].attended) == (3, 3)
    assert figures.participants == 3


def test_another_cohorts_sessions_are_left_out(world, series, make_session) -> None:
    other = make_session(days=-5, cohort=world.other_cohort)
    EnrolmentFactory(cohort=world.other_cohort)
    assert other.cohort == world.other_cohort
    assert cohort_session_figures(world.cohort).planned == 4
    assert cohort_session_figures(world.other_cohort).planned == 1


def test_before_any_session_is_held_there_is_no_rate(world, make_session) -> None:
    make_session(days=10)
    figures = cohort_session_figures(world.cohort)
    assert (figures.held, figures.mean_attendance_rate, figures.regular_attenders) == (0, None, 0)


def test_the_figures_hold_no_personal_data(world, series) -> None:
    figures = dataclasses.asdict(cohort_session_figures(world.cohort))
    leaves = [v for row in figures.pop("sessions") for v in row.values()] + list(figures.values())
    # Counts, rates, dates and themes only: no object, and nobody's name or address.
    assert all(v is None or isinstance(v, int | float | str | datetime.date) for v in leaves)
    text = str(leaves)
    for person in world.people.values():
        assert person.full_name not in text
        assert person.email not in text


def test_the_figures_cost_a_fixed_number_of_queries(
    world, series, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(2):
        cohort_session_figures(world.cohort)

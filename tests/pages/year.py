"""A consortium's full year, built with bulk inserts: the sizes of issue 19's load test.

Five municipalities; one cohort with 700 applications still to decide and 800 admitted
participants in 400 pairs (eight meetings each, five of them held, two in every tenth pair;
three goals each, rated twice); 40 events with 2,364 registrations (one leader day of 600);
an invoice basis per municipality with a line per participant; two unpublished matching
runs of 400 proposals; and 5,000 audit entries. Built in seconds on SQLite, once per module.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from events.models import Audience, Event, EventKind, EventRegistration, RegistrationStatus
from fees.models import FeeLine, InvoiceBasis
from matching.models import MatchRun, Proposal, RunStage
from pairs.models import Goal, GoalRating, Meeting, MeetingMode, MeetingStatus, Pair
from programmes.models import Cohort, Enrolment, EnrolmentStatus, Municipality, Programme, Role
from tests.factories import CohortFactory, MembershipFactory, MunicipalityFactory, UserFactory
from tests.programmes.lists_data import people_enrol
from tests.world import with_second_factor

MUNICIPALITIES = ("Håbo", "Enköping", "Knivsta", "Upplands Väsby", "Östhammar")
APPLICATIONS = 700
PAIRS = 400
MEETINGS_PER_PAIR = 8
MEETINGS_HELD = 5
# Fewer than the three an even pace expects half way through the year.
MEETINGS_BEHIND = 2
GOALS_PER_PAIR = 3
EVENTS = 40
REGISTRATIONS = 2364
LEADER_DAY = 600
AUDIT_ENTRIES = 5000
# A proposal's explanation as the scoring writes it (matching.explain), the same for each.
EXPLANATION = {
    "points": {"needs": 20.0, "dimensions": 15.5, "wishes": 10.0, "experience": 8.0, "travel": 6.0},
    "max_points": {
        "needs": 30.0,
        "dimensions": 25.0,
        "wishes": 15.0,
        "experience": 15.0,
        "travel": 15.0,
    },
    "shared_needs": ["Förändringsledning", "Coachande ledarskap"],
    "need_count": 3,
    "dimensions": [{"name": "Relationer", "complement": False, "close": True}],
    "wished_area": "",
    "area_met": True,
    "meeting_ok": True,
    "language_ok": True,
    "years_ahead": 6,
    "in_person": True,
    "travel_minutes": 35,
    "ranked": False,
}


@dataclass
class Year:
    coordinator: User
    other_coordinator: User
    contact: User
    other_contact: User
    administrator: User
    adept: User
    programme: Programme
    cohort: Cohort
    municipality: Municipality
    leader_day: Event
    run: MatchRun
    # Another run over the same people, to compare with.
    earlier_run: MatchRun
    basis: InvoiceBasis

    def person(self, role: str) -> User:
        return getattr(self, role)


def year_build() -> Year:
    towns = [
        MunicipalityFactory(name=name, code=f"{9100 + i}") for i, name in enumerate(MUNICIPALITIES)
    ]
    coordinator = with_second_factor(UserFactory(full_name="Sara Samordnare"))
    other_coordinator = with_second_factor(UserFactory(full_name="Stig Samordnare"))
    contact = with_second_factor(UserFactory(full_name="Karin Kontakt Håbo"))
    other_contact = with_second_factor(UserFactory(full_name="Kalle Kontakt Enköping"))
    administrator = with_second_factor(
        UserFactory(full_name="Ada Admin", is_staff=True, is_superuser=True)
    )
    towns[0].contacts.add(contact)
    towns[1].contacts.add(other_contact)
    programme = Programme.objects.create(name="Mentorprogrammet", planned_meetings=8)
    programme.coordinators.add(coordinator)
    other_programme = Programme.objects.create(name="Ledartalang")
    other_programme.coordinators.add(other_coordinator)
    for town in towns:
        MembershipFactory(programme=programme, municipality=town)
    # Started half a year ago, so that the overview expects some meetings by now.
    today = timezone.localdate()
    cohort = CohortFactory(
        programme=programme,
        name="2026/27",
        starts_on=today - datetime.timedelta(days=180),
        ends_on=today + datetime.timedelta(days=185),
        mentor_places=2000,
        adept_places=2000,
    )

    mentors: list[Enrolment] = []
    adepts: list[Enrolment] = []
    applicants: list[Enrolment] = []
    for town in towns:
        per_town = PAIRS // len(towns)
        admitted = EnrolmentStatus.ADMITTED
        mentors += people_enrol(
            cohort, per_town, municipality=town, status=admitted, role=Role.MENTOR
        )
        adepts += people_enrol(
            cohort, per_town, municipality=town, status=admitted, role=Role.ADEPT
        )
        applicants += people_enrol(cohort, APPLICATIONS // len(towns), municipality=town)
    # Each mentor takes a second adept: every mentor is a candidate for the run's adepts.
    Enrolment.objects.filter(pk__in=[mentor.pk for mentor in mentors]).update(mentor_capacity=2)
    # The mentor is in another municipality than the adept.
    shift = PAIRS // len(towns)
    pairs = Pair.objects.bulk_create(
        Pair(cohort=cohort, mentor=mentors[i], adept=adepts[(i + shift) % PAIRS])
        for i in range(PAIRS)
    )
    _meetings_and_goals(pairs)
    leader_day = _events(programme, cohort, mentors + adepts + applicants)
    basis = _fees(cohort, towns, mentors + adepts)
    run = _matching_run(cohort, coordinator, mentors, adepts, number=1)
    earlier_run = _matching_run(cohort, coordinator, mentors, adepts, number=2)
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=coordinator,
            action="enrolment.admit" if i % 2 else "municipality.view",
            target_type="programmes.enrolment",
            target_id=str(applicants[i % len(applicants)].pk),
            summary=f"{cohort.name} {i}",
        )
        for i in range(AUDIT_ENTRIES)
    )
    return Year(
        coordinator=coordinator,
        other_coordinator=other_coordinator,
        contact=contact,
        other_contact=other_contact,
        administrator=administrator,
        adept=adepts[0].person,
        programme=programme,
        cohort=cohort,
        municipality=towns[0],
        leader_day=leader_day,
        run=run,
        earlier_run=earlier_run,
        basis=basis,
    )


def _held(index: int) -> int:
    """Meetings the pair has held: every tenth pair is behind with two."""
    return MEETINGS_BEHIND if index % 10 == 0 else MEETINGS_HELD


def _meetings_and_goals(pairs: list[Pair]) -> None:
    now = timezone.now()
    Meeting.objects.bulk_create(
        (
            Meeting(
                pair=pair,
                starts_at=now + datetime.timedelta(days=21 * (n - _held(i)) + 1),
                minutes=60,
                held_minutes=60 if n < _held(i) else None,
                mode=MeetingMode.DIGITAL if n % 3 else MeetingMode.IN_PERSON,
                place="Bålsta",
                status=MeetingStatus.HELD if n < _held(i) else MeetingStatus.PLANNED,
            )
            for i, pair in enumerate(pairs)
            for n in range(MEETINGS_PER_PAIR)
        ),
        batch_size=1000,
    )
    goals = Goal.objects.bulk_create(
        (
            Goal(pair=pair, title=f"Mål {n + 1}: leda förändring i arbetsgruppen")
            for pair in pairs
            for n in range(GOALS_PER_PAIR)
        ),
        batch_size=1000,
    )
    today = timezone.localdate()
    GoalRating.objects.bulk_create(
        (
            GoalRating(goal=goal, rating=4 + n * 2, rated_on=today - datetime.timedelta(days=n))
            for goal in goals
            for n in range(2)
        ),
        batch_size=1000,
    )


def _events(programme: Programme, cohort: Cohort, enrolments: list[Enrolment]) -> Event:
    now = timezone.now()
    events = Event.objects.bulk_create(
        Event(
            programme=programme,
            cohort=None if n == 0 else cohort,
            kind=EventKind.LEADER_DAY if n == 0 else EventKind.SEMINAR,
            title="Ledardag" if n == 0 else f"Seminarium {n}",
            starts_at=now + datetime.timedelta(days=7 * n - 140),
            ends_at=now + datetime.timedelta(days=7 * n - 140, hours=3),
            place="Bålsta",
            capacity=LEADER_DAY + 50 if n == 0 else 80,
            audience=Audience.MANAGERS if n == 0 else Audience.COHORT,
        )
        for n in range(EVENTS)
    )
    per_event = [LEADER_DAY] + [
        (REGISTRATIONS - LEADER_DAY) // (EVENTS - 1)
        + (1 if n < (REGISTRATIONS - LEADER_DAY) % (EVENTS - 1) else 0)
        for n in range(EVENTS - 1)
    ]
    registrations = []
    start = 0
    for event, count in zip(events, per_event, strict=True):
        chosen = [enrolments[(start + i) % len(enrolments)] for i in range(count)]
        start += count
        registrations += [
            EventRegistration(
                event=event,
                person_id=enrolment.person_id,
                municipality=enrolment.municipality if i % 2 else None,
                status=RegistrationStatus.WAITING
                if i % 25 == 24
                else RegistrationStatus.REGISTERED,
                attended=i % 3 == 0,
            )
            for i, enrolment in enumerate(chosen)
        ]
    EventRegistration.objects.bulk_create(registrations, batch_size=1000)
    return events[0]


def _fees(cohort: Cohort, towns: list[Municipality], participants: list[Enrolment]) -> InvoiceBasis:
    bases = {
        town.pk: InvoiceBasis.objects.create(cohort=cohort, municipality=town) for town in towns
    }
    FeeLine.objects.bulk_create(
        (
            FeeLine(
                basis=bases[enrolment.municipality_id],
                enrolment=enrolment,
                description=f"Deltagaravgift {cohort.name}",
                amount=Decimal("9800.00"),
            )
            for enrolment in participants
        ),
        batch_size=1000,
    )
    return bases[towns[0].pk]


def _matching_run(
    cohort: Cohort,
    coordinator: User,
    mentors: list[Enrolment],
    adepts: list[Enrolment],
    *,
    number: int,
) -> MatchRun:
    # The run's inputs name whom it matched from, as a run records them.
    run = MatchRun.objects.create(
        cohort=cohort,
        number=number,
        created_by=coordinator,
        stage=RunStage.DONE,
        total_score=0,
        inputs={"adepts": [adept.pk for adept in adepts]},
        mentor_capacity={str(mentor.pk): 1 for mentor in mentors},
    )
    Proposal.objects.bulk_create(
        (
            Proposal(
                run=run,
                adept=adept,
                mentor=mentors[(i + 7 * number) % len(mentors)],
                score=70 + i % 30,
                explanation=EXPLANATION,
            )
            for i, adept in enumerate(adepts)
        ),
        batch_size=1000,
    )
    return run

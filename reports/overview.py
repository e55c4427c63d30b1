"""The coordinator's cohort overview and the municipality contact's view, as page payloads.

Each is a fixed handful of queries whatever the cohort's size; the tests pin the number.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.paginator import Page
from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone

from common.lists import paginate
from events.models import EventRegistration, RegistrationStatus
from events.selectors import cohort_events
from fees.models import InvoiceBasis
from fees.selectors import fees_per_municipality, invoice_bases_with_totals
from matching.selectors import profile_progress
from pairs.models import Pair
from programmes.models import Cohort, Enrolment, Municipality, Programme

from .figures.pairs import MeetingCounts, pair_meeting_rows
from .figures.people import funnel_counts, funnel_labels
from .models import Appointment

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

# Rows of the overview's pair table and of the municipality view's participants per page:
# a year of 400 pairs or a town's hundreds of participants stays a page of a few dozen KiB.
PAIRS_PER_PAGE = 50
PARTICIPANTS_PER_PAGE = 50


@dataclass
class PairHealth:
    pair: Pair
    held: int
    planned: int
    expected_by_now: int
    last_meeting: datetime.datetime | None

    @property
    def on_track(self) -> bool:
        return self.held >= self.expected_by_now


@dataclass
class CohortOverview:
    cohort: Cohort
    funnel: list[tuple[str, int]]
    # The page of the pair table asked for; the counts are of every active pair.
    pairs: list[PairHealth]
    pairs_page: Page[WithAnnotations[Pair, MeetingCounts]]
    pairs_behind: int
    # The request's other parameters, for the pair table's page links.
    query: str
    events: list[dict]
    fees: list[list]
    leader_profiles: tuple[int, int] | None = None


def expected_meetings(cohort: Cohort, planned: int, day: datetime.date) -> int:
    """How many of the planned meetings a pair would have held by ``day`` at an even pace."""
    length = (cohort.ends_on - cohort.starts_on).days
    elapsed = min(max((day - cohort.starts_on).days, 0), length)
    return int(planned * elapsed / length) if length else planned


def event_rows(registrations: QuerySet[EventRegistration]) -> list[dict]:
    return list(
        registrations.values("event__pk", "event__title", "event__starts_at", "event__capacity")
        .annotate(
            registered=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED)),
            waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
            attended=Count("pk", filter=Q(attended=True)),
        )
        .order_by("event__starts_at", "event__pk")
    )


def _profiles_done(cohort: Cohort) -> tuple[int, int]:
    progress = profile_progress(cohort)
    return (sum(1 for p in progress if p.finished), len(progress))


def cohort_overview(cohort: Cohort, data: QueryDict) -> CohortOverview:
    """The overview, with the page of its pair table that ``data`` asks for."""
    counts = funnel_counts(Enrolment.objects.filter(cohort=cohort))
    planned = cohort.programme.planned_meetings
    expected = expected_meetings(cohort, planned, timezone.localdate())
    pairs = pair_meeting_rows(Pair.objects.filter(cohort=cohort).active())
    paged = paginate(
        data,
        pairs.select_related(
            "mentor__person", "mentor__municipality", "adept__person", "adept__municipality"
        ).order_by("adept__person__full_name", "pk"),
        PAIRS_PER_PAGE,
    )
    # Everyone registered, guests included: the coordinator manages the places.
    registrations = EventRegistration.objects.filter(event__in=cohort_events(cohort))
    return CohortOverview(
        cohort=cohort,
        funnel=[(label, counts[key]) for key, label in funnel_labels(cohort.programme).items()],
        pairs=[
            PairHealth(
                pair=pair,
                held=pair.held,
                planned=planned,
                expected_by_now=expected,
                last_meeting=pair.last_meeting,
            )
            for pair in paged.page
        ],
        pairs_page=paged.page,
        pairs_behind=pairs.filter(held__lt=expected).count(),
        query=paged.query,
        events=event_rows(registrations),
        leader_profiles=_profiles_done(cohort),
        fees=[fees.as_row() for fees in fees_per_municipality(cohort)],
    )


@dataclass
class ParticipantRow:
    enrolment: Enrolment
    partner_municipality: Municipality | None = None
    held: int | None = None
    planned: int | None = None
    registered_events: int = 0
    attended_events: int = 0
    appointments: list[Appointment] = field(default_factory=list)


@dataclass
class InvoiceRow:
    basis: InvoiceBasis
    lines: int
    total: Decimal


@dataclass
class MunicipalityView:
    municipality: Municipality
    # The page of participants asked for, and the request's other parameters for its links.
    participants: list[ParticipantRow]
    participants_page: Page[Enrolment]
    query: str
    invoices: list[InvoiceRow]
    cohorts: list[Cohort]


def municipality_view(
    municipality: Municipality, programmes: QuerySet[Programme], data: QueryDict
) -> MunicipalityView:
    """The municipality's own people in the given programmes, a page of them as ``data`` asks;
    never a partner's name or notes."""
    paged = paginate(
        data,
        Enrolment.objects.filter(municipality=municipality, cohort__programme__in=programmes)
        .select_related("person", "cohort__programme", "nomination")
        .order_by(
            "cohort__programme__name", "-cohort__starts_on", "role", "person__full_name", "pk"
        ),
        PARTICIPANTS_PER_PAGE,
    )
    rows = {enrolment.pk: ParticipantRow(enrolment=enrolment) for enrolment in paged.page}
    ids = list(rows)
    pairs = pair_meeting_rows(
        Pair.objects.active().filter(Q(mentor__in=ids) | Q(adept__in=ids))
    ).select_related("mentor__municipality", "adept__municipality", "cohort__programme")
    for pair in pairs:
        for own, partner in ((pair.mentor, pair.adept), (pair.adept, pair.mentor)):
            if own.pk in rows:
                row = rows[own.pk]
                row.partner_municipality = partner.municipality
                row.held = pair.held
                row.planned = pair.cohort.programme.planned_meetings
    person_rows = {row.enrolment.person_id: row for row in rows.values()}
    attendance = (
        EventRegistration.objects.filter(
            person__in=list(person_rows), event__programme__in=programmes
        )
        .values("person")
        .annotate(
            registered=Count("pk", filter=~Q(status=RegistrationStatus.CANCELLED)),
            attended=Count("pk", filter=Q(attended=True)),
        )
    )
    for item in attendance:
        row = person_rows[item["person"]]
        row.registered_events = item["registered"]
        row.attended_events = item["attended"]
    for appointment in Appointment.objects.filter(enrolment__in=ids):
        rows[appointment.enrolment_id].appointments.append(appointment)
    invoices = [
        InvoiceRow(basis=basis, lines=basis.line_count, total=basis.total)
        for basis in invoice_bases_with_totals(
            InvoiceBasis.objects.filter(municipality=municipality, cohort__programme__in=programmes)
        )
    ]
    cohorts = list(
        Cohort.objects.filter(programme__in=programmes)
        .select_related("programme")
        .order_by("programme__name", "-starts_on")
    )
    return MunicipalityView(
        municipality=municipality,
        participants=list(rows.values()),
        participants_page=paged.page,
        query=paged.query,
        invoices=invoices,
        cohorts=cohorts,
    )

"""Demo data for running the programme: events of the seeds, resources, agreement periods,
each municipality's invoicing details and invoice bases for the running cohort. Extends
demo/consortium.py; idempotent."""

from __future__ import annotations

import datetime
from typing import TextIO

from django.core.files.base import ContentFile
from django.utils import timezone

from common.pdf import pdf_from_html
from demo.consortium import CONSORTIUM_PROGRAMME, programme_year
from events.models import (
    Audience,
    Event,
    EventKind,
    EventRegistration,
    RegistrationStatus,
    Resource,
)
from fees.models import BuyerDetails, InvoiceBasis, InvoiceStatus
from fees.services import (
    buyer_details_update,
    invoice_bases_prepare,
    invoice_basis_mark_paid,
    invoice_basis_mark_sent,
)
from programmes.models import AgreementPeriod, Cohort, EnrolmentStatus, Municipality, Programme

# What each municipality asks its invoices to carry: (buyer's reference, cost centre, order no.)
BUYER_DETAILS = {
    "0305": ("Kristina Holmqvist, HR", "1310", ""),
    "0381": ("ENK4711", "21500", ""),
    "0330": ("Personalenheten, Anna Berg", "1420-05", ""),
    "0114": ("UV-HR-118", "3120", "IO-2026-044"),
    "0382": ("Ö7203 Lena Sjöberg", "820-10", ""),
    "0188": ("NTK-HR-55", "1110", ""),
}

# (kind, title, theme, days from today, hour, hours long, place, link, capacity, audience)
EVENTS = [
    (
        EventKind.KICKOFF,
        "Uppstart",
        "Välkomna till mentorprogrammet",
        -40,
        9,
        4,
        "Enköping, Kulturhuset Joar",
        "",
        60,
        Audience.COHORT,
    ),
    (
        EventKind.MENTOR_DAY,
        "Mentordag",
        "Att vara mentor: frågor som öppnar",
        12,
        9,
        6,
        "Knivsta, Kommunhuset",
        "",
        25,
        Audience.COHORT,
    ),
    (
        EventKind.SEMINAR,
        "Seminarium i Bålsta om mentorskap",
        "Vad gör en bra mentorrelation?",
        20,
        13,
        3,
        "Bålsta, Medborgarhuset",
        "https://teams.microsoft.com/l/meetup-join/demo",
        80,
        Audience.COHORT,
    ),
    (
        EventKind.HALF_YEAR,
        "Halvtidsträff",
        "Hur går det för paren?",
        75,
        13,
        3,
        "Upplands Väsby, Messingen",
        "",
        60,
        Audience.COHORT,
    ),
    (
        EventKind.LEADERSHIP_CAFE,
        "Ledarskapscafé: tillit i vardagen",
        "Tillitsbaserad styrning",
        9,
        8,
        2,
        "Håbo, Kommunhuset",
        "",
        40,
        Audience.MANAGERS,
    ),
    (
        EventKind.LEADER_DAY,
        "Ledardag",
        "Ledarskap i förändring",
        30,
        8,
        8,
        "Enköping, Joar Blå",
        "",
        340,
        Audience.MANAGERS,
    ),
    (
        EventKind.BREAKFAST,
        "Frukostseminarium: motiverande lönesamtal",
        "Att leda motiverande lönesamtal",
        5,
        7,
        2,
        "Digitalt",
        "https://teams.microsoft.com/l/meetup-join/frukost",
        40,
        Audience.MANAGERS,
    ),
    (
        EventKind.LEADERSHIP_CAFE,
        "Ledarskapscafé: att leda på distans",
        "Att leda medarbetare som arbetar hemifrån",
        16,
        8,
        2,
        "Knivsta, Kommunhuset",
        "",
        40,
        Audience.MANAGERS,
    ),
    (
        EventKind.CLOSING,
        "Avslutning",
        "Vad tar vi med oss?",
        200,
        13,
        4,
        "Östhammar, Frihamnen",
        "",
        60,
        Audience.COHORT,
    ),
]

MENTOR_BOOK_HTML = """<!doctype html><html lang="sv"><head><meta charset="utf-8"></head><body>
<h1>Mentorbok</h1><p>Din digitala mentorbok: förbered varje träff, skriv ned vad ni kom överens
om och vad du vill ta med till nästa gång.</p><h2>Frågor att börja med</h2><ul>
<li>Vad vill du ha ut av det här året?</li><li>Vilken chef vill du vara om tre år?</li>
<li>Vad behöver du av mig som mentor?</li></ul></body></html>"""


def build(*, stdout: TextIO) -> None:
    programme = Programme.objects.filter(name=CONSORTIUM_PROGRAMME).first()
    if programme is None:
        stdout.write("demo_running: the consortium programme is missing; run programmes.demo first")
        return
    year = programme_year()
    # The year that is running (its events, registrations and fees); the newest if none is.
    cohorts = Cohort.objects.filter(programme=programme).order_by("-starts_on")
    cohort = cohorts.running().first() or cohorts.first()
    _agreement_periods(programme)
    events = _events(programme, cohort)
    _registrations(events, cohort)
    _resources(programme, cohort)
    _buyer_details()
    bases = _invoice_bases(cohort)
    stdout.write(
        f"demo_running: {len(events)} events, agreement periods up to {year + 3}, "
        f"{bases} invoice bases for {cohort}\n"
    )


def _agreement_periods(programme: Programme) -> None:
    year = programme_year()
    AgreementPeriod.objects.get_or_create(
        programme=programme,
        name=f"2016–{year}",
        defaults={
            "starts_on": datetime.date(2016, 1, 1),
            "ends_on": datetime.date(year, 12, 31),
            "note": "Det första avtalet mellan kommunerna, förlängt ett år i taget.",
        },
    )
    AgreementPeriod.objects.get_or_create(
        programme=programme,
        name=f"{year + 1}–{year + 3}",
        defaults={
            "starts_on": datetime.date(year + 1, 1, 1),
            "ends_on": datetime.date(year + 3, 12, 31),
            "note": "Programmet fortsätter tre år till.",
        },
    )


# A coming event the coordinator has cancelled, with the note everyone registered got.
CANCELLED_EVENTS = {
    "Ledarskapscafé: att leda på distans": (
        "Föreläsaren är sjuk. Vi återkommer med ett nytt datum till våren."
    ),
}


def _events(programme: Programme, cohort: Cohort | None) -> list[Event]:
    today = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    events = []
    for kind, title, theme, days, hour, hours, place, link, capacity, audience in EVENTS:
        starts = today.replace(hour=hour) + datetime.timedelta(days=days)
        event, _created = Event.objects.get_or_create(
            programme=programme,
            title=title,
            defaults={
                "cohort": cohort if audience == Audience.COHORT else None,
                "kind": kind,
                "theme": theme,
                "description": theme,
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(hours=hours),
                "place": place,
                "online_url": link,
                "capacity": capacity,
                "audience": audience,
            },
        )
        if title in CANCELLED_EVENTS and not event.is_cancelled:
            event.cancelled_at = timezone.now() - datetime.timedelta(days=2)
            event.cancellation_note = CANCELLED_EVENTS[title]
            event.save(update_fields=["cancelled_at", "cancellation_note"])
        events.append(event)
    return events


def _registrations(events: list[Event], cohort: Cohort | None) -> None:
    if cohort is None:
        return
    people = [
        e.person
        for e in cohort.enrolments.filter(status=EnrolmentStatus.ADMITTED).select_related("person")
    ]
    now = timezone.now()
    for number, event in enumerate(events):
        # Demo rows are written directly, so that past events can show their attendance.
        for index, person in enumerate(people[: min(event.capacity, 12 + number)]):
            EventRegistration.objects.get_or_create(
                event=event,
                person=person,
                defaults={
                    "status": RegistrationStatus.REGISTERED,
                    "attended": event.starts_at < now and index % 5 != 0,
                },
            )


def _resources(programme: Programme, cohort: Cohort | None) -> None:
    if not Resource.objects.filter(programme=programme, title="Digital mentorbok").exists():
        resource = Resource(
            programme=programme,
            cohort=None,
            title="Digital mentorbok",
            description="Förbered träffarna och skriv ned vad ni kommit överens om.",
            original_name="Mentorbok.pdf",
            content_type="application/pdf",
        )
        try:
            data = pdf_from_html(MENTOR_BOOK_HTML)
        except OSError as error:  # WeasyPrint without the system's Pango libraries
            print(f"The demo's mentor book is left out: PDFs cannot be made here ({error}).")
        else:
            resource.size = len(data)
            resource.file.save("demo-mentorbok.pdf", ContentFile(data), save=False)
            resource.save()
    Resource.objects.get_or_create(
        programme=programme,
        cohort=cohort,
        title="Bilder från mentorsdagen",
        defaults={"url": "https://example.org/mentorsdag-bilder", "description": "Presentationen."},
    )
    Resource.objects.get_or_create(
        programme=programme,
        cohort=None,
        title="Så nominerar du en medarbetare",
        defaults={
            "url": "https://example.org/nominering",
            "description": "Vägledning för närmaste chef: motivering och samtycke.",
        },
    )


def _buyer_details() -> None:
    for municipality in Municipality.objects.filter(code__in=BUYER_DETAILS):
        reference, cost_centre, order_number = BUYER_DETAILS[municipality.code]
        # Set once: a rebuilt demo keeps what someone changed in the browser.
        if not BuyerDetails.objects.filter(municipality=municipality).exists():
            buyer_details_update(
                municipality=municipality,
                buyer_reference=reference,
                cost_centre=cost_centre,
                order_number=order_number,
            )


def _invoice_bases(cohort: Cohort | None) -> int:
    if cohort is None:
        return 0
    invoice_bases_prepare(cohort=cohort)
    bases = list(InvoiceBasis.objects.filter(cohort=cohort).order_by("municipality__name"))
    # One basis sent, one paid, the rest drafts: every state can be seen.
    if len(bases) >= 2 and all(b.status == InvoiceStatus.DRAFT for b in bases):
        invoice_basis_mark_sent(basis=bases[0])
        invoice_basis_mark_sent(basis=bases[1])
        invoice_basis_mark_paid(basis=bases[1])
    return len(bases)

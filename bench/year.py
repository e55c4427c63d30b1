"""A consortium's full year for bench/load.py, built with the project's models.

Runs inside a Django process with the server's settings (``bench/load.py --build-into``).
Five municipalities, one programme; a running cohort of ``PAIRS`` pairs with about
``MEETINGS_PER_PAIR`` meetings each (held ones with notes and preparations, the rest
planned), goals with ratings, homework, reflections (half shared) and a confirmed
agreement per pair; ``EVENTS`` events with ``REGISTRATIONS`` registrations in all; the next
year's cohort with ``APPLICATIONS`` applications; the invoice bases of the running cohort.
Then a sample of its people is signed in, and the requests of the mixed workload are
written one a line: kind, method, path, cookie and body, separated by tabs.
"""

from __future__ import annotations

import datetime
import random
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

MUNICIPALITIES = ["Håbo", "Enköping", "Knivsta", "Upplands Väsby", "Östhammar"]
PAIRS = 400
MEETINGS_PER_PAIR = 8
GOALS_PER_PAIR = 3
RATINGS_PER_GOAL = 4
HOMEWORK_PER_PAIR = 4
REFLECTIONS_PER_PAIR = 6
EVENTS = 40
REGISTRATIONS = 2364
APPLICATIONS = 700
COORDINATORS = 2
# Pairs whose two members are signed in and send the participants' requests.
SIGNED_IN_PAIRS = 100
FEE = Decimal("9800")

# Each kind of request of the mixed workload and its weight in a day's use (sums to 100).
MIX = {
    "participant start page": 8,
    "pair page": 30,
    "plan a meeting": 4,
    "meeting .ics": 4,
    "calendar feed": 4,
    "coordinator start page": 5,
    "cohort page": 8,
    "applications": 5,
    "cohort health": 5,
    "matching": 4,
    "reports overview": 5,
    "invoice basis": 4,
    "contact start page": 6,
    "municipality view": 8,
}


def build(requests_file: Path, csrf: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    started = time.monotonic()
    call_command("migrate", run_syncdb=True, verbosity=0)
    year = _Year(random.Random(2026))
    requests = year.requests(csrf)
    lines: list[str] = []
    rng = random.Random(19)
    for kind, weight in MIX.items():
        lines.extend(f"{kind}\t{rng.choice(requests[kind])}" for _ in range(weight * 20))
    rng.shuffle(lines)
    requests_file.write_text("\n".join(lines) + "\n")
    pair_lines = [f"pair page\t{line}" for line in requests["pair page"]]
    requests_file.with_suffix(".pair").write_text("\n".join(pair_lines) + "\n")
    cookie = requests["pair page"][0].split("\t")[2]
    requests_file.with_suffix(".trivial").write_text(f"trivial\tGET\t/healthz\t{cookie}\t\n")
    print(f"Built {year.summary()} in {time.monotonic() - started:.0f} s", flush=True)


class _Year:
    def __init__(self, rng: random.Random) -> None:
        from django.utils import timezone

        self.rng = rng
        self.now = timezone.now()
        self.today = timezone.localdate()
        self._organisation()
        self._running_cohort()
        self._progress()
        self._applications()
        self._events()
        self._fees()

    def _organisation(self) -> None:
        from allauth.mfa.models import Authenticator

        from accounts.models import User
        from programmes.models import Cohort, Membership, Municipality, Programme

        self.municipalities = Municipality.objects.bulk_create(
            Municipality(name=name, code=f"{1000 + i:04d}") for i, name in enumerate(MUNICIPALITIES)
        )
        self.contacts = User.objects.bulk_create(
            User(email=f"kontakt{i}@bench.se", full_name=f"Kontakt {i}", password="!")
            for i in range(len(self.municipalities))
        )
        for municipality, contact in zip(self.municipalities, self.contacts, strict=True):
            municipality.contacts.add(contact)
        self.coordinators = User.objects.bulk_create(
            User(email=f"samordnare{i}@bench.se", full_name=f"Samordnare {i}", password="!")
            for i in range(COORDINATORS)
        )
        # Staff sign in with a second factor; the sessions below are past it.
        Authenticator.objects.bulk_create(
            Authenticator(user=user, type=Authenticator.Type.TOTP, data={"secret": "bench"})
            for user in [*self.contacts, *self.coordinators]
        )
        self.programme = Programme.objects.create(
            name="Mentorprogrammet för chefer", fee_sek=FEE, mentor_fee_sek=FEE
        )
        self.programme.coordinators.add(*self.coordinators)
        Membership.objects.bulk_create(
            Membership(
                programme=self.programme, municipality=m, joined_on=datetime.date(2024, 1, 1)
            )
            for m in self.municipalities
        )
        self.cohort = Cohort.objects.create(
            programme=self.programme,
            name="Omgång 2026",
            starts_on=self.today - datetime.timedelta(days=240),
            ends_on=self.today + datetime.timedelta(days=125),
        )
        self.next_cohort = Cohort.objects.create(
            programme=self.programme,
            name="Omgång 2027",
            starts_on=self.today + datetime.timedelta(days=150),
            ends_on=self.today + datetime.timedelta(days=515),
        )

    def _people(self, prefix: str, count: int) -> list[Any]:
        from accounts.models import User

        return User.objects.bulk_create(
            (
                User(email=f"{prefix}{i}@bench.se", full_name=f"{prefix.title()} {i}", password="!")
                for i in range(count)
            ),
            batch_size=1000,
        )

    def _running_cohort(self) -> None:
        from pairs.models import Pair
        from programmes.models import Enrolment, EnrolmentStatus, Role

        self.people = self._people("deltagare", 2 * PAIRS)
        enrolments = []
        for n in range(PAIRS):
            home = self.rng.randrange(len(self.municipalities))
            away = (home + 1 + self.rng.randrange(len(self.municipalities) - 1)) % len(
                self.municipalities
            )
            for person, role, municipality in (
                (self.people[2 * n], Role.MENTOR, away),
                (self.people[2 * n + 1], Role.ADEPT, home),
            ):
                enrolments.append(
                    Enrolment(
                        person=person,
                        cohort=self.cohort,
                        role=role,
                        status=EnrolmentStatus.ADMITTED,
                        municipality=self.municipalities[municipality],
                        title="Enhetschef",
                    )
                )
        self.enrolments = Enrolment.objects.bulk_create(enrolments, batch_size=1000)
        self.pairs = Pair.objects.bulk_create(
            (
                Pair(
                    cohort=self.cohort,
                    mentor=self.enrolments[2 * n],
                    adept=self.enrolments[2 * n + 1],
                )
                for n in range(PAIRS)
            ),
            batch_size=1000,
        )

    def _progress(self) -> None:
        from pairs.models import (
            Agreement,
            Goal,
            GoalRating,
            Homework,
            Meeting,
            MeetingStatus,
            Preparation,
            Reflection,
        )

        held = MEETINGS_PER_PAIR - 2
        meetings = []
        for n, pair in enumerate(self.pairs):
            for i in range(MEETINGS_PER_PAIR):
                # Monthly: the held ones behind, two planned ahead.
                starts = self.now + datetime.timedelta(days=30 * (i - held) + 7, hours=n % 8)
                meetings.append(
                    Meeting(
                        pair=pair,
                        starts_at=starts,
                        minutes=90,
                        mode="in_person",
                        place="Kommunhuset, rum 3",
                        questions="Vad har hänt sedan sist? Vad vill du ta upp?",
                        status=MeetingStatus.HELD if i < held else MeetingStatus.PLANNED,
                        held_minutes=85 if i < held else None,
                        notes="Vi pratade om svåra samtal och om att delegera." if i < held else "",
                        created_by=self.people[2 * n + 1],
                    )
                )
        self.meetings = Meeting.objects.bulk_create(meetings, batch_size=2000)
        Preparation.objects.bulk_create(
            (
                Preparation(
                    meeting=meeting,
                    person=self.people[2 * (k // MEETINGS_PER_PAIR) + 1],
                    text="Jag vill prata om hur jag prioriterar min tid.",
                )
                for k, meeting in enumerate(self.meetings)
            ),
            batch_size=2000,
        )
        goals = Goal.objects.bulk_create(
            (
                Goal(pair=pair, title=f"Mål {g + 1}: bli tydligare i mitt ledarskap")
                for pair in self.pairs
                for g in range(GOALS_PER_PAIR)
            ),
            batch_size=2000,
        )
        GoalRating.objects.bulk_create(
            (
                GoalRating(
                    goal=goal,
                    rating=min(10, 3 + r + self.rng.randrange(3)),
                    rated_on=self.today - datetime.timedelta(days=60 * (RATINGS_PER_GOAL - r)),
                )
                for goal in goals
                for r in range(RATINGS_PER_GOAL)
            ),
            batch_size=2000,
        )
        Homework.objects.bulk_create(
            (
                Homework(
                    pair=pair,
                    title=f"Läs kapitel {h + 1} och skriv ner tre tankar",
                    due_on=self.today + datetime.timedelta(days=30 * (h - 2)),
                    done_at=self.now if h < 2 else None,
                )
                for pair in self.pairs
                for h in range(HOMEWORK_PER_PAIR)
            ),
            batch_size=2000,
        )
        Reflection.objects.bulk_create(
            (
                Reflection(
                    pair=pair,
                    author=self.people[2 * n + r % 2],
                    text="Jag märker att jag vågar mer i svåra samtal nu än i början av året.",
                    shared=r % 4 < 2,
                )
                for n, pair in enumerate(self.pairs)
                for r in range(REFLECTIONS_PER_PAIR)
            ),
            batch_size=2000,
        )
        Agreement.objects.bulk_create(
            Agreement(
                pair=pair,
                meeting_frequency="En gång i månaden",
                meeting_place="Växelvis hos oss båda",
                confidentiality="Det vi säger stannar mellan oss.",
                adept_wishes="Bli tryggare i min roll.",
                mentor_confirmed_at=self.now,
                adept_confirmed_at=self.now,
            )
            for pair in self.pairs
        )

    def _applications(self) -> None:
        from programmes.models import Enrolment, EnrolmentStatus, Role

        applicants = self._people("sokande", APPLICATIONS)
        Enrolment.objects.bulk_create(
            (
                Enrolment(
                    person=person,
                    cohort=self.next_cohort,
                    role=Role.ADEPT if i % 2 else Role.MENTOR,
                    status=EnrolmentStatus.APPLIED,
                    municipality=self.municipalities[i % len(self.municipalities)],
                    title="Biträdande rektor",
                    development="Att leda genom andra och att hålla i förändring.",
                )
                for i, person in enumerate(applicants)
            ),
            batch_size=1000,
        )
        self.applicants = applicants

    def _events(self) -> None:
        from events.models import Event, EventKind, EventRegistration

        kinds = [EventKind.SEMINAR, EventKind.LEADERSHIP_CAFE, EventKind.MENTOR_DAY]
        events = Event.objects.bulk_create(
            Event(
                programme=self.programme,
                cohort=self.cohort,
                kind=kinds[e % len(kinds)],
                title=f"Seminarium {e + 1}: att leda i förändring",
                starts_at=self.now + datetime.timedelta(days=7 * (e - 30)),
                ends_at=self.now + datetime.timedelta(days=7 * (e - 30), hours=3),
                place="Stadshuset",
                capacity=100,
            )
            for e in range(EVENTS)
        )
        everyone = [*self.people, *self.applicants]
        per_event, extra = divmod(REGISTRATIONS, EVENTS)
        EventRegistration.objects.bulk_create(
            (
                EventRegistration(event=event, person=person, attended=e % 2 == 0)
                for e, event in enumerate(events)
                for person in self.rng.sample(everyone, per_event + (1 if e < extra else 0))
            ),
            batch_size=2000,
        )

    def _fees(self) -> None:
        from fees.models import FeeLine, InvoiceBasis

        self.bases = InvoiceBasis.objects.bulk_create(
            InvoiceBasis(cohort=self.cohort, municipality=m) for m in self.municipalities
        )
        basis_of = {basis.municipality_id: basis for basis in self.bases}
        FeeLine.objects.bulk_create(
            (
                FeeLine(
                    basis=basis_of[enrolment.municipality_id],
                    enrolment=enrolment,
                    description=f"Deltagaravgift {self.cohort.name}",
                    amount=FEE,
                )
                for enrolment in self.enrolments
            ),
            batch_size=2000,
        )

    def summary(self) -> str:
        from events.models import EventRegistration
        from pairs.models import GoalRating, Meeting, Reflection

        return (
            f"{len(self.pairs)} pairs, {Meeting.objects.count()} meetings, "
            f"{GoalRating.objects.count()} ratings, {Reflection.objects.count()} reflections, "
            f"{EVENTS} events with {EventRegistration.objects.count()} registrations, "
            f"{len(self.applicants)} applications"
        )

    def requests(self, csrf: str) -> dict[str, list[str]]:
        """Each kind's requests: "METHOD, path, cookie, body" joined by tabs."""
        from pairs.models import CalendarFeed

        def get(path: str, cookie: str) -> str:
            return f"GET\t{path}\t{cookie}\t"

        requests: dict[str, list[str]] = {kind: [] for kind in MIX}
        day = (self.today + datetime.timedelta(days=20)).isoformat()
        plan = f"day={day}&time=09%3A00&minutes=60&mode=in_person&place=Biblioteket"
        feeds = CalendarFeed.objects.bulk_create(
            CalendarFeed(person=person) for person in self.people[: 2 * SIGNED_IN_PAIRS]
        )
        for n in range(SIGNED_IN_PAIRS):
            pair = self.pairs[n]
            next_meeting = self.meetings[n * MEETINGS_PER_PAIR + MEETINGS_PER_PAIR - 2]
            for person in (self.people[2 * n], self.people[2 * n + 1]):
                cookie = _session_cookie(person, csrf)
                requests["participant start page"].append(get("/", cookie))
                requests["pair page"].append(get(f"/pairs/{pair.pk}/", cookie))
                requests["plan a meeting"].append(
                    f"POST\t/pairs/{pair.pk}/meetings/new/\t{cookie}\t{plan}"
                )
                requests["meeting .ics"].append(
                    get(f"/pairs/meetings/{next_meeting.pk}/meeting.ics", cookie)
                )
        for feed in feeds:
            requests["calendar feed"].append(get(f"/pairs/calendar/{feed.token}.ics", ""))
        cohort, upcoming = self.cohort.pk, self.next_cohort.pk
        for coordinator in self.coordinators:
            cookie = _session_cookie(coordinator, csrf)
            requests["coordinator start page"].append(get("/", cookie))
            requests["cohort page"].append(get(f"/cohorts/{cohort}/", cookie))
            requests["applications"].append(get(f"/cohorts/{upcoming}/applications/", cookie))
            requests["cohort health"].append(get(f"/pairs/cohorts/{cohort}/health/", cookie))
            requests["matching"].append(get(f"/matching/cohorts/{upcoming}/", cookie))
            requests["reports overview"].append(get(f"/reports/cohorts/{cohort}/", cookie))
            requests["invoice basis"].extend(get(f"/fees/{b.pk}/", cookie) for b in self.bases)
        for municipality, contact in zip(self.municipalities, self.contacts, strict=True):
            cookie = _session_cookie(contact, csrf)
            requests["contact start page"].append(get("/", cookie))
            requests["municipality view"].append(
                get(f"/reports/municipalities/{municipality.pk}/", cookie)
            )
        return requests


def _session_cookie(user: Any, csrf: str) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}; csrftoken={csrf}"

"""The seeds' other shapes beside the consortium: Norrköping's mentoring for upper-secondary
students (pairs, students as adepts, the municipality's department heads as mentors),
Kungsbacka's eight-month programme run as group mentoring, Örebro's leadership programme
of sessions for 19 managers, and the sessions of Norrtälje's two tracks.

Every row is found or created by its natural key, so building twice changes nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TextIO

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import Gender, User
from events.models import Audience, Event, EventKind, EventRegistration, SessionReflection
from events.services.events import event_create
from events.services.open_events import open_event_register
from events.services.session_participants import session_participants_sync
from events.services.sessions import SessionFields, session_plan
from pairs.models import GroupMeeting, MeetingMode, MeetingStatus, MentorGroup, Pair
from pairs.services.groups import group_join
from programmes.models import (
    AdmissionRule,
    AgeGroup,
    Cohort,
    CohortFormat,
    ConsentRule,
    Enrolment,
    EnrolmentStatus,
    Membership,
    Municipality,
    ParticipantKind,
    Programme,
    ProgrammeKind,
    Role,
)

from .consortium import (
    CAREER_PROGRAMME,
    DEMO_DOMAIN,
    DEMO_PASSWORD,
    LOGINS,
    TALENT_PROGRAMME,
    DemoLogin,
    _municipality_domain,
    _person,
    _with_totp,
    programme_year,
)

STUDENT_PROGRAMME = "Mentorskap för gymnasieelever"
GROUP_PROGRAMME = "Kungsbackaledaren – leda i utveckling"
NORRKOPING = ("Norrköping", "0581")
KUNGSBACKA = ("Kungsbacka", "1384")

STUDENTS = [
    ("Amina", "Hassan", Gender.WOMAN, "Naturvetenskapsprogrammet, De Geergymnasiet"),
    ("Daniel", "Tesfaye", Gender.MAN, "Ekonomiprogrammet, Hagagymnasiet"),
    ("Leyla", "Karimi", Gender.WOMAN, "Samhällsvetenskapsprogrammet, Ebersteinska"),
    ("Omar", "Aziz", Gender.MAN, "Teknikprogrammet, Ebersteinska"),
    ("Sara", "Jovanović", Gender.WOMAN, "Vård- och omsorgsprogrammet, Hagagymnasiet"),
    ("Milan", "Nikolić", Gender.MAN, "Ekonomiprogrammet, De Geergymnasiet"),
]
STUDENT_WISHES = [
    "Få veta hur det är att vara chef i kommunen och vilka vägar som leder dit.",
    "Någon att fråga om studier och jobb, och få se en arbetsplats inifrån.",
    "Träna på att tala inför andra och få råd om sommarjobb.",
]
DEPARTMENT_HEADS = [
    ("Eva", "Lundberg", Gender.WOMAN, "Förvaltningschef, utbildningsförvaltningen"),
    ("Mikael", "Ek", Gender.MAN, "Förvaltningschef, samhällsbyggnadskontoret"),
    ("Annika", "Borg", Gender.WOMAN, "Förvaltningschef, vård- och omsorgskontoret"),
    ("Johan", "Rydberg", Gender.MAN, "Förvaltningschef, kultur- och fritidskontoret"),
    ("Helena", "Wikström", Gender.WOMAN, "Förvaltningschef, socialkontoret"),
    ("Karl", "Nyström", Gender.MAN, "Förvaltningschef, tekniska kontoret"),
]
GROUP_MENTORS = [
    ("Birgitta", "Alm", Gender.WOMAN, "Sektorschef, Förskola & Grundskola"),
    ("Thomas", "Krantz", Gender.MAN, "Sektorschef, Teknik"),
]
GROUP_ADEPTS = [
    ("Linnea", "Holm", Gender.WOMAN, "Rektor"),
    ("Oskar", "Berglund", Gender.MAN, "Enhetschef, hemtjänst"),
    ("Maria", "Forsberg", Gender.WOMAN, "Avdelningschef, IT"),
    ("Ahmed", "Yilmaz", Gender.MAN, "Enhetschef, gata/park"),
    ("Karin", "Lindahl", Gender.WOMAN, "Förskolechef"),
    ("Viktor", "Sundqvist", Gender.MAN, "Driftchef, VA"),
]
GROUP_NOTES = [
    "Vi pratade om att leda i förändring: hur tar man med sig medarbetarna när arbetssätten "
    "blir digitala? Nästa gång tar alla med ett exempel från sin verksamhet.",
    "Tema delaktighet. Linnea berättade om arbetsplatsträffarna som hennes lärare numera leder.",
]


def _participant(
    *,
    cohort: Cohort,
    role: str,
    municipality: Municipality,
    person: User,
    title: str,
    **answers: object,
) -> Enrolment:
    enrolment, _created = Enrolment.objects.get_or_create(
        person=person,
        cohort=cohort,
        role=role,
        defaults={
            "status": EnrolmentStatus.ADMITTED,
            "municipality": municipality,
            "title": title,
            "languages": "svenska, engelska",
            "completed_at": timezone.now(),
            **answers,
        },
    )
    return enrolment


def _coordinator(first: str, last: str, town: str, local: str, password_hash: str) -> User:
    person = _person(
        first=first,
        last=last,
        domain=_municipality_domain(town),
        email=f"{local}@{DEMO_DOMAIN}",
        gender=Gender.WOMAN,
        birth_year=1974,
        password_hash=password_hash,
    )
    return _with_totp(person)


def _local_programme(
    name: str,
    *,
    municipality: Municipality,
    coordinator: User,
    joined: datetime.date,
    settings: dict[str, object],
) -> Programme:
    """A municipality's own programme, run by its coordinator."""
    programme, _created = Programme.objects.get_or_create(name=name, defaults=settings)
    programme.coordinators.add(coordinator)
    Membership.objects.get_or_create(
        programme=programme, municipality=municipality, joined_on=joined
    )
    return programme


def _municipality(name: str, code: str) -> Municipality:
    municipality, _created = Municipality.objects.get_or_create(code=code, defaults={"name": name})
    return municipality


def _students(password_hash: str, year: int) -> tuple[User, int]:
    norrkoping = _municipality(*NORRKOPING)
    coordinator = _coordinator(
        "Lena", "Fransson", "Norrköping", "samordnare.norrkoping", password_hash
    )
    programme = _local_programme(
        STUDENT_PROGRAMME,
        municipality=norrkoping,
        coordinator=coordinator,
        joined=datetime.date(2015, 1, 1),
        settings={
            "kind": ProgrammeKind.YOUTH,
            "description": (
                "Norrköpings kommuns mentorsprogram för gymnasieelever med flerkulturell "
                "bakgrund. Mentorerna är kommunens förvaltningschefer: förebilder som visar "
                "hur många yrken det finns i en kommun och hur en intern karriär kan se ut."
            ),
            "mentor_from_other_municipality": False,
            "admission_rule": AdmissionRule.SELECTION,
            "fee_sek": Decimal("0"),
            "mentor_fee_sek": Decimal("0"),
            "planned_meetings": 6,
            "meeting_minutes": 60,
            "adept_kind": ParticipantKind.STUDENT,
            "mentor_kind": ParticipantKind.MANAGER,
            "manager_consent": ConsentRule.NEVER,
            "asks_work_area": False,
            "asks_wants": True,
        },
    )
    cohort, _created = Cohort.objects.get_or_create(
        programme=programme,
        name=f"Läsåret {year}/{(year + 1) % 100:02d}",
        defaults={
            "starts_on": datetime.date(year, 9, 15),
            "ends_on": datetime.date(year + 1, 5, 31),
            "mentor_places": 15,
            "adept_places": 15,
            "format": CohortFormat.PAIRS,
        },
    )
    domain = _municipality_domain("Norrköping")
    mentors = [
        _participant(
            cohort=cohort,
            role=Role.MENTOR,
            municipality=norrkoping,
            person=_person(
                first=first,
                last=last,
                gender=gender,
                birth_year=1965 + i,
                domain=domain,
                password_hash=password_hash,
            ),
            title=title,
            years_as_manager=12 + i,
            mentor_capacity=1,
        )
        for i, (first, last, gender, title) in enumerate(DEPARTMENT_HEADS)
    ]
    made = 0
    for i, (first, last, gender, school) in enumerate(STUDENTS):
        student = _participant(
            cohort=cohort,
            role=Role.ADEPT,
            municipality=norrkoping,
            person=_person(
                first=first,
                last=last,
                gender=gender,
                birth_year=year - 17,
                domain="elev.norrkoping.demo.example",
                password_hash=password_hash,
            ),
            title="",
            school=school,
            age_group=AgeGroup.UNDER_30,
            languages=["svenska, arabiska", "svenska, tigrinja", "svenska, persiska"][i % 3],
            wants_from_mentor=STUDENT_WISHES[i % len(STUDENT_WISHES)],
        )
        if not Pair.objects.filter(adept=student).exists():
            Pair.objects.create(cohort=cohort, mentor=mentors[i], adept=student)
            made += 1
    return coordinator, made


def _groups(password_hash: str, year: int) -> tuple[User, int]:
    kungsbacka = _municipality(*KUNGSBACKA)
    coordinator = _coordinator(
        "Ulrika", "Strand", "Kungsbacka", "samordnare.kungsbacka", password_hash
    )
    programme = _local_programme(
        GROUP_PROGRAMME,
        municipality=kungsbacka,
        coordinator=coordinator,
        joined=datetime.date(2014, 1, 1),
        settings={
            "kind": ProgrammeKind.LEADERSHIP,
            "description": (
                "Kungsbacka kommuns utvecklingsprogram för chefer under åtta månader: att leda "
                "medarbetare och sig själv i nya, digitala arbetssätt. Varje erfaren chef leder "
                "en mentorsgrupp med tre chefer som träffas en gång i månaden."
            ),
            "mentor_from_other_municipality": False,
            "admission_rule": AdmissionRule.SELECTION,
            "fee_sek": Decimal("0"),
            "mentor_fee_sek": Decimal("0"),
            "planned_meetings": 8,
            "meeting_minutes": 120,
            "asks_work_area": False,
            "cohort_format": CohortFormat.GROUPS,
        },
    )
    cohort, _created = Cohort.objects.get_or_create(
        programme=programme,
        name=f"{year}/{(year + 1) % 100:02d}",
        defaults={
            "starts_on": datetime.date(year, 9, 1),
            "ends_on": datetime.date(year + 1, 4, 30),
            "mentor_places": 2,
            "adept_places": 6,
            "format": CohortFormat.GROUPS,
            "group_size": 3,
        },
    )
    domain = _municipality_domain("Kungsbacka")

    def enrol(i: int, name: tuple[str, str, str, str], role: str) -> Enrolment:
        first, last, gender, title = name
        mentor = role == Role.MENTOR
        return _participant(
            cohort=cohort,
            role=role,
            municipality=kungsbacka,
            person=_person(
                first=first,
                last=last,
                gender=gender,
                birth_year=(1963 if mentor else 1984) + i,
                domain=domain,
                password_hash=password_hash,
            ),
            title=title,
            years_as_manager=(15 if mentor else 1) + i,
        )

    mentors = [enrol(i, name, Role.MENTOR) for i, name in enumerate(GROUP_MENTORS)]
    made = 0
    for i, name in enumerate(GROUP_ADEPTS):
        adept = enrol(i, name, Role.ADEPT)
        if not Pair.objects.filter(adept=adept).exists():
            group_join(Pair.objects.create(cohort=cohort, mentor=mentors[i % 2], adept=adept))
            made += 1
    today = timezone.localdate()
    for n, group in enumerate(MentorGroup.objects.filter(cohort=cohort).order_by("pk")):
        if group.meetings.exists():
            continue
        start = max(cohort.starts_on, today - datetime.timedelta(days=90))
        for m, day in enumerate(start + datetime.timedelta(days=10 + 30 * k) for k in range(3)):
            if day >= today:
                break
            GroupMeeting.objects.create(
                group=group,
                starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(13))),
                minutes=120,
                mode=MeetingMode.IN_PERSON,
                place="Stadshuset, Kungsbacka",
                status=MeetingStatus.HELD,
                held_minutes=120,
                notes=GROUP_NOTES[m % len(GROUP_NOTES)] if n == 0 else "",
                created_by=group.mentor.person,
            )
        GroupMeeting.objects.create(
            group=group,
            starts_at=timezone.make_aware(
                datetime.datetime.combine(today + datetime.timedelta(days=9), datetime.time(13))
            ),
            minutes=120,
            mode=MeetingMode.IN_PERSON,
            place="Stadshuset, Kungsbacka",
            questions="Vilken förändring i din verksamhet vill du prata om?",
            created_by=group.mentor.person,
        )
    return coordinator, made


SESSION_PROGRAMME = "Det personliga ledarskapet"
OREBRO = ("Örebro", "1880")
OREBRO_MANAGERS = [
    ("Anders", "Wikman", Gender.MAN),
    ("Cecilia", "Öhman", Gender.WOMAN),
    ("Erik", "Palm", Gender.MAN),
    ("Fatima", "Osman", Gender.WOMAN),
    ("Gustav", "Hellström", Gender.MAN),
    ("Ida", "Lind", Gender.WOMAN),
    ("Jesper", "Nord", Gender.MAN),
    ("Kajsa", "Berg", Gender.WOMAN),
    ("Lars", "Bäck", Gender.MAN),
    ("Mira", "Stål", Gender.WOMAN),
    ("Nils", "Grahn", Gender.MAN),
    ("Olivia", "Rask", Gender.WOMAN),
    ("Pontus", "Ek", Gender.MAN),
    ("Rebecka", "Sand", Gender.WOMAN),
    ("Stefan", "Vik", Gender.MAN),
    ("Tove", "Lilja", Gender.WOMAN),
    ("Ulf", "Dahl", Gender.MAN),
    ("Vera", "Kron", Gender.WOMAN),
    ("Zlatan", "Begić", Gender.MAN),
]
# (theme, what to prepare, the questions each participant answers afterwards)
LEADERSHIP_SESSIONS = [
    (
        "Uppstart: förväntningar och mitt ledarskap i dag",
        "Skriv ner tre situationer från förra månaden där du kände dig trygg som chef.",
        "Vad tar du med dig från dagen?\nVad vill du pröva före nästa träff?",
    ),
    (
        "Att leda i förändring",
        "Läs kapitel 2 i boken och ta med en förändring i din verksamhet.",
        "Vilken förändring i din verksamhet ser du nu annorlunda på?",
    ),
    (
        "Dialog, relationer och delaktighet",
        "Fråga två medarbetare när de senast kände sig delaktiga.",
        "Vad hörde du från dina medarbetare som överraskade dig?",
    ),
    (
        "Ekonomisk osäkerhet och prioriteringar",
        "Ta med din verksamhets budget för året.",
        "Vilken prioritering vill du förklara bättre för dina medarbetare?",
    ),
    (
        "Motiverande lönesamtal",
        "Tänk på ett lönesamtal som inte blev som du tänkt dig.",
        "Vad säger du annorlunda i nästa lönesamtal?",
    ),
    (
        "Avslutning: min ledarplan",
        "Skriv ett utkast till din ledarplan för nästa år.",
        "Vad är det viktigaste du har lärt dig under programmet?",
    ),
]
TALENT_THEMES = [
    "Det formella chefsansvaret",
    "Värderingar i Norrtäljemodellen",
    "Dilemman i vardagen",
    "Arbetsglädje",
    "Att leda tidigare kollegor",
    "Avslutning och vägen vidare",
]
CAREER_THEMES = ["Karriärvägar i kommunen", "Mina drivkrafter", "Min plan framåt"]


def _series(
    cohort: Cohort,
    actor: User,
    *,
    first: datetime.date,
    every_days: int,
    themes: list[tuple[str, str, str]],
    place: str,
) -> list[Event]:
    """The cohort's sessions, planned once by its coordinator."""
    if Event.objects.filter(cohort=cohort, kind=EventKind.SESSION).exists():
        return list(Event.objects.filter(cohort=cohort, kind=EventKind.SESSION))
    sessions = []
    for n, (theme, preparation, questions) in enumerate(themes):
        day = first + datetime.timedelta(days=every_days * n)
        starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(13)))
        fields: SessionFields = {
            "title": f"Träff {n + 1}",
            "theme": theme,
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=3),
            "place": place,
            "preparation": preparation,
            "reflection_questions": questions,
        }
        if starts > timezone.now():
            sessions.append(session_plan(cohort=cohort, actor=actor, **fields))
        else:
            # The service plans only what is still to come; the demo's autumn has been.
            held = Event.objects.create(
                programme=cohort.programme,
                cohort=cohort,
                kind=EventKind.SESSION,
                audience=Audience.COHORT,
                capacity=1,
                **fields,
            )
            session_participants_sync(event=held)
            sessions.append(held)
    return sessions


def _sessions(password_hash: str, year: int) -> tuple[User, User, int]:
    orebro = _municipality(*OREBRO)
    coordinator = _coordinator("Jessica", "Holm", "Örebro", "samordnare.orebro", password_hash)
    programme = _local_programme(
        SESSION_PROGRAMME,
        municipality=orebro,
        coordinator=coordinator,
        joined=datetime.date(2014, 1, 1),
        settings={
            "kind": ProgrammeKind.LEADERSHIP,
            "description": (
                "Örebro kommuns ledarskapsprogram för chefer: att leda i förändring, skapa "
                "dialog, bygga relationer och delaktighet. Programmet är en serie träffar "
                "där cheferna möts, diskuterar och utbyter erfarenheter."
            ),
            "mentor_from_other_municipality": False,
            "admission_rule": AdmissionRule.SELECTION,
            "fee_sek": Decimal("0"),
            "mentor_fee_sek": Decimal("0"),
            "planned_meetings": len(LEADERSHIP_SESSIONS),
            "meeting_minutes": 180,
            "asks_work_area": False,
            "cohort_format": CohortFormat.SESSIONS,
        },
    )
    cohort, _created = Cohort.objects.get_or_create(
        programme=programme,
        name=f"Hösten {year} – våren {year + 1}",
        defaults={
            "starts_on": datetime.date(year, 9, 1),
            "ends_on": datetime.date(year + 1, 5, 31),
            "mentor_places": 0,
            "adept_places": 19,
            "format": CohortFormat.SESSIONS,
        },
    )
    domain = _municipality_domain("Örebro")
    people = [
        _participant(
            cohort=cohort,
            role=Role.ADEPT,
            municipality=orebro,
            person=_person(
                first=first,
                last=last,
                gender=gender,
                birth_year=1970 + i,
                domain=domain,
                password_hash=password_hash,
            ),
            title="Enhetschef",
            years_as_manager=1 + i % 6,
        ).person
        for i, (first, last, gender) in enumerate(OREBRO_MANAGERS)
    ]
    sessions = _series(
        cohort,
        coordinator,
        first=datetime.date(year, 9, 15),
        every_days=35,
        themes=LEADERSHIP_SESSIONS,
        place="Personalavdelningen, Stadshuset Örebro",
    )
    now = timezone.now()
    for n, session in enumerate(s for s in sessions if s.starts_at <= now):
        absent = {(n * 3 + k) % len(people) for k in range(1 + n % 3)}
        for i, person in enumerate(people):
            EventRegistration.objects.filter(event=session, person=person).update(
                attended=i not in absent
            )
        if n == 0:
            SessionReflection.objects.get_or_create(
                event=session,
                author=people[0],
                defaults={
                    "answers": [
                        {
                            "question": "Vad tar du med dig från dagen?",
                            "answer": "Att fler chefer känner som jag: det hjälper att höra det.",
                        },
                        {
                            "question": "Vad vill du pröva före nästa träff?",
                            "answer": "Att fråga mina medarbetare vad de behöver av mig.",
                        },
                    ]
                },
            )
    # Norrtälje's two tracks meet as groups of talents and of the curious.
    norrtalje = User.objects.get(email=f"samordnare.norrtalje@{DEMO_DOMAIN}")
    for name, themes, every in (
        (TALENT_PROGRAMME, TALENT_THEMES, 28),
        (CAREER_PROGRAMME, CAREER_THEMES, 30),
    ):
        for track in Cohort.objects.filter(programme__name=name, format=CohortFormat.SESSIONS):
            _series(
                track,
                norrtalje,
                first=track.starts_on + datetime.timedelta(days=7),
                every_days=every,
                themes=[(theme, "", "Vad tar du med dig?") for theme in themes],
                place="Kommunhuset, Norrtälje",
            )
    return coordinator, people[0], len(sessions)


LEADER_DAY = "Ledardag: Kungsbackaledaren – framtidens ledare"
LEADER_DAY_GUESTS = [
    ("Åsa", "Lindgren", Gender.WOMAN, "Förskolan Kungsgården", AgeGroup.FROM_40),
    ("Bengt", "Olofsson", Gender.MAN, "Teknik, gata/park", AgeGroup.FROM_50),
    ("Clara", "Johansson", Gender.WOMAN, "Hemtjänst norra", AgeGroup.UNDER_30),
    ("David", "Persson", Gender.MAN, "Kullaviks skola", AgeGroup.FROM_30),
    ("Emma", "Karlsson", Gender.WOMAN, "Individ och familj", AgeGroup.FROM_40),
    ("Filip", "Nilsson", Gender.MAN, "IT-avdelningen", AgeGroup.FROM_30),
]


def _leader_day(password_hash: str) -> Event:
    """Kungsbacka's leader day for its 340 managers and leaders, open to every employee with
    a municipal address; a few have registered through the shared link."""
    kungsbacka = _municipality(*KUNGSBACKA)
    programme = Programme.objects.get(name=GROUP_PROGRAMME)
    domain = _municipality_domain("Kungsbacka")
    event = Event.objects.filter(programme=programme, title=LEADER_DAY).first()
    if event is None:
        day = timezone.localdate() + datetime.timedelta(days=24)
        starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 30)))
        event = event_create(
            programme=programme,
            open_municipalities=[kungsbacka],
            kind=EventKind.LEADER_DAY,
            title=LEADER_DAY,
            theme="Värdegrundsbaserat ledarskap",
            description=(
                "Föreläsningar om värdegrundsbaserat ledarskap, och arbete i grupp med "
                "framtidens utmaningar som ledare. Det som kommer fram blir underlag för "
                "Kungsbackas ledarplattform."
            ),
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=8),
            place="Kungsbacka teater",
            capacity=340,
            audience=Audience.OPEN,
            email_domains=domain,
        )
    for first, last, gender, workplace, age_group in LEADER_DAY_GUESTS:
        person = _person(
            first=first, last=last, gender=gender, domain=domain, password_hash=password_hash
        )
        if not EventRegistration.objects.filter(event=event, person=person).exists():
            open_event_register(
                event=event,
                person=person,
                full_name=person.full_name,
                municipality=kungsbacka,
                workplace=workplace,
                gender=gender,
                age_group=age_group,
            )
    return event


def build(*, stdout: TextIO) -> None:
    password_hash = make_password(DEMO_PASSWORD)
    year = programme_year()
    norrkoping, students = _students(password_hash, year)
    kungsbacka, adepts = _groups(password_hash, year)
    orebro, participant, sessions = _sessions(password_hash, year)
    leader_day = _leader_day(password_hash)
    group_mentor = MentorGroup.objects.filter(cohort__programme__name=GROUP_PROGRAMME).first()
    LOGINS.extend(
        [
            DemoLogin("coordinator (Norrköping)", norrkoping.email, norrkoping.full_name, True),
            DemoLogin("coordinator (Kungsbacka)", kungsbacka.email, kungsbacka.full_name, True),
            DemoLogin("coordinator (Örebro)", orebro.email, orebro.full_name, True),
            DemoLogin("participant (Örebro)", participant.email, participant.full_name, False),
        ]
    )
    if group_mentor is not None:
        person = group_mentor.mentor.person
        LOGINS.append(DemoLogin("group mentor (Kungsbacka)", person.email, person.full_name, False))
    stdout.write(
        f"formats: student mentoring ({students} new pairs), group mentoring "
        f"({adepts} adepts placed in groups), a programme of {sessions} sessions, "
        f"an open leader day ({leader_day.registrations.count()} registered)\n"
    )

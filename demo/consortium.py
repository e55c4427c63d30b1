"""Demo data: the consortium from the seeds, its running cohort and Norrtälje's two tracks.

``python manage.py load_demo`` calls :func:`build`. Every row is found or created by its
natural key (municipality code, programme name, cohort name, e-mail address), so building
twice changes nothing. Later demo modules (``demo/enrolment.py``, ``demo/for_pairs.py``, ...)
extend what this one makes; they find it through the constants and helpers below.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TextIO

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import Gender, User
from programmes.models import (
    AdmissionRule,
    Cohort,
    CohortFormat,
    Enrolment,
    EnrolmentStatus,
    MeetingPreference,
    Membership,
    Municipality,
    ParticipantKind,
    Programme,
    ProgrammeKind,
    Role,
)

# One password for every demo account. Never load the demo into a production database.
DEMO_PASSWORD = "mentor-demo-2026"  # noqa: S105 (published on purpose)
# The demo staff accounts share this fixed TOTP secret, so a person can add it to an
# authenticator app once; `python manage.py demo_totp` prints the current code.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPMENTORDEMOTOTP23"  # noqa: S105 (published on purpose)
DEMO_DOMAIN = "demo.example"

CONSORTIUM_PROGRAMME = "Mentorprogrammet för chefer"
TALENT_PROGRAMME = "Ledartalang"
CAREER_PROGRAMME = "Egen karriär"

# (name, official code, joined the consortium)
CONSORTIUM = [
    ("Håbo", "0305", datetime.date(2016, 1, 1)),
    ("Enköping", "0381", datetime.date(2016, 1, 1)),
    ("Knivsta", "0330", datetime.date(2016, 1, 1)),
    ("Upplands Väsby", "0114", datetime.date(2016, 1, 1)),
    # Östhammar joined the running programme a year after the others.
    ("Östhammar", "0382", datetime.date(2017, 1, 1)),
]
NORRTALJE = ("Norrtälje", "0188", datetime.date(2014, 1, 1))

DEPARTMENTS = {
    "socialtjänst": "Socialförvaltningen",
    "skola": "Utbildningsförvaltningen",
    "äldreomsorg": "Vård- och omsorgsförvaltningen",
    "teknik": "Samhällsbyggnadsförvaltningen",
    "kultur": "Kultur- och fritidsförvaltningen",
    "administration": "Kommunledningsförvaltningen",
}
WORK_AREAS = list(DEPARTMENTS)

MENTOR_TITLES = {
    "socialtjänst": ["Avdelningschef individ- och familjeomsorg", "Socialchef"],
    "skola": ["Rektor", "Verksamhetschef grundskola"],
    "äldreomsorg": ["Verksamhetschef äldreomsorg", "Avdelningschef hemtjänst"],
    "teknik": ["Avdelningschef gata och park", "Driftchef VA"],
    "kultur": ["Kultur- och fritidschef", "Biblioteks- och kulturchef"],
    "administration": ["Ekonomichef", "HR-chef"],
}
ADEPT_TITLES = {
    "socialtjänst": ["Enhetschef försörjningsstöd", "Enhetschef HVB-hem"],
    "skola": ["Biträdande rektor", "Rektor förskola"],
    "äldreomsorg": ["Enhetschef särskilt boende", "Enhetschef hemtjänst"],
    "teknik": ["Enhetschef fastighetsdrift", "Gruppchef kart och mät"],
    "kultur": ["Enhetschef fritidsgårdar", "Bibliotekschef"],
    "administration": ["Enhetschef löneservice", "IT-chef"],
}

MENTOR_OFFERS = [
    "Att leda genom andra chefer, budgetarbete och att bygga en trygg ledningsgrupp.",
    "Förändringsledning, svåra personalärenden och att hitta balans mellan jobb och fritid.",
    "Att leda i politiskt styrd organisation och att formulera verksamhetens mål.",
    "Coachande förhållningssätt, delegering och arbetsmiljöansvaret i praktiken.",
]
ADEPT_WISHES = [
    "Bli tryggare i chefsrollen och lära mig att delegera.",
    "Hantera stress och prioritera när arbetsveckan inte räcker till.",
    "Leda medarbetare som tidigare var mina kollegor.",
    "Förstå budget och uppföljning och våga ta svåra samtal.",
]

# Mentors and adepts of the consortium's running cohort: four of each per municipality.
MENTOR_NAMES = [
    ("Agneta", "Lundqvist", Gender.WOMAN),
    ("Per", "Holmberg", Gender.MAN),
    ("Birgitta", "Sandström", Gender.WOMAN),
    ("Lars", "Ekström", Gender.MAN),
    ("Eva", "Forsberg", Gender.WOMAN),
    ("Mikael", "Bergqvist", Gender.MAN),
    ("Ulla", "Nordin", Gender.WOMAN),
    ("Anders", "Lindgren", Gender.MAN),
    ("Karin", "Hedlund", Gender.WOMAN),
    ("Jan", "Söderberg", Gender.MAN),
    ("Marie", "Engström", Gender.WOMAN),
    ("Göran", "Wikström", Gender.MAN),
    ("Annika", "Blom", Gender.WOMAN),
    ("Henrik", "Sjöberg", Gender.MAN),
    ("Lena", "Åberg", Gender.WOMAN),
    ("Thomas", "Lund", Gender.MAN),
    ("Helena", "Isaksson", Gender.WOMAN),
    ("Stefan", "Nyberg", Gender.MAN),
    ("Cecilia", "Strand", Gender.WOMAN),
    ("Magnus", "Hellström", Gender.MAN),
]
# Admitted in the autumn, after the pairs were published: still to be matched, so the
# coordinator has a matching to run in the demo (demo.for_pairs pairs only the June admissions).
LATE_MENTOR_NAMES = [
    ("Gunilla", "Wikström", Gender.WOMAN),
    ("Stefan", "Hedlund", Gender.MAN),
    ("Marie", "Englund", Gender.WOMAN),
]
LATE_ADEPT_NAMES = [
    ("Jonas", "Blom", Gender.MAN),
    ("Leila", "Karimi", Gender.WOMAN),
    ("Sofia", "Strand", Gender.WOMAN),
]
ADEPT_NAMES = [
    ("Sara", "Lindberg", Gender.WOMAN),
    ("Ahmed", "Hassan", Gender.MAN),
    ("Emma", "Karlsson", Gender.WOMAN),
    ("Johan", "Berg", Gender.MAN),
    ("Fatima", "Ali", Gender.WOMAN),
    ("Oskar", "Nyström", Gender.MAN),
    ("Linnea", "Holm", Gender.WOMAN),
    ("Daniel", "Sundberg", Gender.MAN),
    ("Maja", "Eriksson", Gender.WOMAN),
    ("Tibor", "Nagy", Gender.MAN),
    ("Josefin", "Dahl", Gender.WOMAN),
    ("Erik", "Axelsson", Gender.MAN),
    ("Amra", "Hodžić", Gender.WOMAN),
    ("Viktor", "Lindholm", Gender.MAN),
    ("Ida", "Jonsson", Gender.WOMAN),
    ("Robin", "Falk", Gender.MAN),
    ("Hanna", "Öberg", Gender.WOMAN),
    ("Nils", "Håkansson", Gender.MAN),
    ("Elin", "Mattsson", Gender.WOMAN),
    ("Samir", "Khalil", Gender.MAN),
]
TALENT_NAMES = [
    ("Alva", "Persson", Gender.WOMAN),
    ("Kevin", "Lindström", Gender.MAN),
    ("Moa", "Sjögren", Gender.WOMAN),
    ("Yusuf", "Abdi", Gender.MAN),
    ("Frida", "Norberg", Gender.WOMAN),
    ("Jonas", "Wallin", Gender.MAN),
    ("Sofia", "Ström", Gender.WOMAN),
    ("Patrik", "Lundgren", Gender.MAN),
]
CAREER_NAMES = [
    ("Malin", "Björk", Gender.WOMAN),
    ("Andreas", "Engberg", Gender.MAN),
    ("Therese", "Månsson", Gender.WOMAN),
    ("Mattias", "Blomqvist", Gender.MAN),
    ("Jenny", "Lindqvist", Gender.WOMAN),
    ("Rasmus", "Hedberg", Gender.MAN),
    ("Louise", "Ekman", Gender.WOMAN),
    ("Ali", "Rahimi", Gender.MAN),
    ("Camilla", "Svensson", Gender.WOMAN),
    ("Fredrik", "Åström", Gender.MAN),
    ("Nora", "Hermansson", Gender.WOMAN),
    ("Emil", "Sandberg", Gender.MAN),
]
TALENT_TITLES = ["Samordnare", "Specialistsjuksköterska", "Förste lärare", "Projektledare"]
CAREER_TITLES = ["Undersköterska", "Handläggare", "Lärare", "Ingenjör", "Bibliotekarie"]


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    name: str
    totp: bool


# Filled in by build(); load_demo prints them at the end.
LOGINS: list[DemoLogin] = []


def programme_year(today: datetime.date | None = None) -> int:
    """The year the current consortium cohort started (cohorts run September to June)."""
    today = today or timezone.localdate()
    return today.year if today.month >= 8 else today.year - 1


# Cohorts are named for their period: pages show the programme's name beside them.
def consortium_cohort_name(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def talent_cohort_name(year: int) -> str:
    return f"Våren {year + 1}"


def career_cohort_name(year: int) -> str:
    return f"Våren {year + 1}"


def current_totp_code() -> str:
    counter = int(timezone.now().timestamp()) // 30
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))


def _slug(text: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ž": "z", "ć": "c", " ": "-"})
    return text.lower().translate(table)


def _person(
    *,
    first: str,
    last: str,
    domain: str,
    password_hash: str,
    gender: str = "",
    birth_year: int | None = None,
    email: str | None = None,
    language: str = "sv",
) -> User:
    email = email or f"{_slug(first)}.{_slug(last)}@{domain}"
    user, _created = User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": f"{first} {last}",
            "gender": gender,
            "birth_year": birth_year,
            "preferred_language": language,
            "password": password_hash,
        },
    )
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _with_totp(user: User) -> User:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    return user


def _municipality_domain(name: str) -> str:
    return f"{_slug(name)}.{DEMO_DOMAIN}"


def _enrol(
    *,
    person: User,
    cohort: Cohort,
    role: str,
    municipality: Municipality,
    title: str,
    work_area: str,
    years: int,
    development: str,
    status: str = EnrolmentStatus.ADMITTED,
    wished_work_area: str = "",
    preference: str = MeetingPreference.EITHER,
    admitted_at: datetime.datetime | None = None,
) -> Enrolment:
    enrolment, _created = Enrolment.objects.get_or_create(
        person=person,
        cohort=cohort,
        role=role,
        defaults={
            "status": status,
            "municipality": municipality,
            "department": DEPARTMENTS[work_area],
            "title": title,
            "work_area": work_area,
            "years_as_manager": years,
            "development": development,
            "wished_work_area": wished_work_area,
            "meeting_preference": preference,
            "languages": "svenska, engelska",
            "status_changed_at": admitted_at or timezone.now(),
        },
    )
    return enrolment


def build(*, stdout: TextIO) -> None:
    password_hash = make_password(DEMO_PASSWORD)
    year = programme_year()
    LOGINS.clear()

    municipalities: dict[str, Municipality] = {}
    for name, code, _joined in [*CONSORTIUM, NORRTALJE]:
        municipality, _created = Municipality.objects.get_or_create(
            code=code, defaults={"name": name}
        )
        municipalities[code] = municipality
    consortium = [municipalities[code] for _name, code, _joined in CONSORTIUM]
    norrtalje = municipalities[NORRTALJE[1]]

    # People with a role of their own ------------------------------------------------------
    def role_holder(first: str, last: str, town: str, local: str, gender: str, born: int) -> User:
        return _person(
            first=first,
            last=last,
            domain=_municipality_domain(town),
            email=f"{local}@{DEMO_DOMAIN}",
            gender=gender,
            birth_year=born,
            password_hash=password_hash,
        )

    administrator = _person(
        first="Anna",
        last="Administratör",
        domain=DEMO_DOMAIN,
        email=f"admin@{DEMO_DOMAIN}",
        password_hash=password_hash,
    )
    if not (administrator.is_staff and administrator.is_superuser):
        administrator.is_staff = administrator.is_superuser = True
        administrator.save(update_fields=["is_staff", "is_superuser"])
    coordinator = role_holder("Ingrid", "Samuelsson", "Håbo", "samordnare", Gender.WOMAN, 1968)
    norrtalje_coordinator = role_holder(
        "Monica", "Dahlström", "Norrtälje", "samordnare.norrtalje", Gender.WOMAN, 1972
    )
    contact = role_holder("Kristina", "Holmqvist", "Håbo", "kontakt.habo", Gender.WOMAN, 1975)
    manager = role_holder("Peter", "Gustafsson", "Norrtälje", "chef.norrtalje", Gender.MAN, 1970)
    for staff in (administrator, coordinator, norrtalje_coordinator, contact):
        _with_totp(staff)
    municipalities["0305"].contacts.add(contact)

    # The five municipalities' mentor programme ---------------------------------------------
    programme, _created = Programme.objects.get_or_create(
        name=CONSORTIUM_PROGRAMME,
        defaults={
            "kind": ProgrammeKind.MENTOR,
            "description": (
                "Ett års mentorskap för chefer i Håbo, Enköping, Knivsta, Upplands Väsby och "
                "Östhammar. Adepten får en erfaren chef från en annan kommun som mentor; paret "
                "träffas ungefär en gång i månaden, oftast på mentorns arbetsplats."
            ),
            "mentor_from_other_municipality": True,
            "admission_rule": AdmissionRule.SELECTION,
            # "Deltagaravgiften är 9800 SEK för ett år": mentors and adepts alike.
            "fee_sek": Decimal("9800"),
            "mentor_fee_sek": Decimal("9800"),
            "fee_includes": "Ledarprofil som stöd för matchningen, träffar och mentorboken",
            "planned_meetings": 7,
            "meeting_minutes": 90,
        },
    )
    programme.coordinators.add(coordinator)
    for (_name, _code, joined), municipality in zip(CONSORTIUM, consortium, strict=True):
        Membership.objects.get_or_create(
            programme=programme, municipality=municipality, joined_on=joined
        )
    cohort, _created = Cohort.objects.get_or_create(
        programme=programme,
        name=consortium_cohort_name(year),
        defaults={
            "starts_on": datetime.date(year, 9, 1),
            "ends_on": datetime.date(year + 1, 6, 30),
            "applications_open_on": datetime.date(year, 4, 1),
            "applications_close_on": datetime.date(year, 5, 31),
            "mentor_places": 24,
            "adept_places": 24,
        },
    )

    def consortium_participant(
        index: int, name: tuple[str, str, str], role: str, admitted_at: datetime.datetime
    ) -> User:
        first, last, gender = name
        mentor = role == Role.MENTOR
        # Mentors and adepts are spread so that most have a partner outside their town.
        municipality = consortium[(index if mentor else index + 2) % len(consortium)]
        area = WORK_AREAS[(index if mentor else index + 1) % len(WORK_AREAS)]
        person = _person(
            first=first,
            last=last,
            gender=gender,
            birth_year=(1962 + index % 12) if mentor else (1982 + index % 14),
            domain=_municipality_domain(municipality.name),
            password_hash=password_hash,
        )
        if mentor:
            preference = MeetingPreference.IN_PERSON if index % 3 else MeetingPreference.EITHER
        else:
            preference = MeetingPreference.DIGITAL if index % 4 == 0 else MeetingPreference.EITHER
        _enrol(
            person=person,
            cohort=cohort,
            role=role,
            municipality=municipality,
            title=(MENTOR_TITLES if mentor else ADEPT_TITLES)[area][index % 2],
            work_area=area,
            years=(8 + index % 13) if mentor else index % 3,
            development=(
                MENTOR_OFFERS[index % len(MENTOR_OFFERS)]
                if mentor
                else ADEPT_WISHES[index % len(ADEPT_WISHES)]
            ),
            wished_work_area=area if not mentor and index % 2 else "",
            preference=preference,
            admitted_at=admitted_at,
        )
        return person

    # Admitted in June, before the year starts; a few more this autumn, still unmatched.
    in_june = timezone.make_aware(datetime.datetime(year, 6, 15, 10))
    this_autumn = timezone.now() - datetime.timedelta(days=4)
    mentors = [
        consortium_participant(index, name, Role.MENTOR, in_june)
        for index, name in enumerate(MENTOR_NAMES)
    ]
    adepts = [
        consortium_participant(index, name, Role.ADEPT, in_june)
        for index, name in enumerate(ADEPT_NAMES)
    ]
    for index, late in enumerate(LATE_MENTOR_NAMES, start=len(MENTOR_NAMES)):
        consortium_participant(index, late, Role.MENTOR, this_autumn)
    for index, late in enumerate(LATE_ADEPT_NAMES, start=len(ADEPT_NAMES)):
        consortium_participant(index, late, Role.ADEPT, this_autumn)

    # Norrtälje's two tracks ----------------------------------------------------------------
    talent, _created = Programme.objects.get_or_create(
        name=TALENT_PROGRAMME,
        defaults={
            "kind": ProgrammeKind.TALENT,
            "description": (
                "Norrtälje kommuns talangprogram för medarbetare som ses som goda ledare. "
                "Närmaste chef nominerar, förvaltningens ledningsgrupp och "
                "kommunkoncernledningen beslutar. 10–15 deltagare, 5–6 träffar under ett "
                "halvår. Målet är att 75 % har en chefstjänst inom två år."
            ),
            "mentor_from_other_municipality": False,
            "admission_rule": AdmissionRule.NOMINATION,
            "fee_sek": Decimal("0"),
            "mentor_fee_sek": Decimal("0"),
            "fee_includes": "",
            "planned_meetings": 6,
            "meeting_minutes": 180,
            # Employees take part as adepts; their mentors are managers.
            "adept_kind": ParticipantKind.EMPLOYEE,
            # "5-6 träffar under ett halvår": the talents meet as a group.
            "cohort_format": CohortFormat.SESSIONS,
        },
    )
    career, _created = Programme.objects.get_or_create(
        name=CAREER_PROGRAMME,
        defaults={
            "kind": ProgrammeKind.CAREER,
            "description": (
                "För alla medarbetare i Norrtälje kommun som är nyfikna på hur man kan "
                "utvecklas inom kommunen: karriärvägar och egna drivkrafter. Först till "
                "kvarn, i samråd med närmaste chef eftersom träffarna är på arbetstid. "
                "30–40 platser, 3 träffar under 3 månader."
            ),
            "mentor_from_other_municipality": False,
            "admission_rule": AdmissionRule.OPEN,
            "fee_sek": Decimal("0"),
            "mentor_fee_sek": Decimal("0"),
            "fee_includes": "",
            "planned_meetings": 3,
            "meeting_minutes": 180,
            # Open to all employees, in either role: nobody is asked for years as manager.
            "adept_kind": ParticipantKind.EMPLOYEE,
            "mentor_kind": ParticipantKind.EMPLOYEE,
            # "3 träffar under 3 månader", together.
            "cohort_format": CohortFormat.SESSIONS,
        },
    )
    for track in (talent, career):
        track.coordinators.add(norrtalje_coordinator)
        Membership.objects.get_or_create(
            programme=track, municipality=norrtalje, joined_on=NORRTALJE[2]
        )
    talent_cohort, _created = Cohort.objects.get_or_create(
        programme=talent,
        name=talent_cohort_name(year),
        defaults={
            "starts_on": datetime.date(year + 1, 1, 20),
            "ends_on": datetime.date(year + 1, 6, 15),
            "applications_open_on": datetime.date(year, 10, 1),
            "applications_close_on": datetime.date(year, 12, 15),
            "mentor_places": 0,
            "adept_places": 15,
            "format": CohortFormat.SESSIONS,
        },
    )
    career_cohort, _created = Cohort.objects.get_or_create(
        programme=career,
        name=career_cohort_name(year),
        defaults={
            "starts_on": datetime.date(year + 1, 2, 1),
            "ends_on": datetime.date(year + 1, 4, 30),
            "applications_open_on": datetime.date(year, 11, 1),
            "applications_close_on": datetime.date(year + 1, 1, 15),
            "mentor_places": 0,
            "adept_places": 40,
            "format": CohortFormat.SESSIONS,
        },
    )
    norrtalje_domain = _municipality_domain("Norrtälje")
    for index, (first, last, gender) in enumerate(TALENT_NAMES):
        person = _person(
            first=first,
            last=last,
            gender=gender,
            birth_year=1985 + index,
            domain=norrtalje_domain,
            password_hash=password_hash,
        )
        area = WORK_AREAS[index % len(WORK_AREAS)]
        _enrol(
            person=person,
            cohort=talent_cohort,
            role=Role.ADEPT,
            municipality=norrtalje,
            title=TALENT_TITLES[index % len(TALENT_TITLES)],
            work_area=area,
            years=0,
            development="Förbereda mig för en kommande chefsroll.",
            status=EnrolmentStatus.APPLIED,
        )
    for index, (first, last, gender) in enumerate(CAREER_NAMES):
        person = _person(
            first=first,
            last=last,
            gender=gender,
            birth_year=1978 + index,
            domain=norrtalje_domain,
            password_hash=password_hash,
        )
        area = WORK_AREAS[(index + 3) % len(WORK_AREAS)]
        _enrol(
            person=person,
            cohort=career_cohort,
            role=Role.ADEPT,
            municipality=norrtalje,
            title=CAREER_TITLES[index % len(CAREER_TITLES)],
            work_area=area,
            years=0,
            development="Se vilka karriärvägar som finns i kommunen.",
            status=EnrolmentStatus.ADMITTED if index < 8 else EnrolmentStatus.APPLIED,
        )

    LOGINS.extend(
        [
            DemoLogin("administrator", administrator.email, administrator.full_name, True),
            DemoLogin("coordinator", coordinator.email, coordinator.full_name, True),
            DemoLogin(
                "coordinator (Norrtälje)",
                norrtalje_coordinator.email,
                norrtalje_coordinator.full_name,
                True,
            ),
            DemoLogin("municipality contact (Håbo)", contact.email, contact.full_name, True),
            DemoLogin("mentor", mentors[0].email, mentors[0].full_name, False),
            DemoLogin("adept", adepts[0].email, adepts[0].full_name, False),
            DemoLogin("nominating manager (Norrtälje)", manager.email, manager.full_name, False),
        ]
    )
    stdout.write(
        f"programmes: {len(consortium) + 1} municipalities, 3 programmes, "
        f"{Enrolment.objects.count()} enrolments\n"
    )

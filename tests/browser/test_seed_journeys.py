"""The seeds' programmes, each run from an empty database in the browser as its people would.

000 Norrköping's student mentoring, 001 Norrtälje's Egen karriär and Ledartalang, 002 the
consortium's pair programme (also in English), 004 Kungsbacka's leader day. Shared steps are
in ``seed_steps``; ``set_up_programme`` is the one place that sets a programme up.

In each, the first administrator registers the municipalities and sets the programme up,
naming its coordinator (a fresh install has no coordinator who could); the coordinator runs
it from there, and the participants, their managers and the employees do their own parts.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from matching.models import MatchRun
from pairs.models import Meeting, MeetingStatus, Pair
from programmes.models import (
    AdmissionRule,
    ConsentRule,
    Enrolment,
    EnrolmentStatus,
    ParticipantKind,
    ProgrammeKind,
    Role,
)

from .seed_steps import (
    TODAY,
    Place,
    Shape,
    admit,
    consent_by_link,
    create_cohort,
    enter_code,
    fill_leader_profile,
    link_in_mail,
    log_a_meeting,
    match_and_publish,
    open_application,
    open_leader_profiles,
    plan_cohort_event,
    produce_report,
    register_municipalities,
    screenshot,
    send_application,
    set_up_programme,
    sign_in_with_code,
    write_leader_profile,
)

pytestmark = pytest.mark.browser

LEADER_DAY = TODAY + datetime.timedelta(days=8)
REPORT_HEADINGS = ("Contents", "Participants", "Applications", "Pairs and meetings")


def assert_report_in(text: str, language: str) -> None:
    """The PDF's headings are those of ``language``."""
    with translation.override(language):
        for heading in REPORT_HEADINGS:
            assert gettext(heading) in text, (language, gettext(heading))


@pytest.fixture
def administrator(make_persona):  # type: ignore[no-untyped-def]
    """The first account of a fresh install: ``createsuperuser``, with its second factor."""
    return make_persona(
        staff=True, is_staff=True, is_superuser=True, full_name="Alex Administratör"
    )


# 000 Norrköping: high-school students as adepts, department heads as mentors ---------------

NORRKOPING_STUDENTS = Shape(
    name="Mentorprogram för gymnasieelever",
    kind=ProgrammeKind.YOUTH,
    description="Gymnasieelever med flerkulturell bakgrund får en förvaltningschef som mentor.",
    admission_rule=AdmissionRule.SELECTION,
    adept_kind=ParticipantKind.STUDENT,
    mentor_kind=ParticipantKind.MANAGER,
    manager_consent=ConsentRule.NEVER,
    coordinator="Nadia Samordnare",
    municipalities=("Norrköping",),
    mentor_from_other_municipality=False,
    asks_work_area=False,
    asks_languages=True,
    asks_wants=True,
    planned_meetings=6,
    meeting_minutes=60,
)


def _sign_up(page, *, name: str, email: str) -> None:  # type: ignore[no-untyped-def]
    """A student without a municipal account signs up and confirms the address by mail."""
    page.goto("/accounts/signup/")
    form = page.locator("main form").filter(has=page.locator("input[name=password1]"))
    form.locator("input[name=full_name]").fill(name)
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=password1]").fill("Elev-losenord-2027!")
    form.locator("input[name=password2]").fill("Elev-losenord-2027!")
    form.locator("[type=submit]").click()
    page.wait_for_load_state()
    page.goto(link_in_mail(email, r"/accounts/confirm-email/"))
    confirm = page.locator("main form button[type=submit]")
    if confirm.count():
        confirm.first.click()
        page.wait_for_load_state()


def test_000_norrkoping_students_get_a_department_head_as_mentor(
    browsers, administrator, make_persona, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    settings.MEDIA_ROOT = tmp_path / "media"
    coordinator = make_persona(staff=True, full_name="Nadia Samordnare")
    head = make_persona(full_name="Erik Förvaltningschef", email="erik.chef@norrkoping.se")

    with translation.override("sv"):
        admin = browsers.page(administrator)
        register_municipalities(admin, [Place("Norrköping", "0581")])
        programme = set_up_programme(admin, NORRKOPING_STUDENTS)

        desk = browsers.page(coordinator)
        cohort = create_cohort(
            desk, programme, name="Läsåret 2027", mentor_places=15, adept_places=15
        )

        # A student applies: school, age group, languages and what she wants from a mentor.
        student = browsers.page()
        _sign_up(student, name="Amina Hassan", email="amina.hassan@elev.norrkoping.se")
        open_application(student, cohort, Role.ADEPT)
        expect(student.locator("#id_years_as_manager")).to_have_count(0)
        expect(student.locator("#id_manager_email")).to_have_count(0)
        student.locator("#id_municipality").select_option(label="Norrköping")
        student.locator("#id_school").fill("De Geergymnasiet, samhällsprogrammet")
        student.locator("#id_wants_from_mentor").fill("Se hur man blir chef i en kommun.")
        student.locator("#id_languages").fill("svenska, somaliska, engelska")
        student.locator("#id_age_group").select_option("0-29")
        send_application(student)

        # A department head applies as mentor.
        mentor = browsers.page(head)
        open_application(mentor, cohort, Role.MENTOR)
        mentor.locator("#id_municipality").select_option(label="Norrköping")
        mentor.locator("#id_department").fill("Utbildningskontoret")
        mentor.locator("#id_title").fill("Förvaltningschef")
        mentor.locator("#id_years_as_manager").fill("12")
        mentor.locator("#id_languages").fill("svenska, engelska")
        mentor.locator("#id_mentor_capacity").fill("1")
        send_application(mentor)

        admit(desk, cohort, ["Amina Hassan", "Erik Förvaltningschef"])
        match_and_publish(desk, cohort)
        pair = Pair.objects.get(cohort=cohort)
        assert (pair.adept.person.full_name, pair.mentor.person.full_name) == (
            "Amina Hassan",
            "Erik Förvaltningschef",
        )

        log_a_meeting(student, notes="Vi gick igenom vilka yrken som finns i kommunen.")
        assert Meeting.objects.get(pair=pair).status == MeetingStatus.HELD

        desk.goto(f"/programmes/{programme.pk}/")
        screenshot(desk, "000-programme")
        desk.goto(f"/cohorts/{cohort.pk}/")
        screenshot(desk, "000-cohort")
        text = produce_report(desk, cohort, "sv")
        assert_report_in(text, "sv")

    assert (
        NORRKOPING_STUDENTS.name in text
        and "Läsåret 2027" in text
        and "Samverkan: Norrköping" in text
    )
    # One pair formed, one meeting held, both counted.
    assert re.search(r"Mentorpar som bildats\s+1\b", text)
    assert re.search(r"Genomförda träffar\s+1\b", text)
    # Nobody's manager is asked in a student programme, so the funnel has no such step.
    assert "Har ansökt" in text and "Chefens medgivande" not in text


# 001 Norrtälje: Egen karriär, open to all employees with the manager's agreement -----------

EGEN_KARRIAR = Shape(
    name="Egen karriär",
    kind=ProgrammeKind.CAREER,
    description="Tre träffar under tre månader för medarbetare som vill se sina karriärvägar.",
    admission_rule=AdmissionRule.OPEN,
    adept_kind=ParticipantKind.EMPLOYEE,
    mentor_kind=ParticipantKind.MANAGER,
    manager_consent=ConsentRule.BY_KIND,
    coordinator="Monica Dahlström",
    municipalities=("Norrtälje",),
    mentor_from_other_municipality=False,
    planned_meetings=3,
    meeting_minutes=60,
    work_areas=("Socialtjänst", "Samhällsbyggnad"),
)


def _apply_as_employee(page, cohort, *, role: str, manager_email: str) -> None:  # type: ignore[no-untyped-def]
    open_application(page, cohort, role)
    page.locator("#id_municipality").select_option(label="Norrtälje")
    page.locator("#id_department").fill("Socialförvaltningen")
    page.locator("#id_title").fill("Enhetschef" if role == Role.MENTOR else "Handläggare")
    page.locator("#id_work_area").select_option("Socialtjänst")
    if role == Role.MENTOR:
        page.locator("#id_years_as_manager").fill("8")
        page.locator("#id_mentor_capacity").fill("2")
    else:
        page.locator("#id_development").fill("Se vilka karriärvägar som finns i kommunen.")
    page.locator("#id_manager_name").fill("Närmaste Chef")
    page.locator("#id_manager_email").fill(manager_email)
    send_application(page)


def test_001_egen_karriar_employees_apply_and_their_managers_agree_by_link(
    browsers, administrator, make_persona, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    settings.MEDIA_ROOT = tmp_path / "media"
    coordinator = make_persona(staff=True, full_name="Monica Dahlström")
    employee = make_persona(full_name="Malin Björk", email="malin.bjork@norrtalje.se")
    manager = make_persona(full_name="Jonas Lind", email="jonas.lind@norrtalje.se")

    with translation.override("sv"):
        admin = browsers.page(administrator)
        register_municipalities(admin, [Place("Norrtälje", "0188")])
        programme = set_up_programme(admin, EGEN_KARRIAR)
        desk = browsers.page(coordinator)
        cohort = create_cohort(
            desk,
            programme,
            name="Egen karriär våren 2027",
            mentor_places=20,
            adept_places=40,
            months=3,
        )

        adept_page = browsers.page(employee)
        _apply_as_employee(adept_page, cohort, role=Role.ADEPT, manager_email="chef.a@norrtalje.se")
        expect(adept_page.locator("table")).to_contain_text(gettext("not answered yet"))
        mentor_page = browsers.page(manager)
        _apply_as_employee(
            mentor_page, cohort, role=Role.MENTOR, manager_email="chef.b@norrtalje.se"
        )

        # Each nearest manager agrees through the emailed link, without an account; first
        # come, first served: a complete application takes a free place at once.
        manager_page = browsers.page()
        for address in ("chef.a@norrtalje.se", "chef.b@norrtalje.se"):
            consent_by_link(manager_page, address)
            expect(manager_page.locator("main")).to_contain_text(
                "Malin Björk" if address == "chef.a@norrtalje.se" else "Jonas Lind"
            )
        adept_page.goto("/me/applications/")
        expect(adept_page.locator("table")).to_contain_text(gettext("Admitted"))
        assert set(Enrolment.objects.filter(cohort=cohort).values_list("status", flat=True)) == {
            EnrolmentStatus.ADMITTED
        }

        match_and_publish(desk, cohort)
        pair = Pair.objects.get(cohort=cohort)
        assert pair.adept.person == employee.user and pair.mentor.person == manager.user
        log_a_meeting(mentor_page, notes="Vi ritade upp tre möjliga karriärvägar.")

        desk.goto(f"/programmes/{programme.pk}/")
        screenshot(desk, "001-egen-karriar-programme")
        desk.goto(f"/cohorts/{cohort.pk}/")
        screenshot(desk, "001-egen-karriar-cohort")
        text = produce_report(desk, cohort, "sv")
        assert_report_in(text, "sv")

    assert "Egen karriär" in text
    assert re.search(r"Chefens medgivande lämnat\s+2\b", text)
    assert re.search(r"Genomförda träffar\s+1\b", text)


# 001 Norrtälje: Ledartalang, nominated by the manager and approved in two stages -----------

GUIDANCE = "Beskriv konkreta situationer där medarbetaren har tagit ledaransvar."
LEDARTALANG = Shape(
    name="Ledartalang",
    kind=ProgrammeKind.TALENT,
    description="För medarbetare med potential att bli chef; fem till sex träffar på ett halvår.",
    admission_rule=AdmissionRule.NOMINATION,
    adept_kind=ParticipantKind.EMPLOYEE,
    mentor_kind=ParticipantKind.MANAGER,
    manager_consent=ConsentRule.BY_KIND,
    coordinator="Monica Dahlström",
    municipalities=("Norrtälje",),
    mentor_from_other_municipality=False,
    planned_meetings=6,
    work_areas=("Äldreomsorg", "Skola"),
    approval_stages=("Förvaltningens ledningsgrupp", "Kommunkoncernledningen"),
    nomination_guidance=GUIDANCE,
)


def test_001_ledartalang_a_manager_nominates_and_both_stages_approve(
    browsers, administrator, make_persona
) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    coordinator = make_persona(staff=True, full_name="Monica Dahlström")
    manager = make_persona(full_name="Peter Gustafsson", email="peter.gustafsson@norrtalje.se")

    with translation.override("sv"):
        admin = browsers.page(administrator)
        register_municipalities(admin, [Place("Norrtälje", "0188")])
        programme = set_up_programme(admin, LEDARTALANG)
        desk = browsers.page(coordinator)
        cohort = create_cohort(
            desk,
            programme,
            name="Ledartalang hösten 2027",
            mentor_places=0,
            adept_places=15,
            months=6,
        )

        # The nearest manager nominates an employee, guided by the programme's text.
        nominator = browsers.page(manager)
        nominator.goto("/me/applications/")
        nominator.get_by_role("link", name=gettext("Nominate an employee")).click()
        expect(nominator.locator("main")).to_contain_text(GUIDANCE)
        nominator.locator("#id_nominee_name").fill("Alva Persson")
        nominator.locator("#id_nominee_email").fill("alva.persson@norrtalje.se")
        nominator.locator("#id_municipality").select_option(label="Norrtälje")
        nominator.locator("#id_department").fill("Vård och omsorg")
        nominator.locator("#id_title").fill("Samordnare")
        nominator.locator("#id_work_area").select_option("Äldreomsorg")
        nominator.locator("#id_motivation").fill("Alva leder redan arbetsgrupper med förtroende.")
        nominator.get_by_role("button", name=gettext("Send nomination")).click()
        expect(nominator.locator("h1")).to_contain_text("Alva Persson")

        # The nominee has no account yet: she signs in with an emailed code and accepts,
        # answering the two optional questions for statistics.
        nominee = browsers.page()
        sign_in_with_code(nominee, "alva.persson@norrtalje.se")
        nominee.goto("/me/applications/")
        nominee.locator("main a[href*='/accept/']").first.click()
        nominee.locator("#id_gender").select_option("woman")
        nominee.locator("#id_age_group").select_option("30-39")
        nominee.locator("main form button[type=submit]").first.click()
        expect(nominee.locator("h1")).to_have_text(gettext("My applications"))
        enrolment = Enrolment.objects.get(cohort=cohort, person__email="alva.persson@norrtalje.se")
        assert (enrolment.person.gender, enrolment.age_group) == ("woman", "30-39")

        desk.goto(f"/nominations/{enrolment.nomination.pk}/")
        expect(desk.locator("main")).to_contain_text("Alva leder redan arbetsgrupper")
        for stage in LEDARTALANG.approval_stages:
            expect(desk.locator("form h3")).to_contain_text(stage)
            desk.get_by_label(gettext("Yes"), exact=True).check()
            desk.locator("#id_comment").fill(f"{stage}: ja.")
            desk.get_by_role("button", name=gettext("Record decision")).click()
            expect(desk.locator("table")).to_contain_text(f"{stage}: ja.")
        expect(desk.locator("dl")).to_contain_text(gettext("Admitted"))
        desk.goto(f"/programmes/{programme.pk}/")
        screenshot(desk, "001-ledartalang-programme")
        desk.goto(f"/cohorts/{cohort.pk}/")
        screenshot(desk, "001-ledartalang-cohort")

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ADMITTED
    told = {m.to[0] for m in mail.outbox}
    assert {"alva.persson@norrtalje.se", manager.user.email} <= told


# 002 The consortium: managers across municipalities, a mentor from another one -------------

CONSORTIUM = Shape(
    name="Mentorprogrammet för chefer",
    kind=ProgrammeKind.MENTOR,
    description="Ett år med en erfaren chef från en annan kommun i samverkan som mentor.",
    admission_rule=AdmissionRule.SELECTION,
    adept_kind=ParticipantKind.MANAGER,
    mentor_kind=ParticipantKind.MANAGER,
    manager_consent=ConsentRule.BY_KIND,
    coordinator="Sara Samordnare",
    municipalities=("Håbo", "Enköping", "Knivsta"),
    mentor_from_other_municipality=True,
    asks_languages=False,
    fee_sek=9800,
    mentor_fee_sek=9800,
    fee_includes="Ledarprofilen som används vid matchningen",
    planned_meetings=10,
    work_areas=("Socialtjänst", "Skola", "Teknik"),
)
# People's and places' names are proper nouns in any language.
PROPER_NAMES = (CONSORTIUM.name, "Håbo", "Enköping", "Knivsta", "Sara Samordnare", "Jöns", "Åsa")
SWEDISH_LETTERS = re.compile(r"[åäöÅÄÖ]")


def _apply_as_manager(page, cohort, *, role: str, municipality: str, manager_email: str) -> None:  # type: ignore[no-untyped-def]
    open_application(page, cohort, role)
    page.locator("#id_municipality").select_option(label=municipality)
    page.locator("#id_department").fill("Socialförvaltningen")
    page.locator("#id_title").fill("Enhetschef")
    page.locator("#id_work_area").select_option("Socialtjänst")
    page.locator("#id_years_as_manager").fill("1" if role == Role.ADEPT else "15")
    if role == Role.MENTOR:
        page.locator("#id_mentor_capacity").fill("1")
    else:
        page.locator("#id_development").fill("Svåra samtal och att leda chefer.")
    page.locator("#id_manager_name").fill("Närmaste Chef")
    page.locator("#id_manager_email").fill(manager_email)
    send_application(page)


def test_002_consortium_pairs_a_manager_with_a_mentor_from_another_municipality(
    browsers, administrator, make_persona, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]

    settings.MEDIA_ROOT = tmp_path / "media"
    coordinator = make_persona(staff=True, full_name="Sara Samordnare")
    adept = make_persona(full_name="Rebecka Holm", email="rebecka.holm@habo.se")
    same_town = make_persona(full_name="Jöns Berg", email="jons.berg@habo.se")
    other_town = make_persona(full_name="Åsa Nilsson", email="asa.nilsson@enkoping.se")

    with translation.override("sv"):
        admin = browsers.page(administrator)
        register_municipalities(
            admin, [Place("Håbo", "0305"), Place("Enköping", "0381"), Place("Knivsta", "0330")]
        )
        programme = set_up_programme(admin, CONSORTIUM)
        desk = browsers.page(coordinator)
        cohort = create_cohort(desk, programme, name="2027", mentor_places=10, adept_places=10)
        plan_cohort_event(
            desk,
            cohort,
            kind="kickoff",
            title="Uppstart 2027",
            day=TODAY + datetime.timedelta(days=20),
        )

        applicants = (
            (adept, Role.ADEPT, "Håbo", "chef.rebecka@habo.se"),
            (same_town, Role.MENTOR, "Håbo", "chef.jons@habo.se"),
            (other_town, Role.MENTOR, "Enköping", "chef.asa@enkoping.se"),
        )
        pages = {}
        manager_page = browsers.page()
        for persona, role, town, manager_email in applicants:
            pages[persona.user.pk] = browsers.page(persona)
            _apply_as_manager(
                pages[persona.user.pk],
                cohort,
                role=role,
                municipality=town,
                manager_email=manager_email,
            )
            consent_by_link(manager_page, manager_email)

        admit(desk, cohort, ["Rebecka Holm", "Jöns Berg", "Åsa Nilsson"])

        # The leader profile the fee includes: written, opened, answered, then matched on.
        write_leader_profile(
            desk,
            programme,
            dimension="Ledarskap",
            statements=["Jag delegerar gärna ansvar.", "Jag söker konflikten tidigt."],
        )
        open_leader_profiles(desk, cohort)
        for persona, value in ((adept, 4), (same_town, 4), (other_town, 3)):
            fill_leader_profile(pages[persona.user.pk], value)
        match_and_publish(desk, cohort)
        # Jöns is in the adept's own municipality: the mentor comes from Enköping.
        pair = Pair.objects.get(cohort=cohort)
        assert pair.mentor.person == other_town.user
        assert MatchRun.objects.filter(cohort=cohort, published_at__isnull=False).count() == 1
        log_a_meeting(pages[adept.user.pk], notes="Vi pratade om att leda genom andra chefer.")

        desk.goto(f"/programmes/{programme.pk}/")
        screenshot(desk, "002-programme")
        desk.goto(f"/cohorts/{cohort.pk}/")
        screenshot(desk, "002-cohort")
        swedish = produce_report(desk, cohort, "sv")
        assert_report_in(swedish, "sv")

        # The coordinator switches the interface to English and produces the English report.
        desk.locator("header button[name=language][value=en]").click()
        desk.wait_for_load_state()
        assert desk.locator("html").get_attribute("lang") == "en"
    with translation.override("en"):
        # The pages the coordinator runs the year on are English too.
        answers = (
            CONSORTIUM.description,
            CONSORTIUM.fee_includes,
            "Rebecka Holm",
            "Jöns Berg",
            "Åsa Nilsson",
            "Socialförvaltningen",
            "Socialtjänst",
        )
        for path in (
            f"/programmes/{programme.pk}/",
            f"/cohorts/{cohort.pk}/",
            f"/cohorts/{cohort.pk}/applications/",
            f"/matching/cohorts/{cohort.pk}/",
            f"/reports/cohorts/{cohort.pk}/",
        ):
            desk.goto(path)
            assert_no_swedish(desk.locator("body").inner_text(), *answers)
        english = produce_report(desk, cohort, "en")
        assert_report_in(english, "en")

    assert "Samverkan: Enköping, Håbo, Knivsta" in swedish, swedish[:300]
    with translation.override("sv"):
        for heading in REPORT_HEADINGS:
            assert gettext(heading) not in english, gettext(heading)
    assert_no_swedish(english, *answers)


def assert_no_swedish(text: str, *data: str) -> None:
    """No Swedish letter is left once the proper names and the people's own answers are out."""
    for name in (*PROPER_NAMES, *data):
        text = text.replace(name, "")
    swedish = [line for line in text.splitlines() if SWEDISH_LETTERS.search(line)]
    assert swedish == [], swedish


# 004 Kungsbacka: a leader day open to every employee, registered without an account --------

KUNGSBACKA = Shape(
    name="Kungsbackas ledardagar",
    kind=ProgrammeKind.LEADERSHIP,
    description="Ledardagar och ledarskapscaféer för kommunens chefer och medarbetare.",
    admission_rule=AdmissionRule.SELECTION,
    adept_kind=ParticipantKind.MANAGER,
    mentor_kind=ParticipantKind.MANAGER,
    manager_consent=ConsentRule.NEVER,
    coordinator="Karin Samordnare",
    municipalities=("Kungsbacka",),
    mentor_from_other_municipality=False,
    asks_work_area=False,
)


def _register_through_the_link(
    page, link: str, *, email: str, name: str, gender: str, age: str
) -> None:  # type: ignore[no-untyped-def]
    page.goto(link)
    page.get_by_label(gettext("Your work email address")).fill(email)
    page.get_by_role("button", name=gettext("Send me a code")).click()
    page.wait_for_url("**/accounts/login/code/confirm/**")
    enter_code(page, email)
    page.get_by_label(gettext("Name")).fill(name)
    page.get_by_label(gettext("Workplace or administration")).fill("Förskoleförvaltningen")
    page.get_by_label(gettext(gender)).check()
    page.get_by_label(age).check()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def test_004_kungsbacka_leader_day_open_to_employees_without_accounts(
    browsers, administrator, make_persona
) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    from events.models import Event, EventRegistration, RegistrationStatus

    coordinator = make_persona(staff=True, full_name="Karin Samordnare")

    with translation.override("sv"):
        admin = browsers.page(administrator)
        register_municipalities(admin, [Place("Kungsbacka", "1384")])
        programme = set_up_programme(admin, KUNGSBACKA)

        desk = browsers.page(coordinator)
        desk.goto("/events/")
        desk.get_by_role("link", name=re.compile(re.escape(KUNGSBACKA.name))).click()
        desk.locator("#id_kind").select_option("leader_day")
        desk.locator("#id_title").fill("Ledardag 2027")
        desk.locator("#id_theme").fill("Tillit och mod")
        day = LEADER_DAY.isoformat()
        desk.locator("#id_starts_at").fill(f"{day}T09:00")
        desk.locator("#id_ends_at").fill(f"{day}T16:00")
        desk.locator("#id_place").fill("Kungsbacka teater")
        desk.locator("#id_capacity").fill("2")
        desk.locator("#id_audience").select_option("open")
        desk.get_by_label("Kungsbacka", exact=True).check()
        desk.locator("#id_email_domains").fill("kungsbacka.se")
        desk.get_by_role("button", name=gettext("Save")).click()
        expect(desk.locator("h1")).to_have_text("Ledardag 2027")
        event = Event.objects.get(programme=programme)
        link = desk.locator("#open-link").input_value()
        assert link.endswith(f"/events/{event.pk}/open/"), link

        people = (
            ("nina.nyfiken@kungsbacka.se", "Nina Nyfiken", "Woman", "40–49"),
            ("omar.osman@kungsbacka.se", "Omar Osman", "Man", "30–39"),
            ("pia.palm@kungsbacka.se", "Pia Palm", "Woman", "50–59"),
        )
        # An address outside the municipality's domain is refused, and no code is sent.
        outsider = browsers.page()
        outsider.goto(link)
        outsider.get_by_label(gettext("Your work email address")).fill("nina@gmail.com")
        outsider.get_by_role("button", name=gettext("Send me a code")).click()
        expect(outsider.locator("main")).to_contain_text("kungsbacka.se")
        assert not [m for m in mail.outbox if "nina@gmail.com" in m.to]

        for email, name, gender, age in people:
            employee = browsers.page()
            _register_through_the_link(
                employee, link, email=email, name=name, gender=gender, age=age
            )
        # The third finds the day full and is first on the waiting list.
        expect(employee.locator("#my-status")).to_contain_text(
            gettext(
                "You are number %(position)s on the waiting list. You get an email if a place "
                "frees up."
            )
            % {"position": 1}
        )
        statuses = dict(
            EventRegistration.objects.filter(event=event).values_list("person__full_name", "status")
        )
        assert statuses == {
            "Nina Nyfiken": RegistrationStatus.REGISTERED,
            "Omar Osman": RegistrationStatus.REGISTERED,
            "Pia Palm": RegistrationStatus.WAITING,
        }

        desk.goto(f"/events/{event.pk}/check-in/")
        search = desk.get_by_label(gettext("Find a person (name, email, municipality)"))
        search.press_sequentially("nina")
        expect(desk.locator("#check-in-results li")).to_have_count(1)
        desk.locator("#check-in-results li").first.get_by_role("button").click()
        expect(desk.locator("#check-in-count")).to_contain_text("1")

        desk.goto(f"/events/{event.pk}/")
        expect(desk.locator("#places")).to_contain_text("2")
        # Full: the way to the registration page offers the waiting list, not a place.
        expect(
            desk.locator("section[aria-labelledby=my-heading]").get_by_role(
                "link", name=gettext("Join the waiting list")
            )
        ).to_be_visible()
        statistics = desk.locator("section[aria-labelledby=statistics-heading]")
        expect(statistics).to_contain_text("Kungsbacka")
        expect(statistics).to_contain_text("<5")
        screenshot(desk, "004-event")
        desk.goto(f"/programmes/{programme.pk}/")
        screenshot(desk, "004-programme")

    nina = EventRegistration.objects.get(event=event, person__email="nina.nyfiken@kungsbacka.se")
    assert nina.attended and (nina.gender, nina.age_group) == ("woman", "40-49")
    assert nina.person.full_name == "Nina Nyfiken"

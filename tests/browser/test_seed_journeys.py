"""The seeds' programmes, each run from an empty database in the browser as its people would.

000 Norrköping's student mentoring (pairs), 001 Norrtälje's Egen karriär and Ledartalang
(sessions), 002 the consortium's pair programme (also in English), 003 Örebro's "Det personliga
ledarskapet" (sessions), 004 Kungsbacka's leader day (an open event) and Kungsbackaledaren
(group mentoring). Shared steps are in ``seed_steps``; ``set_up_programme`` is the one place
that sets a programme up, from the seed's template on "New programme".

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
    CohortFormat,
    ConsentRule,
    Enrolment,
    EnrolmentStatus,
    ProgrammeKind,
    Role,
)

from .seed_steps import (
    TODAY,
    Place,
    Shape,
    add_material,
    admit,
    consent_by_link,
    create_cohort,
    enter_code,
    fill_leader_profile,
    link_in_mail,
    log_a_meeting,
    mark_attendance,
    match_and_publish,
    open_application,
    open_leader_profiles,
    plan_cohort_event,
    plan_sessions,
    produce_report,
    register_municipalities,
    screenshot,
    send_application,
    set_up_programme,
    sign_in_with_code,
    the_session_is_held,
    write_leader_profile,
    write_session_reflection,
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
    template="student_mentoring",
    name="Mentorprogram för gymnasieelever",
    coordinator="Nadia Samordnare",
    municipalities=("Norrköping",),
    changes=(
        (
            "description",
            "Gymnasieelever med flerkulturell bakgrund får en förvaltningschef som mentor.",
        ),
    ),
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
    page.wait_for_url(lambda url: "/accounts/signup/" not in url)
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
        student.goto(f"/pairs/{pair.pk}/")
        screenshot(student, "000-pair")

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
    assert re.search(r"\bSökt\b", text) and "Chefens medgivande" not in text


# 001 Norrtälje: Egen karriär, open to all employees with the manager's agreement -----------

EGEN_KARRIAR = Shape(
    template="open_career",
    name="Egen karriär",
    coordinator="Monica Dahlström",
    municipalities=("Norrtälje",),
)
EGEN_KARRIAR_THEMES = ["Mina drivkrafter", "Karriärvägar i kommunen", "Mitt nästa steg"]


def _apply_as_employee(page, cohort, *, title: str, manager_email: str) -> None:  # type: ignore[no-untyped-def]
    """An employee applies to a programme of sessions: there is no mentor role to choose."""
    open_application(page, cohort)
    page.locator("#id_municipality").select_option(label="Norrtälje")
    page.locator("#id_department").fill("Socialförvaltningen")
    page.locator("#id_title").fill(title)
    page.locator("#id_development").fill("Se vilka karriärvägar som finns i kommunen.")
    page.locator("#id_manager_name").fill("Närmaste Chef")
    page.locator("#id_manager_email").fill(manager_email)
    send_application(page)


def test_001_egen_karriar_employees_apply_and_meet_in_three_sessions(
    browsers, administrator, make_persona, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    settings.MEDIA_ROOT = tmp_path / "media"
    coordinator = make_persona(staff=True, full_name="Monica Dahlström")
    malin = make_persona(full_name="Malin Björk", email="malin.bjork@norrtalje.se")
    jonas = make_persona(full_name="Jonas Lind", email="jonas.lind@norrtalje.se")

    with translation.override("sv"):
        admin = browsers.page(administrator)
        register_municipalities(admin, [Place("Norrtälje", "0188")])
        programme = set_up_programme(admin, EGEN_KARRIAR)
        assert (programme.admission_rule, programme.cohort_format) == (
            AdmissionRule.OPEN,
            CohortFormat.SESSIONS,
        )
        desk = browsers.page(coordinator)
        cohort = create_cohort(
            desk,
            programme,
            name="Egen karriär våren 2027",
            mentor_places=0,
            adept_places=40,
            months=3,
        )
        assert cohort.format == CohortFormat.SESSIONS

        malin_page = browsers.page(malin)
        _apply_as_employee(
            malin_page, cohort, title="Handläggare", manager_email="chef.a@norrtalje.se"
        )
        expect(malin_page.locator("table")).to_contain_text(gettext("not answered yet"))
        jonas_page = browsers.page(jonas)
        _apply_as_employee(
            jonas_page, cohort, title="Undersköterska", manager_email="chef.b@norrtalje.se"
        )

        # Each nearest manager agrees through the emailed link, without an account; first
        # come, first served: a complete application takes a free place at once.
        manager_page = browsers.page()
        for address, name in (
            ("chef.a@norrtalje.se", "Malin Björk"),
            ("chef.b@norrtalje.se", "Jonas Lind"),
        ):
            consent_by_link(manager_page, address)
            expect(manager_page.locator("main")).to_contain_text(name)
        malin_page.goto("/me/applications/")
        expect(malin_page.locator("table")).to_contain_text(gettext("Admitted"))
        assert set(Enrolment.objects.filter(cohort=cohort).values_list("status", flat=True)) == {
            EnrolmentStatus.ADMITTED
        }

        # Three sessions over three months, the next one suggested from the last.
        first, *_later = plan_sessions(
            desk, cohort, EGEN_KARRIAR_THEMES, place="Kommunhuset, Norrtälje"
        )
        add_material(
            desk, first, title="Övning: mina drivkrafter", url="https://example.se/drivkrafter"
        )
        the_session_is_held(desk, first)
        mark_attendance(desk, first, ["Malin Björk", "Jonas Lind"])
        write_session_reflection(malin_page, EGEN_KARRIAR_THEMES[0], "Jag vill leda projekt.")
        expect(malin_page.locator("main")).to_contain_text("Övning: mina drivkrafter")
        malin_page.goto("/sessions/")
        screenshot(malin_page, "001-egen-karriar-my-sessions")

        desk.goto(f"/sessions/{first.pk}/")
        expect(desk.locator("#session-counts")).to_contain_text("2 av 2 var med.")
        expect(desk.locator("main")).not_to_contain_text("Jag vill leda projekt.")
        desk.goto(f"/programmes/{programme.pk}/")
        screenshot(desk, "001-egen-karriar-programme")
        desk.goto(f"/cohorts/{cohort.pk}/sessions/")
        screenshot(desk, "001-egen-karriar-sessions")
        text = produce_report(desk, cohort, "sv")

    assert "Egen karriär" in text and "Programmets träffar" in text, text[:400]
    assert re.search(r"Chefens medgivande lämnat\s+2\b", text)
    assert re.search(r"Genomförda träffar\s+1\b", text)
    assert re.search(r"Planerade träffar\s+3\b", text)


# 001 Norrtälje: Ledartalang, nominated by the manager and approved in two stages -----------

LEDARTALANG = Shape(
    template="nominated_talent",
    name="Ledartalang",
    coordinator="Monica Dahlström",
    municipalities=("Norrtälje",),
    changes=(("approval_stages", "Förvaltningens ledningsgrupp\nKommunkoncernledningen"),),
)
LEDARTALANG_STAGES = ("Förvaltningens ledningsgrupp", "Kommunkoncernledningen")


def test_001_ledartalang_a_manager_nominates_both_stages_approve_and_sessions_run(
    browsers, administrator, make_persona, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    settings.MEDIA_ROOT = tmp_path / "media"
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

        # The nearest manager nominates an employee, guided by the template's text.
        nominator = browsers.page(manager)
        nominator.goto("/me/applications/")
        nominator.get_by_role("link", name=gettext("Nominate an employee")).click()
        expect(nominator.locator("main")).to_contain_text(programme.nomination_guidance)
        nominator.locator("#id_nominee_name").fill("Alva Persson")
        nominator.locator("#id_nominee_email").fill("alva.persson@norrtalje.se")
        nominator.locator("#id_municipality").select_option(label="Norrtälje")
        nominator.locator("#id_department").fill("Vård och omsorg")
        nominator.locator("#id_title").fill("Samordnare")
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
        for stage in LEDARTALANG_STAGES:
            expect(desk.locator("form h3")).to_contain_text(stage)
            desk.get_by_label(gettext("Yes"), exact=True).check()
            desk.locator("#id_comment").fill(f"{stage}: ja.")
            desk.get_by_role("button", name=gettext("Record decision")).click()
            expect(desk.locator("table")).to_contain_text(f"{stage}: ja.")
        expect(desk.locator("dl")).to_contain_text(gettext("Admitted"))

        # Half a year of sessions; Alva came to the first and reflects on it.
        themes = ["Chefens formella ansvar", "Värderingar och dilemman", "Arbetsglädje"]
        first, *_later = plan_sessions(desk, cohort, themes, place="Kommunhuset, sal Roslagen")
        the_session_is_held(desk, first)
        mark_attendance(desk, first, ["Alva Persson"])
        write_session_reflection(nominee, themes[0], "Ansvaret är större än jag trodde.")
        nominee.goto("/sessions/")
        screenshot(nominee, "001-ledartalang-my-sessions")
        desk.goto(f"/programmes/{programme.pk}/")
        screenshot(desk, "001-ledartalang-programme")
        desk.goto(f"/cohorts/{cohort.pk}/sessions/")
        screenshot(desk, "001-ledartalang-sessions")
        text = produce_report(desk, cohort, "sv")

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ADMITTED
    told = {m.to[0] for m in mail.outbox}
    assert {"alva.persson@norrtalje.se", manager.user.email} <= told
    assert "Ledartalang" in text and "Programmets träffar" in text
    assert re.search(r"Genomförda träffar\s+1\b", text)


# 002 The consortium: managers across municipalities, a mentor from another one -------------

CONSORTIUM = Shape(
    template="consortium_pairs",
    name="Mentorprogrammet för chefer",
    coordinator="Sara Samordnare",
    municipalities=("Håbo", "Enköping", "Knivsta"),
    changes=(("work_areas", "Socialtjänst\nSkola\nTeknik"), ("asks_languages", False)),
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
        pages[adept.user.pk].goto(f"/pairs/{pair.pk}/")
        screenshot(pages[adept.user.pk], "002-pair")

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
            programme.description,
            programme.fee_includes,
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


# 003 Örebro: "Det personliga ledarskapet", a series of sessions for managers ---------------

OREBRO = Shape(
    template="leadership_sessions",
    name="Det personliga ledarskapet",
    coordinator="Olle Personalavdelningen",
    municipalities=("Örebro",),
)
OREBRO_THEMES = [
    "Uppstart: ledarskap i stort och förväntningar",
    "Att leda i förändring",
    "Dialog, relationer och delaktighet",
]
OREBRO_MANAGERS = (
    ("Anna Ek", "anna.ek@orebro.se"),
    ("Bo Ström", "bo.strom@orebro.se"),
    ("Cecilia Åberg", "cecilia.aberg@orebro.se"),
    ("David Nord", "david.nord@orebro.se"),
    ("Eva Lund", "eva.lund@orebro.se"),
    ("Fredrik Sand", "fredrik.sand@orebro.se"),
)


def import_participants(page, cohort, *, role: str, rows: list[tuple[str, str]], town: str) -> None:  # type: ignore[no-untyped-def]
    """The coordinator imports a CSV of participants from the cohort page and confirms it."""
    from playwright.sync_api import expect

    lines = ["namn,e-post,kommun,förvaltning,titel"]
    lines += [f"{name},{email},{town},Förvaltningen,Enhetschef" for name, email in rows]
    page.goto(f"/cohorts/{cohort.pk}/")
    page.get_by_role("link", name=gettext("Import participants")).click()
    page.locator("#id_role").select_option(role)
    page.locator("#id_file").set_input_files(
        {
            "name": f"{role}.csv",
            "mimeType": "text/csv",
            "buffer": "\n".join(lines).encode("utf-8"),
        }
    )
    page.get_by_role("button", name=gettext("Show preview")).click()
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator(".alert-success")).to_contain_text(str(len(rows)))


def test_003_orebro_managers_are_imported_and_meet_in_a_series_of_sessions(
    browsers, administrator, make_persona, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    from events.models import Event

    settings.MEDIA_ROOT = tmp_path / "media"
    coordinator = make_persona(staff=True, full_name="Olle Personalavdelningen")

    with translation.override("sv"):
        admin = browsers.page(administrator)
        register_municipalities(admin, [Place("Örebro", "1880")])
        programme = set_up_programme(admin, OREBRO)
        desk = browsers.page(coordinator)
        cohort = create_cohort(
            desk, programme, name="Våren 2027", mentor_places=0, adept_places=19, months=8
        )
        import_participants(
            desk, cohort, role=Role.ADEPT, rows=list(OREBRO_MANAGERS), town="Örebro"
        )
        assert Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ADMITTED).count() == 6

        first, *_later = plan_sessions(desk, cohort, OREBRO_THEMES, place="Örebro slott")
        came = [name for name, _email in OREBRO_MANAGERS[:5]]
        the_session_is_held(desk, first)
        mark_attendance(desk, first, came)
        managers = []
        for name, email in OREBRO_MANAGERS[:2]:
            manager = browsers.page()
            sign_in_with_code(manager, email)
            write_session_reflection(manager, OREBRO_THEMES[0], f"{name}: jag vill skapa forum.")
            managers.append(manager)
        managers[0].goto("/sessions/")
        screenshot(managers[0], "003-my-sessions")

        desk.goto(f"/sessions/{first.pk}/")
        counts = desk.locator("#session-counts")
        expect(counts).to_contain_text("5 av 6 var med.")
        expect(counts).to_contain_text("2 har skrivit en reflektion.")

        # The PA breakfast on motivating pay talks is for all the municipality's managers.
        desk.goto("/events/")
        desk.get_by_role("link", name=re.compile(re.escape(OREBRO.name))).click()
        desk.locator("#id_kind").select_option("breakfast")
        desk.locator("#id_title").fill("PA-frukost: Motiverande lönesamtal")
        day = (TODAY + datetime.timedelta(days=3)).isoformat()
        desk.locator("#id_starts_at").fill(f"{day}T07:30")
        desk.locator("#id_ends_at").fill(f"{day}T08:30")
        desk.locator("#id_place").fill("Personalavdelningens fikarum")
        desk.locator("#id_capacity").fill("40")
        desk.locator("#id_audience").select_option("managers")
        desk.get_by_role("button", name=gettext("Save")).click()
        expect(desk.locator("h1")).to_have_text("PA-frukost: Motiverande lönesamtal")
        assert Event.objects.filter(programme=programme, kind="breakfast").count() == 1

        desk.goto(f"/programmes/{programme.pk}/")
        screenshot(desk, "003-programme")
        desk.goto(f"/cohorts/{cohort.pk}/sessions/")
        screenshot(desk, "003-sessions")
        text = produce_report(desk, cohort, "sv")

    assert "Det personliga ledarskapet" in text and "Programmets träffar" in text
    assert re.search(r"Genomförda träffar\s+1\b", text)
    assert re.search(r"Planerade träffar\s+3\b", text)


# 004 Kungsbacka: a leader day open to every employee, registered without an account --------

KUNGSBACKA = Shape(
    template="leadership_sessions",
    name="Kungsbackas ledardagar",
    coordinator="Karin Samordnare",
    municipalities=("Kungsbacka",),
    changes=(
        ("description", "Ledardagar och ledarskapscaféer för kommunens chefer och medarbetare."),
    ),
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
            if name == "Nina Nyfiken":
                screenshot(employee, "004-registration")
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


# 004 Kungsbacka: "Kungsbackaledaren – leda i utveckling", group mentoring over eight months

KUNGSBACKALEDAREN = Shape(
    template="blank",
    name="Kungsbackaledaren – leda i utveckling",
    coordinator="Karin Samordnare",
    municipalities=("Kungsbacka",),
    changes=(
        ("kind", ProgrammeKind.LEADERSHIP),
        ("description", "Åtta månader i mentorsgrupper för chefer, på ledarplattformens grund."),
        ("mentor_from_other_municipality", False),
        ("manager_consent", ConsentRule.NEVER),
        ("asks_work_area", False),
        ("cohort_format", CohortFormat.GROUPS),
    ),
)
KUNGSBACKA_MENTORS = [
    ("Gunilla Mentor", "gunilla.mentor@kungsbacka.se"),
    ("Hans Mentor", "hans.mentor@kungsbacka.se"),
]
KUNGSBACKA_ADEPTS = [
    (f"{first} Adept", f"{first.lower()}.adept@kungsbacka.se")
    for first in ("Ida", "Jakob", "Klara", "Leo", "Maja", "Nils")
]


def test_004_kungsbackaledaren_meets_in_mentor_groups_of_three(
    browsers, administrator, make_persona
) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    from pairs.models import GroupMeeting, GroupReflection, MentorGroup

    coordinator = make_persona(staff=True, full_name="Karin Samordnare")

    with translation.override("sv"):
        admin = browsers.page(administrator)
        register_municipalities(admin, [Place("Kungsbacka", "1384")])
        programme = set_up_programme(admin, KUNGSBACKALEDAREN)
        desk = browsers.page(coordinator)
        cohort = create_cohort(
            desk,
            programme,
            name="Kungsbackaledaren 2027",
            mentor_places=2,
            adept_places=6,
            months=8,
            group_size=3,
        )
        assert (cohort.format, cohort.group_size) == (CohortFormat.GROUPS, 3)
        import_participants(
            desk, cohort, role=Role.MENTOR, rows=KUNGSBACKA_MENTORS, town="Kungsbacka"
        )
        import_participants(
            desk, cohort, role=Role.ADEPT, rows=KUNGSBACKA_ADEPTS, town="Kungsbacka"
        )
        match_and_publish(desk, cohort)
        groups = list(MentorGroup.objects.filter(cohort=cohort))
        assert len(groups) == 2
        assert sorted(group.pairs.count() for group in groups) == [3, 3]

        # On the group page the mentor records yesterday's meeting, held before anything was
        # planned here, with the notes everyone in the group reads; then plans the next one.
        mentor = browsers.page()
        sign_in_with_code(mentor, KUNGSBACKA_MENTORS[0][1])
        mentor.goto("/pairs/")
        expect(mentor.locator("h1")).to_contain_text("Gunilla Mentor")
        group = MentorGroup.objects.get(
            cohort=cohort, mentor__person__email=KUNGSBACKA_MENTORS[0][1]
        )
        mentor.get_by_role("link", name=gettext("Record a meeting already held")).click()
        mentor.get_by_label(gettext("Date")).fill((TODAY - datetime.timedelta(days=1)).isoformat())
        mentor.get_by_label(gettext("Time")).fill("13:00")
        mentor.get_by_label(gettext("Actual length (minutes)")).fill("110")
        mentor.get_by_label(gettext("Place"), exact=True).fill("Stadshuset")
        mentor.get_by_label(gettext("Shared notes")).fill("Vi pratade om ledarplattformen.")
        mentor.get_by_role("button", name=gettext("Save")).click()
        expect(mentor.locator("#meetings")).to_contain_text("Vi pratade om ledarplattformen.")
        mentor.get_by_role("link", name=gettext("Plan a group meeting")).click()
        mentor.get_by_label(gettext("Date")).fill((TODAY + datetime.timedelta(days=27)).isoformat())
        mentor.get_by_label(gettext("Time")).fill("13:00")
        mentor.get_by_label(gettext("Length (minutes)")).fill("120")
        mentor.get_by_label(gettext("Place"), exact=True).fill("Tingberget")
        mentor.get_by_label(gettext("Preparation questions")).fill("Vad betyder tillit för dig?")
        mentor.get_by_role("button", name=gettext("Save the meeting")).click()
        expect(mentor.locator("#meetings")).to_contain_text("Tingberget")
        held = GroupMeeting.objects.get(group=group, status=MeetingStatus.HELD)
        assert held.place == "Stadshuset"

        adept_email = group.pairs.order_by("pk").first().adept.person.email
        adept = browsers.page()
        sign_in_with_code(adept, adept_email)
        adept.goto("/")
        adept.locator("header").get_by_role("link", name=gettext("Our mentor group")).click()
        expect(adept.locator("#meetings")).to_contain_text("Vi pratade om ledarplattformen.")
        adept.get_by_role("link", name=gettext("Write a reflection")).click()
        adept.get_by_label(gettext("Reflection")).fill("Jag vill våga leda i utveckling.")
        adept.get_by_role("button", name=gettext("Save")).click()
        expect(adept.locator("#reflections")).to_contain_text("Jag vill våga leda i utveckling.")
        assert not GroupReflection.objects.get(group=group).shared
        screenshot(adept, "004-kungsbackaledaren-group")

        desk.goto(f"/cohorts/{cohort.pk}/")
        screenshot(desk, "004-kungsbackaledaren-cohort")
        desk.get_by_role("link", name=gettext("How the groups are doing")).click()
        expect(desk.locator("main")).to_contain_text("Gunilla Mentor")
        expect(desk.locator("main")).not_to_contain_text("Vi pratade om ledarplattformen.")
        screenshot(desk, "004-kungsbackaledaren-groups")
        text = produce_report(desk, cohort, "sv")

    assert "Mentorsgrupper och deras träffar" in text, text[:400]
    assert re.search(r"Mentorsgrupper\s+2\b", text)
    assert re.search(r"Genomförda gruppträffar\s+1\b", text)

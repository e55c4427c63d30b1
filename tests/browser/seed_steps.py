"""Steps the seed journeys share: each is what a person does in the browser, on a fresh install.

A journey starts from an empty database. The only thing made outside the browser is the first
administrator (``createsuperuser`` and the second factor at first sign-in, as the operator
guide says) and the accounts that municipal employees already have; everything else, the
municipalities and the programme included, is done on the pages by the personas. Each person
has a browser context of their own (``browsers`` in conftest), so nobody signs out and in again.
"""

from __future__ import annotations

import datetime
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.core import mail
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext
from pypdf import PdfReader

from accounts.models import User
from events.models import Event, EventKind
from pairs.models import Meeting
from programmes.models import Cohort, CohortFormat, Programme

SIGN_IN_CODE = re.compile(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", re.MULTILINE)


# The programme's shape ---------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """A seed's programme: the template it starts from on "New programme", and only what the
    seed needs beyond that template."""

    template: str  # the template's key on the picker (programmes/shapes.py), or "blank"
    name: str
    coordinator: str  # the name of the person who runs it, chosen on the form
    municipalities: tuple[str, ...]
    # Form fields the seed sets differently from the template: (field name, value). A text
    # field is filled, a choice selected by its value, a checkbox set on or off.
    changes: tuple[tuple[str, str | int | bool], ...] = ()

    def value(self, field: str) -> str | int | bool | None:
        return dict(self.changes).get(field)


@dataclass(frozen=True)
class Place:
    name: str
    code: str


def register_municipalities(page, places: list[Place]) -> None:  # type: ignore[no-untyped-def]
    """The administrator adds the consortium's municipalities to the register."""
    from playwright.sync_api import expect

    for place in places:
        page.goto("/municipalities/new/")
        page.locator("#id_name").fill(place.name)
        page.locator("#id_code").fill(place.code)
        page.get_by_role("button", name=gettext("Save")).click()
        expect(page.locator("main")).to_contain_text(place.name)
        assert "/new/" not in page.url, page.url


def _set(page, field: str, value: str | int | bool) -> None:  # type: ignore[no-untyped-def]
    """Sets one form field as a person would: fills a text, selects a choice, ticks a box."""
    control = page.locator(f"#id_{field}")
    kind = control.evaluate("element => element.tagName + ':' + (element.type || '')")
    if kind.startswith("SELECT"):
        control.select_option(str(value))
    elif kind.endswith(":checkbox"):
        if control.is_checked() != bool(value):
            control.click()
    else:
        control.fill(str(value))


def set_up_programme(page, shape: Shape) -> Programme:  # type: ignore[no-untyped-def]
    """Chooses the seed's template on "New programme", changes only what the seed needs beyond
    it, names the coordinator and saves; then adds the municipalities from the programme's page.
    """
    from playwright.sync_api import expect

    page.goto("/programmes/")
    page.get_by_role("link", name=gettext("New programme")).click()
    expect(page.locator("h1")).to_have_text(gettext("New programme"))
    # The whole card is the choice: a click on its title picks the template.
    page.locator(f"label[for=shape-{shape.template}]").click()
    expect(page.locator(f"#shape-{shape.template}")).to_be_checked()
    page.get_by_role("button", name=gettext("Continue")).click()
    expect(page.locator("#id_name")).to_be_visible()
    page.locator("#id_name").fill(shape.name)
    for field, value in shape.changes:
        _set(page, field, value)
    # The coordinator is found by name with the search beside the field, and picked.
    page.locator("#id_coordinators_search").fill(shape.coordinator[:5])
    page.get_by_role("button", name=re.compile(re.escape(shape.coordinator))).click()
    expect(page.locator("#id_coordinators")).to_have_value(
        re.compile(re.escape(User.objects.get(full_name=shape.coordinator).email))
    )
    page.get_by_role("button", name=gettext("Save")).click()
    # A template goes on to its first cohort, pre-filled; the coordinator adds that one.
    expect(page.locator("h1")).to_have_text(
        gettext("New cohort") if shape.template != "blank" else shape.name
    )
    programme = Programme.objects.get(name=shape.name)

    page.goto(f"/programmes/{programme.pk}/")
    for municipality in shape.municipalities:
        page.get_by_role("link", name=gettext("Add a municipality")).click()
        page.locator("#id_municipality").select_option(label=municipality)
        page.locator("#id_joined_on").fill("2026-01-01")
        page.get_by_role("button", name=gettext("Save")).click()
        expect(page.locator("h1")).to_have_text(shape.name)
    return programme


# A cohort under way: it started a month ago and its application window is open today.
TODAY = timezone.localdate()
STARTS = TODAY - datetime.timedelta(days=30)


def create_cohort(  # type: ignore[no-untyped-def]
    page,
    programme: Programme,
    *,
    name: str,
    mentor_places: int,
    adept_places: int,
    months: int = 11,
    group_size: int | None = None,
) -> Cohort:
    """The coordinator opens a cohort from the programme's page, with its application window
    open today; the cohort started a month ago and runs for ``months``. It runs in the
    programme's format; with ``group_size``, as group mentoring in groups of that size."""
    from playwright.sync_api import expect

    page.goto(f"/programmes/{programme.pk}/")
    page.get_by_role("link", name=gettext("New cohort")).click()
    page.locator("#id_name").fill(name)
    page.locator("#id_starts_on").fill(STARTS.isoformat())
    page.locator("#id_ends_on").fill((STARTS + datetime.timedelta(days=30 * months)).isoformat())
    page.locator("#id_applications_open_on").fill(TODAY.isoformat())
    page.locator("#id_applications_close_on").fill(
        (TODAY + datetime.timedelta(days=14)).isoformat()
    )
    if programme.fee_sek or programme.mentor_fee_sek:
        # Who withdraws before the window closes pays nothing.
        page.locator("#id_withdrawal_fee_deadline").fill(
            (TODAY + datetime.timedelta(days=14)).isoformat()
        )
    page.locator("#id_mentor_places").fill(str(mentor_places))
    page.locator("#id_adept_places").fill(str(adept_places))
    if group_size is not None:
        page.locator("#id_format").select_option(CohortFormat.GROUPS)
        page.locator("#id_group_size").fill(str(group_size))
    page.get_by_role("button", name=gettext("Save")).click()
    expect(page.locator("h1")).to_have_text(name)
    return Cohort.objects.get(programme=programme, name=name)


# Mail --------------------------------------------------------------------------------------


def last_mail_to(email: str):  # type: ignore[no-untyped-def]
    sent = [m for m in mail.outbox if email in m.to]
    assert sent, f"no mail to {email}: {[m.to for m in mail.outbox]}"
    return sent[-1]


def link_in_mail(email: str, pattern: str) -> str:
    """The path of the first link in the last mail to ``email`` whose path matches."""
    message = last_mail_to(email)
    for url in re.findall(r"https?://[^\s<>\"]+", message.body):
        path = urlsplit(url).path
        if re.search(pattern, path):
            return path
    raise AssertionError(f"no link matching {pattern} in: {message.body}")


def sign_in_with_code(page, email: str) -> None:  # type: ignore[no-untyped-def]
    """Signs in by an emailed code, as occasional users without a password do."""
    page.goto("/accounts/login/code/")
    page.locator("input[name=email]").fill(email)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/login/code/confirm/**")
    enter_code(page, email)


def enter_code(page, email: str) -> None:  # type: ignore[no-untyped-def]
    code = SIGN_IN_CODE.search(last_mail_to(email).body)
    assert code, last_mail_to(email).body
    page.locator("input[name=code]").fill(code.group(1))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/code/" not in url)


# Applying, consent, admission --------------------------------------------------------------


def open_application(page, cohort: Cohort, role: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """From "My applications" to the cohort's application form (as ``role`` when asked)."""
    page.goto("/me/applications/")
    row = page.locator("li, tr", has_text=cohort.name)
    row.get_by_role("link", name=gettext("Apply"), exact=True).first.click()
    # Whether the form has role buttons can only be asked once the form has loaded.
    page.wait_for_url(f"**/cohorts/{cohort.pk}/apply/**")
    if role is not None and page.locator("form input[name=role][type=radio]").count() == 0:
        page.locator(f"main a[href$='?role={role}']").click()
    elif role is not None:
        page.locator(f"input[name=role][value={role}]").check()


def send_application(page) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.get_by_role("button", name=gettext("Send application")).click()
    expect(page.locator("h1")).to_have_text(gettext("My applications"))


def consent_by_link(page, manager_email: str) -> None:  # type: ignore[no-untyped-def]
    """The nearest manager opens the emailed link, without an account, and agrees."""
    from playwright.sync_api import expect

    page.goto(link_in_mail(manager_email, r"/consent/"))
    expect(page.locator("h1")).to_have_text(gettext("Agree to a mentor programme on working time"))
    page.get_by_role("button", name=gettext("I agree"), exact=True).click()
    page.wait_for_load_state()


def admit(page, cohort: Cohort, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    """The coordinator admits complete applications on the cohort's applications page."""
    from playwright.sync_api import expect

    page.goto(f"/cohorts/{cohort.pk}/")
    page.get_by_role("link", name=gettext("Applications"), exact=True).click()
    for name in names:
        row = page.locator("tr", has_text=name)
        row.get_by_label(gettext("Admit")).check()
        row.get_by_role("button", name=gettext("Save")).click()
        expect(page.locator("tr", has_text=name)).to_contain_text(gettext("Admitted"))


def plan_cohort_event(page, cohort: Cohort, *, kind: str, title: str, day: datetime.date) -> None:  # type: ignore[no-untyped-def]
    """The coordinator plans an event for the cohort's participants (a kickoff, a mentor day)."""
    from playwright.sync_api import expect

    page.goto("/events/")
    page.get_by_role("link", name=re.compile(re.escape(cohort.programme.name))).click()
    page.locator("#id_kind").select_option(kind)
    page.locator("#id_title").fill(title)
    page.locator("#id_starts_at").fill(f"{day.isoformat()}T13:00")
    page.locator("#id_ends_at").fill(f"{day.isoformat()}T16:00")
    page.locator("#id_place").fill("Kommunhuset")
    page.locator("#id_capacity").fill("40")
    page.locator("#id_audience").select_option("cohort")
    page.locator("#id_cohort").select_option(label=cohort.name)
    page.get_by_role("button", name=gettext("Save")).click()
    expect(page.locator("h1")).to_have_text(title)


# A programme of sessions -------------------------------------------------------------------


def plan_sessions(page, cohort: Cohort, themes: list[str], *, place: str) -> list[Event]:  # type: ignore[no-untyped-def]
    """The coordinator plans the cohort's series from its Sessions page: the first the day after
    tomorrow, each next one where "add the next session" suggests it (four weeks on)."""
    from playwright.sync_api import expect

    page.goto(f"/cohorts/{cohort.pk}/")
    page.get_by_role("link", name=pgettext("programme meetings", "Sessions"), exact=True).click()
    page.get_by_role("link", name=gettext("Plan the first session")).click()
    first = TODAY + datetime.timedelta(days=2)
    page.locator("#id_starts_at").fill(f"{first.isoformat()}T09:00")
    page.locator("#id_ends_at").fill(f"{first.isoformat()}T12:00")
    page.locator("#id_place").fill(place)
    for number, theme in enumerate(themes, start=1):
        # The title ("Session 2") and the time and place are suggested; the theme is not.
        page.locator("#id_theme").fill(theme)
        page.locator("#id_preparation").fill(f"Tänk på en situation som rör {theme.lower()}.")
        page.locator("#id_reflection_questions").fill(
            "Vad tar du med dig?\nVad prövar du i din vardag?"
        )
        if number < len(themes):
            page.get_by_role("button", name=gettext("Save and add the next")).click()
            expect(page.locator("#id_place")).to_have_value(place)
        else:
            page.get_by_role("button", name=gettext("Save"), exact=True).click()
    expect(page.locator("#sessions")).to_contain_text(themes[-1])
    sessions = list(
        Event.objects.filter(cohort=cohort, kind=EventKind.SESSION).order_by("starts_at")
    )
    assert [s.theme for s in sessions] == themes
    return sessions


def the_session_is_held(page, session: Event) -> None:  # type: ignore[no-untyped-def]
    """The session took place yesterday: the coordinator enters its real time afterwards on
    its edit page (a session may be entered after the fact, to mark who came)."""
    from playwright.sync_api import expect

    yesterday = TODAY - datetime.timedelta(days=1)
    page.goto(f"/sessions/{session.pk}/edit/")
    page.locator("#id_starts_at").fill(f"{yesterday.isoformat()}T09:00")
    page.locator("#id_ends_at").fill(f"{yesterday.isoformat()}T12:00")
    page.get_by_role("button", name=gettext("Save"), exact=True).click()
    expect(page.locator(".alert-success")).to_be_visible()
    session.refresh_from_db()
    assert timezone.localdate(session.starts_at) == yesterday


def add_material(page, session: Event, *, title: str, url: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto(f"/sessions/{session.pk}/")
    page.get_by_role("link", name=gettext("Add material")).click()
    page.locator("#id_title").fill(title)
    page.locator("#id_url").fill(url)
    page.get_by_role("button", name=gettext("Add"), exact=True).click()
    expect(page.locator("#materials-heading + ul")).to_contain_text(title)


def mark_attendance(page, session: Event, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    """The coordinator ticks who came, from the session's page."""
    page.goto(f"/sessions/{session.pk}/")
    page.get_by_role("link", name=gettext("Mark attendance")).click()
    mark_attended(page, names)


def mark_attended(page, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    """On an attendance list: ticks the people, marks them as attended and confirms."""
    from playwright.sync_api import expect

    for name in names:
        page.get_by_label(gettext("Choose %(name)s") % {"name": name}, exact=True).check()
    page.get_by_label(pgettext("what to do with rows", "Action")).select_option(
        label=gettext("Mark as attended")
    )
    page.get_by_role("button", name=gettext("Continue")).click()
    people = ngettext("%(count)d person", "%(count)d people", len(names)) % {"count": len(names)}
    page.get_by_role(
        "button", name=gettext("Mark %(people)s as attended") % {"people": people}
    ).click()
    expect(page.locator(".alert-success")).to_be_visible()


def write_session_reflection(page, theme: str, answer: str) -> None:  # type: ignore[no-untyped-def]
    """A participant opens My sessions from the Events page and writes their private
    reflection. (The menu's link appears too, once the roles kept in the session for a
    minute are asked again; someone who applied just now has not got it yet.)"""
    from playwright.sync_api import expect

    page.goto("/events/")
    page.locator("main").get_by_role("link", name=gettext("My sessions")).click()
    expect(page.locator("main")).to_contain_text(theme)
    page.get_by_role("link", name=gettext("Write your reflection")).first.click()
    page.locator("#id_answer_0").fill(answer)
    page.get_by_role("button", name=gettext("Save"), exact=True).click()
    expect(page.locator("#own-reflection")).to_contain_text(answer)


# Matching, the pair's year, the report -----------------------------------------------------


def write_leader_profile(
    page, programme: Programme, *, dimension: str, statements: list[str]
) -> None:  # type: ignore[no-untyped-def]
    """The coordinator writes the leader-profile questionnaire: one dimension, its statements."""
    from playwright.sync_api import expect

    page.goto(f"/matching/programmes/{programme.pk}/questionnaire/")
    page.get_by_role("link", name=gettext("Add a dimension")).click()
    page.locator("#id_name").fill(dimension)
    page.locator("#id_mode").select_option("similar")
    page.get_by_role("button", name=gettext("Save")).click()
    expect(page.locator("main")).to_contain_text(dimension)
    for statement in statements:
        page.get_by_role("link", name=gettext("Add a question")).click()
        page.locator("#id_kind").select_option("scale")
        page.locator("#id_text").fill(statement)
        page.locator("#id_dimension").select_option(label=dimension)
        page.locator("#id_audience").select_option("both")
        page.get_by_role("button", name=gettext("Save")).click()
        expect(page.locator("section[aria-labelledby=questions-heading]")).to_contain_text(
            statement
        )


def open_leader_profiles(page, cohort: Cohort) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto(f"/cohorts/{cohort.pk}/")
    page.get_by_role("link", name=gettext("Leader profiles"), exact=True).click()
    page.get_by_role("button", name=gettext("Open the leader profiles")).click()
    expect(page.get_by_role("button", name=gettext("Open the leader profiles"))).to_have_count(0)


def fill_leader_profile(page, value: int) -> None:  # type: ignore[no-untyped-def]
    """A participant answers every statement from the start page's link; each saves at once."""
    from playwright.sync_api import expect

    page.goto("/")
    page.get_by_role("link", name=gettext("My leader profile")).first.click()
    for fieldset in page.locator("main form fieldset").all():
        fieldset.locator(f"input[type=radio][value='{value}']").check()
        expect(fieldset.locator("[role=status]")).to_have_text(gettext("Saved"))


def match_and_publish(page, cohort: Cohort) -> None:  # type: ignore[no-untyped-def]
    """Runs the matching from the cohort's page, reviews the proposal and publishes it."""
    from playwright.sync_api import expect

    page.goto(f"/cohorts/{cohort.pk}/")
    page.get_by_role("link", name=gettext("Matching"), exact=True).click()
    page.get_by_role("button", name=gettext("Run the matching")).click()
    expect(page.locator("#pair-count")).to_be_visible()
    page.get_by_role("button", name=gettext("Publish the pairs")).click()
    expect(page.locator(".alert-success")).to_contain_text(
        str(cohort.enrolments.filter(role="adept", status="admitted").count())
    )


def log_a_meeting(page, *, notes: str) -> Meeting:  # type: ignore[no-untyped-def]
    """A pair member records yesterday's meeting, held without planning it here first."""
    from playwright.sync_api import expect

    page.goto("/pairs/")
    page.get_by_role("link", name=gettext("Record a meeting already held")).first.click()
    yesterday = TODAY - datetime.timedelta(days=1)
    page.get_by_label(gettext("Date")).fill(yesterday.isoformat())
    page.get_by_label(gettext("Time")).fill("10:00")
    page.get_by_label(gettext("Actual length (minutes)")).fill("75")
    page.get_by_label(gettext("Place"), exact=True).fill("Stadshuset")
    page.get_by_label(gettext("Shared notes")).fill(notes)
    page.get_by_role("button", name=gettext("Save")).click()
    expect(page.locator("#meetings")).to_contain_text(notes)
    return Meeting.objects.latest("pk")


def produce_report(page, cohort: Cohort, language: str) -> str:  # type: ignore[no-untyped-def]
    """The coordinator produces the yearly report in ``language``; returns the PDF's text."""
    from playwright.sync_api import expect

    page.goto(f"/cohorts/{cohort.pk}/")
    page.get_by_role("link", name=gettext("Yearly report"), exact=True).click()
    page.locator("#id_language").select_option(language)
    page.get_by_role("button", name=gettext("Produce report")).click()
    download_link = page.locator("main a[href$='/download/']").first
    expect(download_link).to_be_visible()
    with page.expect_download() as download:
        download_link.click()
    with open(download.value.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(p.extract_text() for p in reader.pages)


# Screenshots for the README ----------------------------------------------------------------


def screenshot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Saves the page into $SEED_SCREENSHOTS when it is set (the README's pictures)."""
    folder = os.environ.get("SEED_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)

"""Open rule in the browser: apply, the manager agrees by link, a withdrawal promotes the next."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from programmes.models import AdmissionRule, Enrolment, EnrolmentStatus, Role
from tests.factories import EnrolmentFactory, MembershipFactory, MunicipalityFactory
from tests.programmes.factories_enrolment import WorkAreaFactory, open_cohort

from .conftest import sign_in

pytestmark = pytest.mark.browser


def consent_path_for(email: str) -> str:
    """The consent link from the last email to ``email``, as a path on the live server."""
    message = [m for m in mail.outbox if m.to == [email]][-1]
    url = re.search(r"https?://\S+/consent/\S+/", message.body).group(0)
    return urlsplit(url).path


def fill_application(page, *, municipality: str, manager_email: str) -> None:
    page.locator("input[name=role][value=adept]").check()
    page.locator("#id_municipality").select_option(label=municipality)
    page.locator("#id_department").fill("Socialförvaltningen")
    page.locator("#id_title").fill("Handläggare")
    page.locator("#id_work_area").select_option("Socialtjänst")
    page.locator("#id_years_as_manager").fill("0")
    page.locator("#id_development").fill("Se vilka karriärvägar som finns.")
    page.locator("#id_manager_name").fill("Maja Närmastechef")
    page.locator("#id_manager_email").fill(manager_email)


def test_first_come_first_served_with_consent_and_promotion_from_the_waiting_list(
    page,
    make_persona,
) -> None:
    from playwright.sync_api import expect

    norrtalje = MunicipalityFactory(name="Norrtälje", code="0188")
    cohort = open_cohort(rule=AdmissionRule.OPEN, places=1, name="Egen karriär våren 2027")
    MembershipFactory(programme=cohort.programme, municipality=norrtalje)
    WorkAreaFactory(programme=cohort.programme, name="Socialtjänst")
    applicant = make_persona(full_name="Malin Björk")
    # Someone else completed first and holds the only place.
    holder = EnrolmentFactory(cohort=cohort, role=Role.ADEPT, status=EnrolmentStatus.ADMITTED)

    with translation.override("sv"):
        sign_in(page, applicant)
        page.goto("/me/applications/")
        page.get_by_role("link", name=gettext("Apply"), exact=True).click()
        fill_application(page, municipality="Norrtälje", manager_email="maja.chef@norrtalje.se")
        page.get_by_role("button", name=gettext("Send application")).click()
        expect(page.locator("h1")).to_have_text(gettext("My applications"))
        expect(page.locator("table")).to_contain_text(gettext("not answered yet"))

        # The manager opens the emailed link; no account is needed.
        path = consent_path_for("maja.chef@norrtalje.se")
        page.goto(path)
        expect(page.locator("h1")).to_have_text(
            gettext("Agree to a mentor programme on working time")
        )
        page.get_by_role("button", name=gettext("I agree"), exact=True).click()
        expect(page.locator("main")).to_contain_text("Malin Björk")
        enrolment = Enrolment.objects.get(person=applicant.user, cohort=cohort)
        assert enrolment.status == EnrolmentStatus.WAITING

        # The used link says so and changes nothing.
        page.goto(path)
        expect(page.locator("h1")).to_have_text(gettext("The link cannot be used"))

        page.goto("/me/applications/")
        expect(page.locator("table")).to_contain_text(gettext("On the waiting list"))

        # The holder withdraws; the first on the waiting list gets the place and an email.
        from programmes.services.enrolment import enrolment_withdraw

        mail.outbox.clear()
        enrolment_withdraw(enrolment=holder, actor=holder.person)
        page.reload()
        expect(page.locator("table")).to_contain_text(gettext("Admitted"))
        assert [m.to for m in mail.outbox] == [[applicant.user.email]]

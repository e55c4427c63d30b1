"""`manage.py load_demo`: the consortium from the seeds, idempotent, with working logins."""

from __future__ import annotations

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from demo.consortium import (
    CAREER_PROGRAMME,
    CONSORTIUM_PROGRAMME,
    DEMO_PASSWORD,
    LOGINS,
    TALENT_PROGRAMME,
    career_cohort_name,
    consortium_cohort_name,
    current_totp_code,
    programme_year,
    talent_cohort_name,
)
from demo.formats import GROUP_PROGRAMME, LEADER_DAY, SESSION_PROGRAMME, STUDENT_PROGRAMME
from events.models import Event, EventKind, EventRegistration
from pairs.models import GroupMeeting, MentorGroup, Pair
from programmes.models import (
    AdmissionRule,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Membership,
    Municipality,
    Programme,
    Role,
)

PROJECT_APPS = tuple(settings.PROJECT_APPS)


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    models = [model for app in PROJECT_APPS for model in apps.get_app_config(app).get_models()]
    models += [EmailAddress, Authenticator]
    return {model._meta.label: model.objects.count() for model in models}


@pytest.mark.django_db
def test_loading_the_demo_twice_gives_the_same_rows() -> None:
    load_demo()
    first = row_counts()
    load_demo()
    assert row_counts() == first
    assert first["programmes.Enrolment"] > 40


@pytest.mark.django_db
def test_the_demo_consortium_follows_the_seeds() -> None:
    load_demo()
    codes = dict(Municipality.objects.values_list("name", "code"))
    assert codes == {
        "Håbo": "0305",
        "Enköping": "0381",
        "Knivsta": "0330",
        "Upplands Väsby": "0114",
        "Östhammar": "0382",
        "Norrtälje": "0188",
        "Norrköping": "0581",
        "Kungsbacka": "1384",
        "Örebro": "1880",
    }
    programme = Programme.objects.get(name=CONSORTIUM_PROGRAMME)
    assert programme.fee_sek == programme.mentor_fee_sek == 9800
    assert "Ledarprofil" in programme.fee_includes
    assert programme.mentor_from_other_municipality
    assert programme.admission_rule == AdmissionRule.SELECTION
    assert (programme.planned_meetings, programme.meeting_minutes) == (7, 90)
    joined = {
        m.municipality.name: m.joined_on for m in Membership.objects.filter(programme=programme)
    }
    assert len(joined) == 5
    assert joined["Östhammar"].year == joined["Håbo"].year + 1

    year = programme_year()
    cohort = Cohort.objects.get(programme=programme, name=consortium_cohort_name(year))
    assert (cohort.ends_on - cohort.starts_on).days > 280
    admitted = Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ADMITTED)
    # Twenty of each admitted in June, three of each this autumn.
    assert admitted.filter(role=Role.MENTOR).count() == 23
    assert admitted.filter(role=Role.ADEPT).count() == 23
    assert set(admitted.values_list("municipality__code", flat=True)) == {
        "0305",
        "0381",
        "0330",
        "0114",
        "0382",
    }
    assert {"socialtjänst", "skola", "äldreomsorg", "teknik", "kultur", "administration"} <= set(
        admitted.values_list("work_area", flat=True)
    )
    assert admitted.filter(title__icontains="rektor").exists()
    assert not admitted.filter(department="").exists()

    talent = Programme.objects.get(name=TALENT_PROGRAMME)
    career = Programme.objects.get(name=CAREER_PROGRAMME)
    assert talent.admission_rule == AdmissionRule.NOMINATION
    talent_cohort = talent.cohorts.get(name=talent_cohort_name(year))
    assert talent_cohort.adept_places == 15
    assert career.admission_rule == AdmissionRule.OPEN
    assert career.planned_meetings == 3
    career_cohort = career.cohorts.get(name=career_cohort_name(year))
    assert career_cohort.adept_places == 40
    for track, track_cohort in ((talent, talent_cohort), (career, career_cohort)):
        assert list(track.memberships.values_list("municipality__code", flat=True)) == ["0188"]
        assert track_cohort.enrolments.exists()


@pytest.mark.django_db
def test_the_demo_invoice_bases_carry_each_municipalitys_reference_and_cost_centre() -> None:
    from fees.models import InvoiceBasis

    load_demo()
    bases = InvoiceBasis.objects.select_related("municipality")
    assert bases.exists()
    for basis in bases:
        assert basis.buyer_reference and basis.cost_centre, basis.municipality.name
    assert Programme.objects.get(name=TALENT_PROGRAMME).mentor_fee_sek == 0


@pytest.mark.django_db
def test_the_demo_prints_one_login_per_role_and_every_login_signs_in() -> None:
    output = load_demo()
    roles = {login.role.split(" (")[0] for login in LOGINS}
    assert roles == {
        "administrator",
        "coordinator",
        "municipality contact",
        "mentor",
        "adept",
        "nominating manager",
        "group mentor",
        "participant",
    }
    assert DEMO_PASSWORD in output
    assert "demo_totp" in output
    for login in LOGINS:
        assert login.email in output
        client = Client()
        response = client.post(
            reverse("account_login"), {"login": login.email, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, login
        if login.totp:
            assert response["Location"] == reverse("mfa_authenticate")
            response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code()})
            assert response.status_code == 302, login
        assert response["Location"] != reverse("mfa_authenticate")
        home = client.get(reverse("programmes:home"))
        assert home.status_code == 200, login
        assert home.wsgi_request.user.email == login.email


@pytest.mark.django_db
def test_a_wrong_totp_code_does_not_sign_a_demo_coordinator_in() -> None:
    load_demo()
    coordinator = next(login for login in LOGINS if login.role == "coordinator")
    client = Client()
    client.post(reverse("account_login"), {"login": coordinator.email, "password": DEMO_PASSWORD})
    wrong = f"{(int(current_totp_code()) + 1) % 1_000_000:06d}"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert not client.get(reverse("programmes:home")).wsgi_request.user.is_authenticated


@pytest.mark.django_db
def test_the_demo_refuses_a_production_database(settings) -> None:
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="DEBUG is false"):
        call_command("load_demo", stdout=StringIO())
    assert not Programme.objects.exists()


def test_the_demo_totp_helper_prints_the_current_code(settings) -> None:
    settings.PRODUCTION = False
    out = StringIO()
    call_command("demo_totp", stdout=out)
    assert out.getvalue().strip() in {current_totp_code(), f"{(int(current_totp_code())):06d}"}


@pytest.mark.django_db
def test_the_demo_shows_every_format() -> None:
    load_demo()
    students = Enrolment.objects.filter(cohort__programme__name=STUDENT_PROGRAMME, role=Role.ADEPT)
    assert students.count() == 6
    assert all(s.school and s.wants_from_mentor for s in students)
    assert Pair.objects.filter(adept__in=students).count() == 6
    groups = MentorGroup.objects.filter(cohort__programme__name=GROUP_PROGRAMME)
    assert sorted(group.pairs.count() for group in groups) == [3, 3]
    assert GroupMeeting.objects.filter(group__in=groups).exists()
    sessions = Event.objects.filter(
        cohort__programme__name=SESSION_PROGRAMME, kind=EventKind.SESSION
    ).order_by("starts_at")
    assert sessions.count() == 6
    held = [s for s in sessions if s.starts_at <= timezone.now()]
    assert held and all(
        EventRegistration.objects.filter(event=s, attended=True).count() >= 15 for s in held
    )
    for name in (TALENT_PROGRAMME, CAREER_PROGRAMME):
        assert Event.objects.filter(cohort__programme__name=name, kind=EventKind.SESSION).exists()
    leader_day = Event.objects.get(title=LEADER_DAY)
    assert leader_day.audience == "open" and leader_day.capacity == 340
    assert leader_day.registrations.filter(municipality__name="Kungsbacka").count() == 6

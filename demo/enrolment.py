"""Demo data for enrolment: each admission rule can be tried at once.

Extends demo/consortium.py: work area lists for every programme, open application
windows, Ledartalang's approval stages with a nomination halfway through them, pending
and answered manager consents for Egen karriär, and an open selection cohort of the
consortium's programme with complete applications for the coordinator to decide.
"""

from __future__ import annotations

import datetime
import secrets
from typing import TextIO

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import User
from demo.consortium import (
    CAREER_PROGRAMME,
    CONSORTIUM,
    CONSORTIUM_PROGRAMME,
    DEMO_DOMAIN,
    DEMO_PASSWORD,
    TALENT_PROGRAMME,
    WORK_AREAS,
    _enrol,
    _municipality_domain,
    _person,
    consortium_cohort_name,
)
from fees.services import fee_line_for_admission
from programmes.models import (
    ApprovalStage,
    Cohort,
    ConsentRequest,
    Enrolment,
    EnrolmentStatus,
    Municipality,
    Nomination,
    Programme,
    Role,
    StageDecision,
    WorkArea,
)

TALENT_STAGES = ["Förvaltningens ledningsgrupp", "Kommunkoncernledningen"]
TALENT_GUIDANCE = (
    "Nominera en medarbetare som redan i dag tar ledaransvar, till exempel som samordnare "
    "eller i projekt. Beskriv konkreta situationer där hen har visat omdöme, mod och "
    "förmåga att få andra att växa, och varför programmet passar just nu. Programmet "
    "pågår på arbetstid, 5–6 heldagar under ett halvår."
)
# Applications to the consortium's next cohort: (first, last, municipality code, role, state)
NEXT_COHORT_APPLICANTS = [
    ("Rebecka", "Holm", "0305", Role.ADEPT, "complete"),
    ("Tobias", "Ekman", "0381", Role.ADEPT, "complete"),
    ("Lisa", "Vik", "0330", Role.MENTOR, "complete"),
    ("Oliver", "Borg", "0114", Role.MENTOR, "admitted"),
    ("Sanna", "Lind", "0382", Role.ADEPT, "declined"),
    ("Gustav", "Ahl", "0305", Role.ADEPT, "pending"),
]


def _open_window(cohort: Cohort, today: datetime.date) -> None:
    """Widens a demo cohort's window so that it is open today, inside the cohort."""
    if cohort.is_open_for_applications(today):
        return
    last_day = cohort.ends_on - datetime.timedelta(days=1)
    cohort.applications_open_on = min(cohort.applications_open_on or today, today)
    cohort.applications_close_on = min(max(today + datetime.timedelta(days=30), today), last_day)
    if cohort.applications_close_on >= today:
        cohort.save(update_fields=["applications_open_on", "applications_close_on"])


def _consent(
    enrolment: Enrolment, *, asked_days_ago: int, agreed: bool | None, comment: str = ""
) -> ConsentRequest:
    asked = timezone.now() - datetime.timedelta(days=asked_days_ago)
    consent, _created = ConsentRequest.objects.get_or_create(
        enrolment=enrolment,
        defaults={
            "manager_name": "Peter Gustafsson",
            "manager_email": f"chef.norrtalje@{DEMO_DOMAIN}",
            "nonce": secrets.token_hex(16),
            "asked_at": asked,
            "decided_at": None if agreed is None else asked + datetime.timedelta(days=1),
            "agreed": agreed,
            "comment": comment,
        },
    )
    if agreed and enrolment.completed_at is None:
        enrolment.completed_at = consent.decided_at
        enrolment.save(update_fields=["completed_at"])
    return consent


def build(*, stdout: TextIO) -> None:
    today = timezone.localdate()
    password_hash = make_password(DEMO_PASSWORD)
    programmes = {
        p.name: p
        for p in Programme.objects.filter(
            name__in=[CONSORTIUM_PROGRAMME, TALENT_PROGRAMME, CAREER_PROGRAMME]
        )
    }
    for programme in programmes.values():
        for position, name in enumerate(WORK_AREAS):
            WorkArea.objects.get_or_create(
                programme=programme, name=name, defaults={"position": position}
            )

    # Nomination with staged approval: Ledartalang --------------------------------------------
    talent = programmes[TALENT_PROGRAMME]
    if not talent.nomination_guidance:
        talent.nomination_guidance = TALENT_GUIDANCE
        talent.save(update_fields=["nomination_guidance"])
    stages = [
        ApprovalStage.objects.get_or_create(
            programme=talent, name=name, defaults={"position": position}
        )[0]
        for position, name in enumerate(TALENT_STAGES)
    ]
    manager = User.objects.get(email=f"chef.norrtalje@{DEMO_DOMAIN}")
    coordinator = talent.coordinators.first()
    talent_cohort = talent.cohorts.latest("starts_on")
    _open_window(talent_cohort, today)
    nominees = list(
        talent_cohort.enrolments.filter(role=Role.ADEPT).select_related("person").order_by("pk")
    )
    for index, enrolment in enumerate(nominees):
        nomination, _created = Nomination.objects.get_or_create(
            enrolment=enrolment,
            defaults={
                "nominated_by": manager,
                "motivation": (
                    f"{enrolment.person.full_name} leder redan i dag arbetsgrupper och tar "
                    "ansvar för helheten. Jag ser en framtida chef."
                ),
            },
        )
        if enrolment.completed_at is None:
            enrolment.completed_at = nomination.created_at
            enrolment.save(update_fields=["completed_at"])
        # The first two are halfway: the management group has said yes.
        if index < 2 and coordinator is not None:
            StageDecision.objects.get_or_create(
                nomination=nomination,
                stage=stages[0],
                defaults={
                    "approved": True,
                    "decided_by": coordinator,
                    "decided_at": timezone.now() - datetime.timedelta(days=3),
                    "comment": "Tydlig ledarpotential.",
                },
            )

    # Open, first come first served: Egen karriär --------------------------------------------
    career = programmes[CAREER_PROGRAMME]
    career_cohort = career.cohorts.latest("starts_on")
    _open_window(career_cohort, today)
    applied = list(career_cohort.enrolments.filter(status=EnrolmentStatus.APPLIED).order_by("pk"))
    for index, enrolment in enumerate(applied):
        # One reminder is already due for the first; the others were asked today.
        _consent(enrolment, asked_days_ago=5 if index == 0 else 0, agreed=None)
    for enrolment in career_cohort.enrolments.filter(status=EnrolmentStatus.ADMITTED):
        _consent(enrolment, asked_days_ago=20, agreed=True, comment="Självklart, lycka till!")

    # Selection by the coordinator: the consortium's next cohort -----------------------------
    consortium = programmes[CONSORTIUM_PROGRAMME]
    year = today.year + (1 if today.month >= 8 else 0)
    next_cohort, _created = Cohort.objects.get_or_create(
        programme=consortium,
        name=consortium_cohort_name(year),
        defaults={
            "starts_on": datetime.date(year, 9, 1),
            "ends_on": datetime.date(year + 1, 6, 15),
            "applications_open_on": today - datetime.timedelta(days=7),
            "applications_close_on": today + datetime.timedelta(days=45),
            "withdrawal_fee_deadline": datetime.date(year, 8, 15),
            "mentor_places": 20,
            "adept_places": 20,
        },
    )
    _open_window(next_cohort, today)
    municipalities = {code: Municipality.objects.get(code=code) for _n, code, _j in CONSORTIUM}
    for index, (first, last, code, role, state) in enumerate(NEXT_COHORT_APPLICANTS):
        municipality = municipalities[code]
        person = _person(
            first=first,
            last=last,
            domain=_municipality_domain(municipality.name),
            password_hash=password_hash,
        )
        area = WORK_AREAS[index % len(WORK_AREAS)]
        status = {
            "admitted": EnrolmentStatus.ADMITTED,
            "declined": EnrolmentStatus.DECLINED,
        }.get(state, EnrolmentStatus.APPLIED)
        enrolment = _enrol(
            person=person,
            cohort=next_cohort,
            role=role,
            municipality=municipality,
            title="Enhetschef" if role == Role.ADEPT else "Verksamhetschef",
            work_area=area,
            years=2 if role == Role.ADEPT else 12,
            development="Att leda i förändring och att bygga förtroende i gruppen.",
            status=status,
        )
        if status == EnrolmentStatus.ADMITTED:
            fee_line_for_admission(enrolment=enrolment)
        if state == "declined" and not enrolment.status_reason:
            enrolment.status_reason = "Vi prioriterar chefer med personalansvar i år."
            enrolment.save(update_fields=["status_reason"])
        _consent(
            enrolment,
            asked_days_ago=3 if state == "pending" else 6,
            agreed=None if state == "pending" else True,
        )

    stdout.write(
        "programmes (enrolment): work areas, open windows for all three rules, "
        f"{Nomination.objects.count()} nominations, "
        f"{ConsentRequest.objects.filter(decided_at__isnull=True).count()} pending consents\n"
    )

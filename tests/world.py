"""The personas every access test uses, built once per test from factories.

Two programmes (P, coordinated by ``coordinator``; Q by ``other_coordinator``),
three municipalities A, B and C in P's consortium, and two pairs in P's cohort:
``mentor`` (B) with ``adept`` (A), and ``other_mentor`` (C) with ``other_adept`` (B).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from accounts.models import User
from pairs.models import Pair
from programmes.models import Cohort, Enrolment, Municipality, Programme, Role

from .factories import (
    CohortFactory,
    EnrolmentFactory,
    MembershipFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    UserFactory,
)

ROLES = (
    "anonymous",
    "outsider",
    "manager",
    "adept",
    "mentor",
    "other_mentor",
    "contact_a",
    "contact_b",
    "coordinator",
    "other_coordinator",
    "administrator",
)


@dataclass
class World:
    people: dict[str, User]
    municipality_a: Municipality
    municipality_b: Municipality
    municipality_c: Municipality
    programme: Programme
    other_programme: Programme
    cohort: Cohort
    other_cohort: Cohort
    adept_enrolment: Enrolment
    mentor_enrolment: Enrolment
    other_adept_enrolment: Enrolment
    other_mentor_enrolment: Enrolment
    pair: Pair
    other_pair: Pair
    extra: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        # world.coordinator, world.adept, ... read the personas.
        people = self.__dict__.get("people", {})
        if name in people:
            return people[name]
        raise AttributeError(name)


def with_second_factor(user: User) -> User:
    TOTP.activate(user, generate_totp_secret())
    return user


def build_world() -> World:
    a = MunicipalityFactory(name="Håbo", code="0305")
    b = MunicipalityFactory(name="Enköping", code="0381")
    c = MunicipalityFactory(name="Knivsta", code="0330")
    people = {
        "outsider": UserFactory(full_name="Olle Utomstående"),
        "manager": UserFactory(full_name="Maja Närmastechef"),
        "adept": UserFactory(full_name="Ada Adept"),
        "mentor": UserFactory(full_name="Mona Mentor"),
        "other_adept": UserFactory(full_name="Otto Adept"),
        "other_mentor": UserFactory(full_name="Mats Mentor"),
        "contact_a": with_second_factor(UserFactory(full_name="Karin Kontakt Håbo")),
        "contact_b": with_second_factor(UserFactory(full_name="Kalle Kontakt Enköping")),
        "coordinator": with_second_factor(UserFactory(full_name="Sara Samordnare")),
        "other_coordinator": with_second_factor(UserFactory(full_name="Stig Samordnare")),
        "administrator": with_second_factor(
            UserFactory(full_name="Ada Admin", is_staff=True, is_superuser=True)
        ),
    }
    a.contacts.add(people["contact_a"])
    b.contacts.add(people["contact_b"])
    programme = ProgrammeFactory(name="Mentorprogrammet", coordinators=[people["coordinator"]])
    other_programme = ProgrammeFactory(
        name="Ledartalang", coordinators=[people["other_coordinator"]]
    )
    for municipality in (a, b, c):
        MembershipFactory(programme=programme, municipality=municipality)
    cohort = CohortFactory(programme=programme, name="2026/27")
    other_cohort = CohortFactory(programme=other_programme, name="Våren 2027")
    adept = EnrolmentFactory(person=people["adept"], cohort=cohort, role=Role.ADEPT, municipality=a)
    mentor = EnrolmentFactory(
        person=people["mentor"], cohort=cohort, role=Role.MENTOR, municipality=b
    )
    other_adept = EnrolmentFactory(
        person=people["other_adept"], cohort=cohort, role=Role.ADEPT, municipality=b
    )
    other_mentor = EnrolmentFactory(
        person=people["other_mentor"], cohort=cohort, role=Role.MENTOR, municipality=c
    )
    pair = Pair.objects.create(cohort=cohort, mentor=mentor, adept=adept)
    other_pair = Pair.objects.create(cohort=cohort, mentor=other_mentor, adept=other_adept)
    return World(
        people=people,
        municipality_a=a,
        municipality_b=b,
        municipality_c=c,
        programme=programme,
        other_programme=other_programme,
        cohort=cohort,
        other_cohort=other_cohort,
        adept_enrolment=adept,
        mentor_enrolment=mentor,
        other_adept_enrolment=other_adept,
        other_mentor_enrolment=other_mentor,
        pair=pair,
        other_pair=other_pair,
    )

"""Many applicants or participants at once, for the list tests and the benchmark."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from programmes.models import (
    Cohort,
    ConsentRequest,
    Enrolment,
    EnrolmentStatus,
    Municipality,
    Role,
)


def people_enrol(
    cohort: Cohort,
    count: int,
    *,
    municipality: Municipality,
    status: str = EnrolmentStatus.APPLIED,
    role: str = Role.ADEPT,
    complete: bool = True,
    prefix: str = "Sökande",
) -> list[Enrolment]:
    """``count`` new people in ``cohort``, made with two queries, named "<prefix> <kommun> 0001"."""
    tag = f"{prefix}-{municipality.pk}-{cohort.pk}-{role}-{status}".lower()
    start = User.objects.filter(email__startswith=tag).count()
    people = User.objects.bulk_create(
        User(
            email=f"{tag}-{start + n}@example.se",
            full_name=f"{prefix} {municipality.name} {start + n:04d}",
            password="!",
        )
        for n in range(count)
    )
    now = timezone.now()
    return Enrolment.objects.bulk_create(
        Enrolment(
            person=person,
            cohort=cohort,
            role=role,
            status=status,
            municipality=municipality,
            title="Enhetschef",
            completed_at=now if complete else None,
        )
        for person in people
    )


def consent_ask(enrolment: Enrolment, *, days_ago: int) -> ConsentRequest:
    """The nearest manager asked ``days_ago`` days ago, not yet answered."""
    return ConsentRequest.objects.create(
        enrolment=enrolment,
        manager_name="Chef",
        manager_email=f"chef{enrolment.pk}@example.se",
        nonce="x" * 32,
        asked_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def list_url(name: str, cohort: Cohort, **query: Any) -> str:
    """A cohort's list, filtered by ``query`` as a link from another page would be."""
    url = reverse(name, args=[cohort.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def names_on(page: Any) -> list[str]:
    """The names on the page of a list the test client got."""
    return [row.person.full_name for row in page.context["listing"].rows]

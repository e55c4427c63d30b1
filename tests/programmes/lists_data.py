"""Many applicants or participants at once, for the list tests and the benchmark."""

from __future__ import annotations

from django.utils import timezone

from accounts.models import User
from programmes.models import Cohort, Enrolment, EnrolmentStatus, Municipality, Role


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

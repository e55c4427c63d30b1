"""Demo data for reports: Norrtälje's 75 % target and a few later appointments."""

from __future__ import annotations

import datetime
from typing import TextIO

from django.utils import timezone

from demo.consortium import CONSORTIUM_PROGRAMME, TALENT_PROGRAMME
from programmes.models import Enrolment, EnrolmentStatus, Programme, Role
from reports.models import Appointment, OutcomeTarget

TALENT_TARGET_PERCENT = 75
APPOINTED_POSTS = ("Enhetschef", "Biträdande rektor", "Verksamhetschef")


def build(*, stdout: TextIO) -> None:
    for programme in Programme.objects.filter(name__in=[TALENT_PROGRAMME, CONSORTIUM_PROGRAMME]):
        OutcomeTarget.objects.get_or_create(
            programme=programme,
            defaults={"manager_share_percent": TALENT_TARGET_PERCENT, "within_months": 24},
        )
    today = timezone.localdate()
    adepts = (
        Enrolment.objects.filter(
            role=Role.ADEPT,
            status=EnrolmentStatus.ADMITTED,
            cohort__programme__name=CONSORTIUM_PROGRAMME,
            cohort__starts_on__lte=today - datetime.timedelta(days=30),
        )
        .select_related("cohort")
        .order_by("pk")[: len(APPOINTED_POSTS)]
    )
    for index, adept in enumerate(adepts):
        Appointment.objects.get_or_create(
            enrolment=adept,
            post=APPOINTED_POSTS[index],
            defaults={
                "appointed_on": today - datetime.timedelta(days=14 * (index + 1)),
                "is_internal": index != 1,
            },
        )
    stdout.write(f"Reports: outcome targets set, {len(adepts)} later appointments recorded.\n")

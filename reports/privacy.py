"""What reports hold about a person: later manager posts (outcomes) and reports they ordered."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.models import User
from privacy.registry import ExtractSection, Holding, extract_holdings

from .models import Appointment, GeneratedReport

HOLDINGS: list[Holding] = [
    Holding(
        "reports.appointment",
        lambda person: Appointment.objects.filter(enrolment__person=person),
        _("Posts you took after the programme, used to follow up the programme's outcome."),
    ),
    Holding(
        "reports.generatedreport",
        lambda person: GeneratedReport.objects.filter(requested_by=person),
        _("Reports you ordered."),
        fields=("cohort", "municipality", "language", "created_at", "status"),
    ),
]


def extract(person: User) -> list[ExtractSection]:
    return extract_holdings(HOLDINGS, person)

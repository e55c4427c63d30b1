"""Accessibility problems reported by anyone reach the administrators."""

from __future__ import annotations

from django.db import transaction

from ..emails import email_send
from ..models import AccessibilityReport, User


@transaction.atomic
def accessibility_report_create(
    *, page: str, description: str, contact_email: str = ""
) -> AccessibilityReport:
    report = AccessibilityReport(
        page=page.strip(), description=description.strip(), contact_email=contact_email.strip()
    )
    report.full_clean()
    report.save()
    administrators = list(User.objects.filter(is_superuser=True, is_active=True))
    transaction.on_commit(lambda: _notify(report, administrators))
    return report


def _notify(report: AccessibilityReport, administrators: list[User]) -> None:
    for administrator in administrators:
        email_send(to=administrator, template="accessibility_report", context={"report": report})

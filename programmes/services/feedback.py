"""Accessibility problems reported by anyone reach the administrators."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from notifications.emails import email_send
from notifications.models import Delivery
from notifications.services import (
    DeliveryNotNeeded,
    Notification,
    deliveries_queue,
    delivery_sender,
)
from programmes.models import AccessibilityReport

REPORT_KIND = "accessibility_report"


@transaction.atomic
def accessibility_report_create(
    *, page: str, description: str, contact_email: str = ""
) -> AccessibilityReport:
    report = AccessibilityReport(
        page=page.strip(), description=description.strip(), contact_email=contact_email.strip()
    )
    report.full_clean()
    report.save()
    deliveries_queue(
        Notification(kind=REPORT_KIND, recipient_id=pk, payload={"report_id": report.pk})
        for pk in User.objects.filter(is_superuser=True, is_active=True).values_list(
            "pk", flat=True
        )
    )
    return report


@delivery_sender(REPORT_KIND)
def accessibility_report_send(delivery: Delivery) -> str:
    report = AccessibilityReport.objects.filter(pk=delivery.payload["report_id"]).first()
    if report is None:
        raise DeliveryNotNeeded
    return email_send(
        to=delivery.recipient, template="accessibility_report", context={"report": report}
    )

"""The enrolment mails a programme can shape (notifications/mail_registry.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.mail_registry import Mail, MergeField, link_field, merge_fields
from programmes.models import ConsentRequest, Enrolment
from programmes.services.enrolment import enrolment_mail_context

ROLE = MergeField(
    "role",
    _("The role applied for (adept or mentor)"),
    lambda c: c["enrolment"].get_role_display().lower(),
)
APPLICATIONS_LINK = link_field("applications_url", _("Link to the person's applications"))
APPLICANT = MergeField("applicant", _("The applicant's full name"), lambda c: c["person"].full_name)
REASON = MergeField("reason", _("The coordinator's reason"), lambda c: c["enrolment"].status_reason)
CONSENT_LINK = link_field("consent_url", _("Link to agree or decline"))
VALID_DAYS = MergeField("valid_days", _("Days the link works"), lambda c: c["valid_days"])

SAMPLE_MANAGER = "Alex Chefsson"


def _for_applicant(enrolment: Enrolment) -> dict[str, Any]:
    return enrolment_mail_context(enrolment=enrolment)


def _for_manager(enrolment: Enrolment) -> dict[str, Any]:
    consent = getattr(enrolment, "consent", None) if enrolment.pk else None
    consent = consent or ConsentRequest(
        pk=0,
        enrolment=enrolment,
        manager_name=SAMPLE_MANAGER,
        manager_email="alex.chefsson@example.se",
        nonce="sample",
        asked_at=timezone.now() - datetime.timedelta(days=1),
    )
    return enrolment_mail_context(enrolment=enrolment, audience="manager", consent=consent)


def _applicant_mail(key: str, label: Any, *extra: MergeField) -> Mail:
    return Mail(
        key=key,
        label=label,
        template=key,
        fields=merge_fields(ROLE, *extra, APPLICATIONS_LINK),
        sample=_for_applicant,
    )


def _manager_mail(key: str, label: Any) -> Mail:
    return Mail(
        key=key,
        label=label,
        template=key,
        fields=merge_fields(APPLICANT, ROLE, VALID_DAYS, CONSENT_LINK),
        sample=_for_manager,
    )


MAILS = (
    _applicant_mail("application_received", _("Application received")),
    _manager_mail("consent_asked", _("Consent request to the nearest manager")),
    _manager_mail("consent_reminder", _("Consent reminder to the nearest manager")),
    _applicant_mail("consent_declined", _("The manager declined")),
    _applicant_mail("admitted", _("Admitted")),
    _applicant_mail("promoted", _("Admitted from the waiting list")),
    _applicant_mail("waiting_list", _("On the waiting list")),
    _applicant_mail("declined", _("Not admitted"), REASON),
)

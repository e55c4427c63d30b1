"""A person's rights: the register extract, and anonymisation on request by an administrator."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from privacy import registry as privacy
from privacy.models import PersonAnonymisation, RecordKind
from programmes.services.grants import person_access_revoke_all

REASON_MIN_LENGTH = 10


def register_extract_create(*, person: User, format: str) -> privacy.RegisterExtract:
    extract = privacy.register_extract(person)
    audit_record(
        actor=person,
        action="register_extract.download",
        target=person,
        summary=f"{format}, {len(extract['sections'])} sections",
    )
    return extract


@transaction.atomic
def person_anonymise(*, person: User, performed_by: User, reason: str) -> PersonAnonymisation:
    """Empties every kind of record of the person at once and replaces their identity."""
    reason = reason.strip()
    if len(reason) < REASON_MIN_LENGTH:
        raise ValidationError({"reason": _("Give the reason for the anonymisation.")})
    if person.pk == performed_by.pk:
        raise ValidationError(_("You cannot anonymise yourself."))
    if privacy.is_anonymised(person) or PersonAnonymisation.objects.filter(person=person).exists():
        raise ValidationError(_("The person is already anonymised."))
    enrolments = person.enrolments.all()
    for kind in RecordKind.values:
        if kind == RecordKind.CONTACT_DETAILS:
            continue
        for handler in privacy.retention_handlers(kind):
            handler.apply(enrolments)
    # The roles go through the grants service, so that each revocation is logged.
    person_access_revoke_all(granter=performed_by, person=person)
    privacy.user_anonymise(person)
    anonymisation = PersonAnonymisation.objects.create(
        person=person, performed_by=performed_by, reason=reason
    )
    audit_record(
        actor=performed_by,
        action="person.anonymise",
        target=person,
        summary=f"person {person.pk} anonymised on request",
    )
    return anonymisation

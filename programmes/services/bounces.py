"""Correcting the address a participant's mail bounced from, and sending what waited, at once."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from notifications.services import deliveries_retry_for
from programmes import access
from programmes.models import Cohort


@transaction.atomic
def person_address_correct(*, actor: User, cohort: Cohort, person: User, email: str) -> int:
    """Gives ``person`` (a participant of ``cohort``) a corrected address; returns mails retried.

    The address is the person's sign-in too, so it is changed here only for participants:
    anyone who also holds a role that opens other people's data is corrected by an administrator.
    """
    email = email.strip()
    validate_email(email)
    if not person.enrolments.filter(cohort=cohort).exists():
        raise ValidationError(_("The person is not in this cohort."))
    roles = access.roles_of(person)
    if roles.administrator or roles.coordinator or roles.contact or roles.staff:
        raise ValidationError(
            _("This person has a role beyond the programme; ask an administrator to change it.")
        )
    taken = User.objects.filter(email__iexact=email).exclude(pk=person.pk).exists()
    if taken or EmailAddress.objects.filter(email__iexact=email).exclude(user=person).exists():
        raise ValidationError({"email": _("Another account already uses this address.")})
    bounced_from = person.email
    if email.lower() != person.email.lower():
        person.email = email
        person.save(update_fields=["email"])
        EmailAddress.objects.filter(user=person).update(primary=False)
        address, _created = EmailAddress.objects.get_or_create(
            user=person, email=email, defaults={"verified": True, "primary": True}
        )
        EmailAddress.objects.filter(pk=address.pk).update(verified=True, primary=True)
        EmailAddress.objects.filter(user=person).exclude(pk=address.pk).delete()
    audit_record(actor=actor, action="person.address_corrected", target=person, summary=cohort.name)
    return deliveries_retry_for(person=person, address=bounced_from)

"""Fee lines and invoice bases: one basis per cohort and municipality, locked once sent."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Enrolment, FeeLine, InvoiceBasis


def invoice_basis_for(*, enrolment: Enrolment) -> InvoiceBasis:
    basis, _created = InvoiceBasis.objects.select_for_update().get_or_create(
        cohort=enrolment.cohort, municipality=enrolment.municipality
    )
    return basis


@transaction.atomic
def fee_line_for_admission(*, enrolment: Enrolment) -> FeeLine | None:
    """The programme's fee for an admitted participant, billed to their municipality."""
    if enrolment.fee_lines.exists():
        return None
    basis = invoice_basis_for(enrolment=enrolment)
    if basis.is_locked:
        raise ValidationError(
            _("The invoice basis for %(municipality)s is locked; add a correction line instead.")
            % {"municipality": enrolment.municipality.name}
        )
    return FeeLine.objects.create(
        basis=basis,
        enrolment=enrolment,
        description=_("%(role)s: %(name)s")
        % {"role": enrolment.get_role_display(), "name": enrolment.person.full_name},
        amount=enrolment.cohort.programme.fee_sek,
    )


@transaction.atomic
def fee_line_remove_for_withdrawal(*, enrolment: Enrolment) -> int:
    """Removes the participant's lines from a draft basis; a sent basis keeps them."""
    deleted, _rows = FeeLine.objects.filter(enrolment=enrolment, basis__status="draft").delete()
    return deleted

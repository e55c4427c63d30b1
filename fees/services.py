"""Fee lines and invoice bases: one basis per cohort and municipality, locked once sent;
the buyer's details each municipality asks its invoices to carry."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from fees.models import BuyerDetails, FeeLine, InvoiceBasis, InvoiceStatus
from programmes.models import Cohort, Enrolment, EnrolmentStatus, Municipality

BUYER_FIELDS = ("buyer_reference", "cost_centre", "order_number")


def _copy_buyer_details(basis: InvoiceBasis) -> None:
    """A draft basis takes the municipality's current details (when it is made and when it
    is sent; buyer_details_update changes the drafts at once); a sent one keeps its own."""
    if basis.is_locked:
        return
    details = BuyerDetails.objects.filter(municipality_id=basis.municipality_id).first()
    values = {name: getattr(details, name) if details else "" for name in BUYER_FIELDS}
    if any(getattr(basis, name) != value for name, value in values.items()):
        InvoiceBasis.objects.filter(pk=basis.pk).update(**values)
        for name, value in values.items():
            setattr(basis, name, value)


def invoice_basis_for(*, enrolment: Enrolment) -> InvoiceBasis:
    basis, created = InvoiceBasis.objects.select_for_update().get_or_create(
        cohort=enrolment.cohort, municipality=enrolment.municipality
    )
    if created:
        _copy_buyer_details(basis)
    return basis


@transaction.atomic
def fee_line_for_admission(*, enrolment: Enrolment) -> FeeLine | None:
    """The fee of the participant's role, billed to their municipality; a role the
    programme charges nothing makes no line."""
    if enrolment.fee_lines.exists():
        return None
    amount = enrolment.cohort.programme.fee_for(enrolment.role)
    if amount <= 0:
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
        amount=amount,
    )


@transaction.atomic
def fee_line_remove_for_withdrawal(*, enrolment: Enrolment) -> int:
    """Removes the participant's lines from a draft basis; a sent basis keeps them."""
    deleted, _rows = FeeLine.objects.filter(enrolment=enrolment, basis__status="draft").delete()
    return deleted


def _refuse_if_locked(basis: InvoiceBasis) -> None:
    if basis.is_locked:
        raise ValidationError(
            _(
                "The invoice basis has been sent to invoicing and is locked. "
                "Add a correction line instead."
            )
        )


def _validate_amounts(*, amount: Decimal, reduction: Decimal, correction: bool) -> None:
    if reduction < 0:
        raise ValidationError({"reduction": _("The reduction cannot be negative.")})
    if not correction and amount < 0:
        raise ValidationError({"amount": _("The amount cannot be negative.")})
    if not correction and reduction > amount:
        raise ValidationError({"reduction": _("The reduction cannot be larger than the amount.")})


@transaction.atomic
def fee_line_add(
    *,
    basis: InvoiceBasis,
    description: str,
    amount: Decimal,
    reduction: Decimal = Decimal("0"),
    note: str = "",
    enrolment: Enrolment | None = None,
    actor: User | None = None,
) -> FeeLine:
    """A new line; on a sent or paid basis it is a correction (which may be negative)."""
    basis = InvoiceBasis.objects.select_for_update().get(pk=basis.pk)
    correction = basis.is_locked
    _validate_amounts(amount=amount, reduction=reduction, correction=correction)
    if correction and not note.strip():
        raise ValidationError({"note": _("Say why the correction is made.")})
    line = FeeLine.objects.create(
        basis=basis,
        enrolment=enrolment,
        description=description.strip(),
        amount=amount,
        reduction=reduction,
        note=note.strip(),
        is_correction=correction,
    )
    audit_record(
        actor=actor,
        action="fee_line.correct" if correction else "fee_line.add",
        target=basis,
        summary=f"{line.description}: {line.total}",
    )
    return line


@transaction.atomic
def fee_line_update(
    *, line: FeeLine, reduction: Decimal, note: str, actor: User | None = None
) -> FeeLine:
    """Reduction and note of a line on a draft basis; a locked basis refuses."""
    basis = InvoiceBasis.objects.select_for_update().get(pk=line.basis_id)
    _refuse_if_locked(basis)
    _validate_amounts(amount=line.amount, reduction=reduction, correction=line.is_correction)
    line.reduction = reduction
    line.note = note.strip()
    line.save(update_fields=["reduction", "note"])
    audit_record(actor=actor, action="fee_line.change", target=basis, summary=line.description)
    return line


@transaction.atomic
def invoice_basis_mark_sent(*, basis: InvoiceBasis, actor: User | None = None) -> InvoiceBasis:
    basis = InvoiceBasis.objects.select_for_update().get(pk=basis.pk)
    if basis.status != InvoiceStatus.DRAFT:
        raise ValidationError(_("The invoice basis has already been sent to invoicing."))
    if not basis.lines.exists():
        raise ValidationError(_("The invoice basis has no lines to invoice."))
    # What is sent carries the municipality's details as they are now, and keeps them.
    _copy_buyer_details(basis)
    basis.status = InvoiceStatus.SENT
    basis.sent_at = timezone.now()
    basis.save(update_fields=["status", "sent_at"])
    audit_record(actor=actor, action="invoice_basis.send", target=basis, summary=str(basis))
    return basis


@transaction.atomic
def invoice_basis_mark_paid(*, basis: InvoiceBasis, actor: User | None = None) -> InvoiceBasis:
    basis = InvoiceBasis.objects.select_for_update().get(pk=basis.pk)
    if basis.status != InvoiceStatus.SENT:
        raise ValidationError(
            _("Only an invoice basis that has been sent to invoicing can be marked as paid.")
        )
    basis.status = InvoiceStatus.PAID
    basis.paid_at = timezone.now()
    basis.save(update_fields=["status", "paid_at"])
    audit_record(actor=actor, action="invoice_basis.pay", target=basis, summary=str(basis))
    return basis


@transaction.atomic
def invoice_bases_prepare(*, cohort: Cohort) -> int:
    """A line for every admitted participant still without one, on their municipality's draft
    basis; participants whose municipality's basis is already locked are left to corrections."""
    missing = (
        Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ADMITTED)
        .filter(fee_lines__isnull=True)
        .select_related("cohort__programme", "municipality", "person")
    )
    locked = set(
        InvoiceBasis.objects.filter(cohort=cohort)
        .exclude(status=InvoiceStatus.DRAFT)
        .values_list("municipality_id", flat=True)
    )
    created = 0
    for enrolment in missing:
        if enrolment.municipality_id in locked:
            continue
        created += fee_line_for_admission(enrolment=enrolment) is not None
    return created


@transaction.atomic
def buyer_details_update(
    *,
    municipality: Municipality,
    buyer_reference: str,
    cost_centre: str,
    order_number: str = "",
) -> BuyerDetails:
    """The municipality's buyer's reference, cost centre and order number; its draft invoice
    bases take them at once, a basis already sent keeps what it was sent with."""
    details = BuyerDetails.objects.select_for_update().filter(municipality=municipality).first()
    details = details or BuyerDetails(municipality=municipality)
    details.buyer_reference = buyer_reference.strip()
    details.cost_centre = cost_centre.strip()
    details.order_number = order_number.strip()
    details.full_clean()
    details.save()
    InvoiceBasis.objects.filter(municipality=municipality, status=InvoiceStatus.DRAFT).update(
        **{name: getattr(details, name) for name in BUYER_FIELDS}
    )
    return details

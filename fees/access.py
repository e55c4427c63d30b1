"""Who may see and change invoice bases and their lines (like programmes/access.py)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from fees.models import FeeLine, InvoiceBasis
from programmes.access import AnyUser, get_or_404, is_administrator, programmes_for_coordinator
from programmes.models import (
    Municipality,
)

# Invoice bases ----------------------------------------------------------------


def invoice_bases_for_user(user: AnyUser) -> QuerySet[InvoiceBasis]:
    """Coordinators see their programmes' bases; a contact only their own municipality's."""
    if not user.is_authenticated:
        return InvoiceBasis.objects.none()
    if is_administrator(user):
        return InvoiceBasis.objects.all()
    return InvoiceBasis.objects.filter(
        Q(cohort__programme__in=programmes_for_coordinator(user).values("pk"))
        | Q(municipality__in=Municipality.objects.filter(contacts=user).values("pk"))
    )


def invoice_bases_for_coordinator(user: AnyUser) -> QuerySet[InvoiceBasis]:
    if not user.is_authenticated:
        return InvoiceBasis.objects.none()
    return InvoiceBasis.objects.filter(
        cohort__programme__in=programmes_for_coordinator(user).values("pk")
    )


def invoice_basis_for_user(user: AnyUser, pk: int) -> InvoiceBasis:
    return get_or_404(
        invoice_bases_for_user(user).select_related("cohort__programme", "municipality"), pk
    )


def invoice_basis_for_coordinator(user: AnyUser, pk: int) -> InvoiceBasis:
    return get_or_404(
        invoice_bases_for_coordinator(user).select_related("cohort__programme", "municipality"), pk
    )


def may_change_invoice_basis(user: AnyUser, basis: InvoiceBasis) -> bool:
    return invoice_bases_for_coordinator(user).filter(pk=basis.pk).exists()


def fee_line_for_coordinator(user: AnyUser, pk: int) -> FeeLine:
    return get_or_404(
        FeeLine.objects.filter(basis__in=invoice_bases_for_coordinator(user)).select_related(
            "basis__cohort", "basis__municipality"
        ),
        pk,
    )

"""Reads about fees: bases with their totals, one basis with its lines, fees per municipality."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, QuerySet, Sum, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce

from fees.models import BuyerDetails, FeeLine, InvoiceBasis, InvoiceStatus
from programmes.models import Cohort, Municipality

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

ZERO = Decimal("0.00")
MONEY: DecimalField[Decimal, Decimal] = DecimalField(max_digits=12, decimal_places=2)


def _line_total() -> ExpressionWrapper[CombinedExpression]:
    return ExpressionWrapper(F("lines__amount") - F("lines__reduction"), output_field=MONEY)


class BasisTotals(TypedDict):
    """What :func:`invoice_bases_with_totals` adds to each basis."""

    line_count: int
    participant_count: int
    total: Decimal


def invoice_bases_with_totals(
    bases: QuerySet[InvoiceBasis],
) -> QuerySet[WithAnnotations[InvoiceBasis, BasisTotals]]:
    """Adds line_count, participant_count and total (less reductions, with corrections)."""
    return (
        bases.select_related("cohort__programme", "municipality")
        .annotate(
            line_count=Count("lines"),
            participant_count=Count("lines__enrolment", distinct=True),
            total=Coalesce(Sum(_line_total()), Value(ZERO), output_field=MONEY),
        )
        .order_by("cohort__programme__name", "-cohort__starts_on", "municipality__name")
    )


@dataclass
class BasisSummary:
    basis: InvoiceBasis
    lines: list[FeeLine]
    corrections: list[FeeLine]
    amount: Decimal = ZERO
    reduction: Decimal = ZERO
    sent_total: Decimal = ZERO
    corrections_total: Decimal = ZERO
    total: Decimal = ZERO
    all_lines: list[FeeLine] = field(default_factory=list)


def invoice_basis_summary(basis: InvoiceBasis) -> BasisSummary:
    """The basis with its lines (original and corrections) and the sums shown and exported."""
    lines = list(
        basis.lines.select_related("enrolment__person").order_by(
            "is_correction", "created_at", "pk"
        )
    )
    original = [line for line in lines if not line.is_correction]
    corrections = [line for line in lines if line.is_correction]
    summary = BasisSummary(basis=basis, lines=original, corrections=corrections, all_lines=lines)
    summary.amount = sum((line.amount for line in original), ZERO)
    summary.reduction = sum((line.reduction for line in original), ZERO)
    summary.sent_total = summary.amount - summary.reduction
    summary.corrections_total = sum((line.total for line in corrections), ZERO)
    summary.total = summary.sent_total + summary.corrections_total
    return summary


@dataclass(frozen=True)
class MunicipalityFees:
    municipality: Municipality
    lines: int
    participants: int
    amount: Decimal
    reduction: Decimal
    total: Decimal
    status: str
    status_label: str

    def as_row(self) -> list[str | int | Decimal]:
        """Municipality, lines, fees, reductions, to pay: the reports' fee table."""
        return [self.municipality.name, self.lines, self.amount, self.reduction, self.total]


def fees_per_municipality(
    cohort: Cohort, *, municipality: Municipality | None = None
) -> list[MunicipalityFees]:
    """One row per municipality with a basis in the cohort: its lines (corrections
    included), the participants billed, fees, reductions, what is to pay and the status.
    The coordinator's overview and the reports both read these."""
    bases = InvoiceBasis.objects.filter(cohort=cohort)
    if municipality is not None:
        bases = bases.filter(municipality=municipality)
    bases = (
        bases.select_related("municipality")
        .annotate(
            line_count=Count("lines"),
            participants=Count(
                "lines__enrolment", distinct=True, filter=Q(lines__is_correction=False)
            ),
            amount=Coalesce(Sum("lines__amount"), Value(ZERO), output_field=MONEY),
            reduction=Coalesce(Sum("lines__reduction"), Value(ZERO), output_field=MONEY),
            total=Coalesce(Sum(_line_total()), Value(ZERO), output_field=MONEY),
        )
        .order_by("municipality__name")
    )
    labels = dict(InvoiceStatus.choices)
    return [
        MunicipalityFees(
            municipality=basis.municipality,
            lines=basis.line_count,
            participants=basis.participants,
            amount=basis.amount,
            reduction=basis.reduction,
            total=basis.total,
            status=basis.status,
            status_label=str(labels[basis.status]),
        )
        for basis in bases
    ]


@dataclass(frozen=True)
class MunicipalityBuyer:
    municipality: Municipality
    details: BuyerDetails | None


def buyer_details_of(municipalities: QuerySet[Municipality]) -> list[MunicipalityBuyer]:
    """Each municipality with its buyer's details (None where none are set yet)."""
    details = {
        row.municipality_id: row
        for row in BuyerDetails.objects.filter(municipality__in=municipalities.values("pk"))
    }
    return [
        MunicipalityBuyer(municipality=municipality, details=details.get(municipality.pk))
        for municipality in municipalities.order_by("name")
    ]

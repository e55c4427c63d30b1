"""The start page's to-dos of fees (programmes.todo): invoice bases that are due to be sent,
and for a municipality contact the invoices on their way."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from programmes.access import Roles
from programmes.models import Municipality
from programmes.todo import Priority, Todo

from .access import invoice_bases_for_coordinator, invoice_bases_for_user
from .models import InvoiceStatus


def todos(user: User, roles: Roles) -> Iterable[Todo]:
    bases = reverse("fees:invoice_basis_list")
    if roles.coordinator or roles.administrator:
        # A draft is final once no one can withdraw without the fee (the cohort's start unless set).
        due = (
            invoice_bases_for_coordinator(user)
            .filter(status=InvoiceStatus.DRAFT, lines__isnull=False)
            .alias(final_on=Coalesce(F("cohort__withdrawal_fee_deadline"), F("cohort__starts_on")))
            .filter(final_on__lt=timezone.localdate())
        )
        yield Todo(
            label=_("Invoice bases to send"),
            count=due.distinct().count(),
            url=bases,
        )
    if roles.contact:
        own = Municipality.objects.filter(contacts=user).values("pk")
        unpaid = invoice_bases_for_user(user).filter(
            municipality__in=own, status=InvoiceStatus.SENT
        )
        yield Todo(
            label=_("Invoices to your municipality not yet paid"),
            count=unpaid.count(),
            url=bases,
            priority=Priority.NOTE,
        )

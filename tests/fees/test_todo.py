"""Fees' to-dos on the start page: bases due to be sent, and a contact's unpaid invoices."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from fees.models import InvoiceBasis, InvoiceStatus
from fees.services import invoice_bases_prepare
from tests.programmes.factories_enrolment import english
from tests.todos import find, todos_on_start_page
from tests.world import World

__all__ = ["english"]

pytestmark = pytest.mark.django_db

TO_SEND = "Invoice bases to send"
UNPAID = "Invoices to your municipality not yet paid"


def test_the_coordinator_sees_the_drafts_due_once_the_fee_deadline_has_passed(
    world: World, client_for
) -> None:
    invoice_bases_prepare(cohort=world.cohort)
    drafts = InvoiceBasis.objects.filter(cohort=world.cohort).count()
    (todo,) = find(todos_on_start_page(client_for("coordinator")), TO_SEND)
    assert todo.count == drafts == 3
    assert todo.url == reverse("fees:invoice_basis_list")
    InvoiceBasis.objects.filter(municipality=world.municipality_a).update(status=InvoiceStatus.SENT)
    (todo,) = find(todos_on_start_page(client_for("coordinator")), TO_SEND)
    assert todo.count == 2
    # Until the last day to withdraw without the fee, the lines may still change.
    world.cohort.withdrawal_fee_deadline = timezone.localdate() + datetime.timedelta(days=1)
    world.cohort.save()
    assert find(todos_on_start_page(client_for("coordinator")), TO_SEND) == []


def test_a_contact_sees_only_their_own_municipalitys_unpaid_invoices(
    world: World, client_for
) -> None:
    invoice_bases_prepare(cohort=world.cohort)
    InvoiceBasis.objects.update(status=InvoiceStatus.SENT)
    InvoiceBasis.objects.filter(municipality=world.municipality_b).update(status=InvoiceStatus.PAID)
    (todo,) = todos_on_start_page(client_for("contact_a"))
    assert (todo.label, todo.count) == (UNPAID, 1)
    assert find(todos_on_start_page(client_for("contact_b")), UNPAID) == []
    for persona in ("adept", "mentor", "other_coordinator", "outsider"):
        todos = todos_on_start_page(client_for(persona))
        assert find(todos, TO_SEND) == find(todos, UNPAID) == [], persona

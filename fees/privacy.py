"""What the fees app holds about a person (see privacy/registry.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.models import User
from privacy.registry import ExtractSection, Holding, extract_holdings, model_of

HOLDINGS: list[Holding] = [
    Holding(
        "fees.feeline",
        lambda person: model_of("fees.feeline")._default_manager.filter(enrolment__person=person),
        _("The fee your municipality pays for your participation."),
        exclude=("basis",),
    ),
]


def extract(person: User) -> list[ExtractSection]:
    return extract_holdings(HOLDINGS, person)

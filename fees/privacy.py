"""What the fees app holds about a person (see privacy/registry.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from privacy.registry import Holding, model_of

HOLDINGS: list[Holding] = [
    Holding(
        "fees.feeline",
        lambda person: model_of("fees.feeline").objects.filter(enrolment__person=person),
        _("The fee your municipality pays for your participation."),
        exclude=("basis",),
    ),
]

"""Agreement periods of a programme: when the consortium has agreed to run it."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from programmes.models import AgreementPeriod, Programme


def _validate_period(
    *,
    programme: Programme,
    starts_on: datetime.date,
    ends_on: datetime.date,
    exclude_pk: int | None = None,
) -> None:
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": _("The agreement period must end after it starts.")})
    others = AgreementPeriod.objects.select_for_update().filter(
        programme=programme, starts_on__lte=ends_on, ends_on__gte=starts_on
    )
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    clash = others.first()
    if clash is not None:
        raise ValidationError(
            _("The period overlaps %(name)s (%(start)s – %(end)s).")
            % {"name": clash.name, "start": clash.starts_on, "end": clash.ends_on}
        )


@transaction.atomic
def agreement_period_create(
    *,
    programme: Programme,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    note: str = "",
) -> AgreementPeriod:
    _validate_period(programme=programme, starts_on=starts_on, ends_on=ends_on)
    period = AgreementPeriod(
        programme=programme, name=name.strip(), starts_on=starts_on, ends_on=ends_on, note=note
    )
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def agreement_period_update(
    *,
    period: AgreementPeriod,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    note: str = "",
) -> AgreementPeriod:
    _validate_period(
        programme=period.programme, starts_on=starts_on, ends_on=ends_on, exclude_pk=period.pk
    )
    period.name = name.strip()
    period.starts_on = starts_on
    period.ends_on = ends_on
    period.note = note
    period.full_clean()
    period.save()
    return period

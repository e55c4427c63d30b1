"""What a copied programme takes over from reports: the outcome target."""

from __future__ import annotations

from django.utils.translation import gettext as _

from programmes.copying import CopyContext
from programmes.models import Programme
from reports.models import OutcomeTarget


def copy_programme(*, source: Programme, target: Programme, copy: CopyContext) -> list[str]:
    outcome = OutcomeTarget.objects.filter(programme=source).first()
    if outcome is None:
        return []
    OutcomeTarget.objects.create(
        programme=target,
        manager_share_percent=outcome.manager_share_percent,
        within_months=outcome.within_months,
    )
    return [
        _("the outcome target (%(percent)d %% within %(months)d months)")
        % {"percent": outcome.manager_share_percent, "months": outcome.within_months}
    ]

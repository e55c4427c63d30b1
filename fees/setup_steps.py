"""The fees' setup steps: the fee, and the last day a participant may withdraw without it."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fees.money import format_sek
from programmes.models import Cohort, Programme
from programmes.setup import Phase, SettingsLink, SetupStep


def setup_steps(*, programme: Programme, cohorts: Sequence[Cohort]) -> list[SetupStep]:
    charges = programme.fee_sek > 0
    steps = [
        SetupStep(
            key="fees.fee",
            label=_("Fee per participant and year: %(amount)s")
            % {"amount": format_sek(programme.fee_sek)},
            done=True,
            url=reverse("programmes:programme_edit", kwargs={"pk": programme.pk}),
            phase=Phase.BEFORE_APPLICATIONS,
        )
    ]
    for cohort in cohorts:
        steps.append(
            SetupStep(
                key="fees.withdrawal_deadline",
                label=_("Last day to withdraw without a fee"),
                done=not charges or cohort.withdrawal_fee_deadline is not None,
                url=reverse("programmes:cohort_edit", kwargs={"pk": cohort.pk}),
                phase=Phase.BEFORE_APPLICATIONS,
                why=_(
                    "Not set: a participant who withdraws after the cohort's first day is "
                    "charged the fee."
                ),
                cohort=cohort,
            )
        )
    return steps


def settings_links(*, programme: Programme, cohort: Cohort | None) -> list[SettingsLink]:
    if cohort is not None:
        return []
    return [SettingsLink(_("Fees and invoice bases"), reverse("fees:invoice_basis_list"))]

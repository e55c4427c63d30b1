"""Forms to copy a cohort to the next year and a programme to a new one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput
from programmes.models import Cohort, Programme
from programmes.services.copying import CohortDates
from programmes.services.core import validate_cohort_dates


class CohortCopyForm(forms.Form):
    """The new cohort's name and dates; the form is pre-filled a year later."""

    name = forms.CharField(label=_("Name of the new cohort"), max_length=200)
    starts_on = forms.DateField(label=_("Starts"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends"), widget=DateInput())
    applications_open_on = forms.DateField(
        label=_("Applications open"), required=False, widget=DateInput()
    )
    applications_close_on = forms.DateField(
        label=_("Applications close"), required=False, widget=DateInput()
    )
    withdrawal_fee_deadline = forms.DateField(
        label=_("Last day to withdraw without a fee"), required=False, widget=DateInput()
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("starts_on") and cleaned.get("ends_on"):
            try:
                validate_cohort_dates(
                    starts_on=cleaned["starts_on"],
                    ends_on=cleaned["ends_on"],
                    applications_open_on=cleaned.get("applications_open_on"),
                    applications_close_on=cleaned.get("applications_close_on"),
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned

    def dates(self) -> CohortDates:
        data = self.cleaned_data
        return CohortDates(
            name=data["name"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            applications_open_on=data.get("applications_open_on"),
            applications_close_on=data.get("applications_close_on"),
            withdrawal_fee_deadline=data.get("withdrawal_fee_deadline"),
        )

    @staticmethod
    def initial_from(dates: CohortDates) -> dict[str, Any]:
        return {
            "name": dates.name,
            "starts_on": dates.starts_on,
            "ends_on": dates.ends_on,
            "applications_open_on": dates.applications_open_on,
            "applications_close_on": dates.applications_close_on,
            "withdrawal_fee_deadline": dates.withdrawal_fee_deadline,
        }


class ProgrammeCopyForm(forms.Form):
    name = forms.CharField(label=_("Name of the new programme"), max_length=200)
    with_members = forms.BooleanField(
        label=_("The municipalities in the consortium join the new programme today"),
        required=False,
        initial=True,
    )
    with_cohort = forms.BooleanField(
        label=_("Copy the latest cohort too"),
        required=False,
        initial=True,
        help_text=_(
            "With its format, places, questionnaires, event plan and documents, at the "
            "dates below. Nobody's application, pair or answers come along."
        ),
    )

    def __init__(
        self, *args: Any, programme: Programme, latest: Cohort | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if latest is None:
            del self.fields["with_cohort"]
        self.initial.setdefault("name", _("%(name)s (copy)") % {"name": programme.name})

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if Programme.objects.filter(name__iexact=name).exists():
            raise ValidationError(_("A programme with that name already exists."))
        return name

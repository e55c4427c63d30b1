"""Forms for running a cohort and its consortium: messages, bounces, agreement periods."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput
from programmes.models import (
    AgreementPeriod,
    CohortMessage,
    MessageAudience,
    Municipality,
)


class MessageForm(forms.ModelForm):
    class Meta:
        model = CohortMessage
        fields = ["audience", "municipality", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipality = cast(forms.ModelChoiceField, self.fields["municipality"])
        municipality.queryset = municipalities
        municipality.help_text = _("Only when the message goes to one municipality's participants.")
        audience = cast(forms.ChoiceField, self.fields["audience"])
        audience.initial = MessageAudience.COHORT
        # People chosen in a list are messaged from that list, each one named.
        audience.choices = [
            (value, label)
            for value, label in MessageAudience.choices
            if value != MessageAudience.CHOSEN
        ]

    def _post_clean(self) -> None:
        pass


class AddressCorrectionForm(forms.Form):
    email = forms.EmailField(
        label=_("Correct address"),
        max_length=254,
        help_text=_("It is also the person's sign-in. What bounced is sent again at once."),
    )


class AgreementPeriodForm(forms.ModelForm):
    class Meta:
        model = AgreementPeriod
        fields = ["name", "starts_on", "ends_on", "note"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def _post_clean(self) -> None:
        pass


__all__ = [
    "AgreementPeriodForm",
    "MessageForm",
    "Municipality",
]

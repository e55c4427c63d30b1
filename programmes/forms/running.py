"""Forms for running a cohort and its consortium: messages, bounces, agreement periods."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput, DateTimeInput
from programmes.models import (
    AgreementPeriod,
    CohortMessage,
    MessageAudience,
    Municipality,
)


class MessageForm(forms.ModelForm):
    event_id = forms.TypedChoiceField(
        label=_("About an event"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Its link and a calendar link are added at the end of the message."),
    )

    class Meta:
        model = CohortMessage
        fields = ["audience", "municipality", "subject", "body", "event_id", "scheduled_for"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8}), "scheduled_for": DateTimeInput()}
        help_texts = {
            "body": _(
                "Merge fields such as {first_name} give each person their own; see the list."
            ),
            "scheduled_for": _("Leave it empty to send the message at once."),
        }

    def __init__(
        self, *args: Any, municipalities: Any, events: list[tuple[int, str]], **kwargs: Any
    ) -> None:
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
        event = cast(forms.TypedChoiceField, self.fields["event_id"])
        event.choices = [("", _("No event")), *events]

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

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from common.forms import ChoicesOfModelField, DateInput
from programmes.models import Cohort, Membership, Municipality, Programme
from programmes.profiles import PROGRAMME_CHOICE_SETTINGS, PROGRAMME_SETTINGS
from programmes.services.core import validate_cohort_dates


class ProgrammeForm(forms.ModelForm):
    coordinators = ChoicesOfModelField(
        queryset=User.objects.none(),
        required=False,
        label=_("Coordinators"),
        help_text=_("Leave empty to coordinate the programme yourself."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Programme
        fields = [
            "name",
            "kind",
            "description",
            "admission_rule",
            "mentor_from_other_municipality",
            "fee_sek",
            "mentor_fee_sek",
            "fee_includes",
            "planned_meetings",
            "meeting_minutes",
            # Who takes part and what the application asks.
            *PROGRAMME_SETTINGS,
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        coordinators = cast(forms.ModelMultipleChoiceField, self.fields["coordinators"])
        coordinators.queryset = User.objects.filter(is_active=True)
        for name in ("fee_sek", "mentor_fee_sek"):
            self.fields[name].widget.attrs["min"] = "0"
        if self.instance.pk:
            self.fields["coordinators"].initial = list(self.instance.coordinators.all())
        for name in PROGRAMME_CHOICE_SETTINGS:
            self.fields[name].required = False

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        # A choice left out of the post keeps its value; a new programme's, the default.
        for name in PROGRAMME_CHOICE_SETTINGS:
            if not cleaned.get(name):
                cleaned[name] = getattr(self.instance, name)
        return cleaned


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = [
            "name",
            "starts_on",
            "ends_on",
            "applications_open_on",
            "applications_close_on",
            "withdrawal_fee_deadline",
            "mentor_places",
            "adept_places",
        ]
        widgets = {
            "withdrawal_fee_deadline": DateInput(),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "applications_open_on": DateInput(),
            "applications_close_on": DateInput(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("mentor_places", "adept_places"):
            self.fields[name].widget.attrs["min"] = "0"

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if all(cleaned.get(name) for name in ("starts_on", "ends_on")):
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

    def validate_unique(self) -> None:
        # The programme is set by the view; the service checks the name per programme.
        pass


class MunicipalityForm(forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ["name", "code", "contacts"]
        field_classes = {"contacts": ChoicesOfModelField}
        widgets = {
            "code": forms.TextInput(
                attrs={"inputmode": "numeric", "pattern": "[0-9]{4}", "maxlength": "4"}
            ),
            "contacts": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args: Any, may_name_contacts: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Naming contacts grants access to the municipality's people: offered to those who may.
        if may_name_contacts:
            contacts = cast(forms.ModelMultipleChoiceField, self.fields["contacts"])
            contacts.queryset = User.objects.filter(is_active=True)
            contacts.required = False
        else:
            del self.fields["contacts"]


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["municipality", "joined_on", "left_on"]
        widgets = {"joined_on": DateInput(), "left_on": DateInput()}

    def validate_unique(self) -> None:
        pass


class MembershipChangeForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["joined_on", "left_on"]
        widgets = {"joined_on": DateInput(), "left_on": DateInput()}

    def validate_unique(self) -> None:
        pass


class InviteForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email address"))
    language = forms.ChoiceField(
        label=_("Language of the invitation and the pages"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )
    contact_for = forms.ModelChoiceField(
        label=_("Municipality contact for"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_(
            "Optional. The person becomes a contact person of this municipality and "
            "must then sign in with two-factor authentication."
        ),
    )

    def __init__(self, *args: Any, may_name_contacts: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if may_name_contacts:
            contact_for = cast(forms.ModelMultipleChoiceField, self.fields["contact_for"])
            contact_for.queryset = Municipality.objects.order_by("name")
        else:
            del self.fields["contact_for"]

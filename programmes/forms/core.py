from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput
from programmes.access import AnyUser, accounts_named_by
from programmes.forms.enrolment import LinesField
from programmes.forms.people import PeopleField
from programmes.models import JOURNEY_MAIL_SETTINGS, Cohort, Membership, Municipality, Programme
from programmes.profiles import PROGRAMME_CHOICE_SETTINGS, PROGRAMME_SETTINGS
from programmes.services.core import validate_cohort_dates
from programmes.shapes import shape_for

# Choices a post may leave out: they keep their value (a new programme's, the default).
KEPT_WHEN_LEFT_OUT = (*PROGRAMME_CHOICE_SETTINGS, "cohort_format")
# The smallest mentor group: one mentor with two adepts.
MIN_GROUP_SIZE = 2


class ProgrammeForm(forms.ModelForm):
    coordinators = PeopleField(
        required=False,
        label=_("Coordinators"),
        help_text=_(
            "Their e-mail addresses, one a line. Leave empty to coordinate the programme yourself."
        ),
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
            "cohort_format",
            # Shown apart, under "Automatic mails" (programme_form.html).
            *JOURNEY_MAIL_SETTINGS,
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "cohort_format": _(
                "What a new cohort is set to; each cohort can still run in its own way."
            ),
        }

    def __init__(self, *args: Any, chooser: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Named by exact address; the search beside the field suggests only people the
        # chooser may see (people_choosable_by), so no list of every account is shown.
        cast(PeopleField, self.fields["coordinators"]).queryset = accounts_named_by(chooser)
        for name in ("fee_sek", "mentor_fee_sek"):
            self.fields[name].widget.attrs["min"] = "0"
        if self.instance.pk:
            self.fields["coordinators"].initial = list(self.instance.coordinators.all())
        for name in KEPT_WHEN_LEFT_OUT:
            self.fields[name].required = False

    def journey_mail_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in JOURNEY_MAIL_SETTINGS]

    def other_fields(self) -> list[forms.BoundField]:
        return [field for field in self if field.name not in JOURNEY_MAIL_SETTINGS]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        # A choice left out of the post keeps its value; a new programme's, the default.
        for name in KEPT_WHEN_LEFT_OUT:
            if not cleaned.get(name):
                cleaned[name] = getattr(self.instance, name)
        return cleaned


class ProgrammeCreateForm(ProgrammeForm):
    """A new programme, with the lists a template fills in; both are edited later too."""

    # The template the form was filled from, for the audit log; empty when started blank.
    shape = forms.CharField(required=False, widget=forms.HiddenInput)
    approval_stages = LinesField(
        label=_("Approval stages in order, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Nomination programmes only: who decides on a nomination, in order. Changed later "
            "under the nomination settings."
        ),
    )
    work_areas = LinesField(
        label=_("Work areas, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Asked in the application when the programme asks for a work area, and used in "
            "matching. Changed later on the work areas page."
        ),
    )

    class Meta(ProgrammeForm.Meta):
        fields = [*ProgrammeForm.Meta.fields, "nomination_guidance"]
        widgets = {
            **ProgrammeForm.Meta.widgets,
            "nomination_guidance": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            **ProgrammeForm.Meta.help_texts,
            "nomination_guidance": _(
                "Nomination programmes only: shown to the manager next to the motivation."
            ),
        }

    # The lists beside the guidance, before the coordinators as on the edit form.
    field_order = [
        *ProgrammeForm.Meta.fields,
        "nomination_guidance",
        "approval_stages",
        "work_areas",
        "coordinators",
    ]

    def clean_shape(self) -> str:
        shape: str = self.cleaned_data["shape"]
        return shape if shape_for(shape) else ""


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
            "format",
            "group_size",
        ]
        widgets = {
            "withdrawal_fee_deadline": DateInput(),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "applications_open_on": DateInput(),
            "applications_close_on": DateInput(),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("mentor_places", "adept_places"):
            self.fields[name].widget.attrs["min"] = "0"
        self.fields["group_size"].widget.attrs["min"] = str(MIN_GROUP_SIZE)
        self.fields["group_size"].help_text = _(
            "Only for group mentoring: how many adepts one mentor takes in a group. Pairs "
            "and sessions do not use it."
        )
        # A new cohort runs the way the programme's cohorts usually do.
        if not self.instance.pk:
            self.instance.format = programme.cohort_format
            self.initial.setdefault("format", programme.cohort_format)
        # Left out of a post (an older form, a script), they keep their value.
        for name in ("format", "group_size"):
            self.fields[name].required = False

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        for name in ("format", "group_size"):
            if name in cleaned and cleaned[name] in (None, ""):
                cleaned[name] = getattr(self.instance, name)
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
        fields = ["name", "code"]
        widgets = {
            "code": forms.TextInput(
                attrs={"inputmode": "numeric", "pattern": "[0-9]{4}", "maxlength": "4"}
            ),
        }

    contacts = PeopleField(
        required=False,
        label=_("Contacts"),
        help_text=_("Their e-mail addresses, one a line."),
    )

    def __init__(
        self, *args: Any, may_name_contacts: bool, chooser: AnyUser, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # Naming contacts grants access to the municipality's people: offered to those who may.
        if may_name_contacts:
            cast(PeopleField, self.fields["contacts"]).queryset = accounts_named_by(chooser)
            if self.instance.pk:
                self.fields["contacts"].initial = list(self.instance.contacts.all())
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

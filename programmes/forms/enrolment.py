"""Forms for applying, consenting, nominating, deciding and the coordinator's enrolment settings."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from programmes.models import Enrolment, Municipality, Programme, Role


class _WorkAreaChoices:
    """Fills the work-area selects from the programme's own list."""

    # Given by the form class this is mixed into.
    fields: dict[str, forms.Field]

    def _set_work_areas(self, programme: Programme, *names: str) -> None:
        areas = [(a.name, a.name) for a in programme.work_areas.all()]
        for name in names:
            field = cast(forms.ChoiceField, self.fields[name])
            field.choices = [("", "---------"), *areas]


class ApplicationForm(_WorkAreaChoices, forms.ModelForm):
    role = forms.ChoiceField(label=_("I apply as"), choices=Role.choices, widget=forms.RadioSelect)
    work_area = forms.ChoiceField(label=_("Work area"))
    wished_work_area = forms.ChoiceField(
        label=_("Wished work area of the mentor"),
        required=False,
        help_text=_("Adepts only: e.g. a mentor with a background in social work."),
    )
    manager_name = forms.CharField(label=_("Name of your nearest manager"), max_length=200)
    manager_email = forms.EmailField(
        label=_("Email of your nearest manager"),
        help_text=_("Your manager gets a link to agree that you take part on working time."),
    )

    class Meta:
        model = Enrolment
        fields = [
            "municipality",
            "department",
            "title",
            "years_as_manager",
            "development",
            "meeting_preference",
            "languages",
            "mentor_capacity",
        ]
        labels = {"department": _("Department (förvaltning)")}
        widgets = {"development": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "development": _("Adepts: what you want to develop. Mentors: what you can offer."),
            "mentor_capacity": _("Mentors only: how many adepts you can take."),
        }

    field_order = [
        "role",
        "municipality",
        "department",
        "title",
        "work_area",
        "years_as_manager",
        "development",
        "wished_work_area",
        "meeting_preference",
        "languages",
        "mentor_capacity",
        "manager_name",
        "manager_email",
    ]

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_work_areas(programme, "work_area", "wished_work_area")
        municipality = cast(forms.ModelChoiceField, self.fields["municipality"])
        municipality.queryset = Municipality.objects.filter(
            memberships__programme=programme
        ).distinct()
        self.fields["department"].required = True
        self.fields["title"].required = True
        self.fields["years_as_manager"].widget.attrs["min"] = "0"
        self.fields["mentor_capacity"].widget.attrs["min"] = "1"

    def validate_unique(self) -> None:
        # The service checks "already applied" with the person and cohort it is given.
        pass


class ConsentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(forms.Form):
    """The coordinator's admit or decline of a selection programme's application."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("admit", _("Admit")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when declining; the applicant reads it."),
    )


class NominationForm(_WorkAreaChoices, forms.Form):
    nominee_name = forms.CharField(label=_("Name of the employee"), max_length=200)
    nominee_email = forms.EmailField(label=_("Email of the employee"))
    language = forms.ChoiceField(
        label=_("The employee's language"), choices=settings.LANGUAGES, initial="sv"
    )
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects)
    department = forms.CharField(label=_("Department (förvaltning)"), max_length=200)
    title = forms.CharField(label=_("Title"), max_length=200)
    work_area = forms.ChoiceField(label=_("Work area"))
    years_as_manager = forms.IntegerField(label=_("Years as manager"), min_value=0, initial=0)
    motivation = forms.CharField(
        label=_("Motivation"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_work_areas(programme, "work_area")
        municipality = cast(forms.ModelChoiceField, self.fields["municipality"])
        municipality.queryset = Municipality.objects.filter(
            memberships__programme=programme
        ).distinct()
        if programme.nomination_guidance:
            self.fields["motivation"].help_text = programme.nomination_guidance


class StageDecisionForm(forms.Form):
    approved = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the stage says no."),
    )


class LinesField(forms.CharField):
    """A textarea with one entry per line."""

    widget = forms.Textarea(attrs={"rows": 8})

    # Returns the lines where the base returns the text.
    def to_python(self, value: object) -> list[str]:  # type: ignore[override]
        # A CharField's empty value is "", never None, unless it is told otherwise.
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def run_validators(self, value: list[str]) -> None:
        # A text field's validators (no NUL characters, for one) hold for every line.
        for line in value:
            super().run_validators(line)


class WorkAreasForm(forms.Form):
    names = LinesField(label=_("Work areas, one per line"))


class NominationSettingsForm(forms.Form):
    guidance = forms.CharField(
        label=_("Guidance for nominating managers"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Shown on the nomination form next to the motivation."),
    )
    stages = LinesField(
        label=_("Approval stages in order, one per line"),
        help_text=_("E.g. the administration's management group, then the executive group."),
    )


class ImportUploadForm(forms.Form):
    role = forms.ChoiceField(label=_("The people in the file are"), choices=Role.choices)
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "Columns: name, email, municipality (name or code), department, title, work area, "
            "years as manager, language. The first row holds the column names."
        ),
    )

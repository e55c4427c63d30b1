"""Forms for applying, consenting, nominating, deciding and the coordinator's enrolment settings."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import Gender, User
from programmes.models import AgeGroup, CohortFormat, Enrolment, Municipality, Programme, Role
from programmes.profiles import APPLICATION_FIELDS, NOMINATION_FIELDS, application_profile


class _WorkAreaChoices:
    """Fills the work-area selects from the programme's own list; says whether it has one."""

    # Given by the form class this is mixed into.
    fields: dict[str, forms.Field]

    def _set_work_areas(self, programme: Programme, *names: str) -> bool:
        areas = [(a.name, a.name) for a in programme.work_areas.all()]
        for name in names:
            field = cast(forms.ChoiceField, self.fields[name])
            field.choices = [("", "---------"), *areas]
        return bool(areas)


# Said beside every question asked only for statistics.
STATISTICS_REASON = _(
    "Optional. Used only in statistics over the whole group, never so that a person can be "
    "singled out."
)


class StatisticsQuestions(forms.Form):
    """Gender and age group: optional, with the reason they are asked stated beside them."""

    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[("", _("I prefer not to say")), *Gender.choices],
        required=False,
        help_text=STATISTICS_REASON,
    )
    age_group = forms.ChoiceField(
        label=_("Age group"),
        choices=[("", _("I prefer not to say")), *AgeGroup.choices],
        required=False,
        help_text=STATISTICS_REASON,
    )


class ApplicationForm(_WorkAreaChoices, StatisticsQuestions, forms.ModelForm):
    """Asks what the programme asks of the role (programmes/profiles.py).

    With ``role`` the form is that role's; without it the applicant chooses, which the
    apply page offers only when both roles are asked the same things of the same kind.
    """

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
            "school",
            "years_as_manager",
            "development",
            "wants_from_mentor",
            "meeting_preference",
            "languages",
            "mentor_capacity",
        ]
        labels = {"department": _("Department (förvaltning)")}
        widgets = {
            "development": forms.Textarea(attrs={"rows": 4}),
            "wants_from_mentor": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "development": _("Adepts: what you want to develop. Mentors: what you can offer."),
            "mentor_capacity": _("Mentors only: how many adepts you can take."),
            "school": _("E.g. the school and the programme you study."),
        }

    field_order = [
        "role",
        "municipality",
        "department",
        "title",
        "school",
        "work_area",
        "years_as_manager",
        "development",
        "wants_from_mentor",
        "wished_work_area",
        "meeting_preference",
        "languages",
        "mentor_capacity",
        "manager_name",
        "manager_email",
        "gender",
        "age_group",
    ]

    def __init__(
        self,
        *args: Any,
        programme: Programme,
        role: str | None = None,
        person: User | None = None,
        cohort_format: str = CohortFormat.PAIRS,
        **kwargs: Any,
    ) -> None:
        if person is not None:
            kwargs.setdefault("initial", {"gender": person.gender})
        super().__init__(*args, **kwargs)
        has_work_areas = self._set_work_areas(programme, "work_area", "wished_work_area")
        roles = [role] if role else list(Role.values)
        self.profiles = {
            r: application_profile(
                programme, r, has_work_areas=has_work_areas, cohort_format=cohort_format
            )
            for r in roles
        }
        asked = set().union(*(p.asked for p in self.profiles.values()))
        required = set.intersection(*(set(p.required) for p in self.profiles.values()))
        for name in APPLICATION_FIELDS:
            if name not in asked:
                del self.fields[name]
            else:
                self.fields[name].required = name in required
        if not any(p.needs_consent for p in self.profiles.values()):
            del self.fields["manager_name"]
            del self.fields["manager_email"]
        elif not all(p.needs_consent for p in self.profiles.values()):
            self.fields["manager_name"].required = False
            self.fields["manager_email"].required = False
        if role:
            self.fields["role"].initial = role
            self.fields["role"].widget = forms.HiddenInput()
            for name in ("wished_work_area", "mentor_capacity"):
                if name in self.fields:
                    self.fields[name].help_text = ""
        municipality = cast(forms.ModelChoiceField, self.fields["municipality"])
        municipality.queryset = Municipality.objects.filter(
            memberships__programme=programme
        ).distinct()
        if "years_as_manager" in self.fields:
            self.fields["years_as_manager"].widget.attrs["min"] = "0"
        if "mentor_capacity" in self.fields:
            self.fields["mentor_capacity"].widget.attrs["min"] = "1"

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        profile = self.profiles.get(cleaned.get("role", ""))
        if profile is None:
            return cleaned
        # What the chosen role is not asked is not sent; what it must answer is checked.
        for name in list(cleaned):
            if name in APPLICATION_FIELDS and not profile.asks(name):
                del cleaned[name]
        names = [*profile.required]
        if profile.needs_consent:
            names += ["manager_name", "manager_email"]
        for name in names:
            if name in self.fields and cleaned.get(name) in (None, "") and name not in self.errors:
                self.add_error(name, forms.Field.default_error_messages["required"])
        if not profile.needs_consent:
            cleaned.pop("manager_name", None)
            cleaned.pop("manager_email", None)
        return cleaned

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
    school = forms.CharField(label=_("School or programme"), max_length=200)
    work_area = forms.ChoiceField(label=_("Work area"))
    years_as_manager = forms.IntegerField(label=_("Years as manager"), min_value=0, initial=0)
    motivation = forms.CharField(
        label=_("Motivation"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        has_work_areas = self._set_work_areas(programme, "work_area")
        # The nominee is an adept: the form asks what the programme asks of its adepts.
        profile = application_profile(programme, Role.ADEPT, has_work_areas=has_work_areas)
        for name in NOMINATION_FIELDS:
            if not profile.asks(name):
                del self.fields[name]
            else:
                self.fields[name].required = profile.requires(name)
        municipality = cast(forms.ModelChoiceField, self.fields["municipality"])
        municipality.queryset = Municipality.objects.filter(
            memberships__programme=programme
        ).distinct()
        if programme.nomination_guidance:
            self.fields["motivation"].help_text = programme.nomination_guidance


class NominationAcceptForm(StatisticsQuestions):
    """The nominee says yes to the nomination and may answer the questions for statistics."""


class StageDecisionForm(forms.Form):
    approved = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Internal comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kept with the decision for the coordinators and the stages, and never mailed. The "
            "nominee can read it only by asking for their register extract, as the law "
            "allows. Required when the stage says no."
        ),
    )
    message = forms.CharField(
        label=_("Message to the nominee and the manager (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mailed word for word to the nominee and the nominating manager."),
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
            "years as manager, school or programme, language. The first row holds the column "
            "names. Optional, used only in statistics over the whole group: gender, year of "
            "birth or age group. Columns the programme does not ask are ignored."
        ),
    )

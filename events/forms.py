"""Forms of events, attendance and the programme's documents."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.validators import validate_email
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from accounts.models import Gender, User
from common.forms import ChoicesOfModelField, DateTimeInput
from events.models import Event, SessionReflection
from events.services.cancellation import NOTE_MAX_LENGTH
from programmes.imports import IMPORT_MAX_BYTES, read_table
from programmes.models import (
    AgeGroup,
    Cohort,
    Municipality,
    Programme,
)


class _IdChoices(ChoicesOfModelField):
    """ChoicesOfModelField, also refusing digits that are not ASCII ("³".isdigit() is True)."""

    def _check_values(self, value: Any) -> Any:
        for item in value:
            if not str(item).isascii():
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(item)},
                )
        return super()._check_values(value)


class EventForm(forms.ModelForm):
    invitee_emails = forms.CharField(
        label=_("Invited people"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Email addresses of people with an account, one per line or separated by commas."
        ),
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "theme",
            "description",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "capacity",
            "audience",
            "cohort",
            "open_municipalities",
            "email_domains",
        ]
        field_classes = {"open_municipalities": _IdChoices}
        widgets = {
            "open_municipalities": forms.CheckboxSelectMultiple,
            "email_domains": forms.Textarea(attrs={"rows": 2}),
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cohort = cast(forms.ModelChoiceField, self.fields["cohort"])
        cohort.queryset = Cohort.objects.filter(programme=programme)
        municipalities = cast(forms.ModelMultipleChoiceField, self.fields["open_municipalities"])
        municipalities.queryset = Municipality.objects.filter(
            memberships__programme=programme
        ).distinct()
        municipalities.required = False
        municipalities.help_text = _(
            "For an open event: whose employees may register, with or without an account."
        )
        capacity = cast(forms.IntegerField, self.fields["capacity"])
        capacity.widget.attrs["min"] = "1"
        for name in ("starts_at", "ends_at"):
            moment = cast(forms.DateTimeField, self.fields[name])
            moment.input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        # Capacity 0 reaches the service, which explains why it is refused.
        capacity.validators = []
        capacity.min_value = None
        if self.instance.pk:
            self.fields["invitee_emails"].initial = "\n".join(
                self.instance.invitees.values_list("email", flat=True)
            )

    def clean_invitee_emails(self) -> list[User]:
        raw = self.cleaned_data.get("invitee_emails", "")
        emails = {part.strip().lower() for part in raw.replace(",", "\n").split() if part.strip()}
        people = list(User.objects.filter(email__in=emails, is_active=True))
        unknown = emails - {person.email.lower() for person in people}
        if unknown:
            raise forms.ValidationError(
                _("No account has these addresses: %(emails)s")
                % {"emails": ", ".join(sorted(unknown))}
            )
        return people

    def _post_clean(self) -> None:
        # The service validates and saves; the model's own checks run there.
        pass

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("invitee_emails", None)
        data["open_municipalities"] = list(data.get("open_municipalities") or [])
        return data


class EventCallOffForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the people registered"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Why the event is cancelled and what happens instead, e.g. a new date. Shown on "
            "the event's page and in the mail."
        ),
    )


class ResourceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    cohort = forms.ModelChoiceField(
        queryset=Cohort.objects.none(),
        required=False,
        label=_("Cohort"),
        help_text=_("Leave empty to show it to every cohort of the programme."),
    )
    upload = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("Or a link"), required=False, assume_scheme="https")

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cohort = cast(forms.ModelChoiceField, self.fields["cohort"])
        cohort.queryset = Cohort.objects.filter(programme=programme)
        self.fields["upload"].help_text = _(
            "PDF, Word, Excel, PowerPoint or an image, at most %(limit)s."
        ) % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}


class OpenEventEmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Your work email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send a sign-in code to this address. No password is needed."),
    )


STATISTICS_ONLY = _("Optional. Used only in statistics of the whole group, never with your name.")


class OpenEventRegistrationForm(forms.Form):
    full_name = forms.CharField(
        label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(), label=_("Municipality you work in")
    )
    workplace = forms.CharField(
        label=_("Workplace or administration"),
        max_length=200,
        required=False,
        help_text=_("For example the administration (förvaltning) or unit."),
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[("", _("Do not want to say")), *Gender.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text=STATISTICS_ONLY,
    )
    age_group = forms.ChoiceField(
        label=_("Age group"),
        choices=[("", _("Do not want to say")), *AgeGroup.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text=STATISTICS_ONLY,
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipalities = event.open_municipalities.order_by("name")
        choice = cast(forms.ModelChoiceField, self.fields["municipality"])
        choice.queryset = municipalities
        if len(municipalities) == 1:
            self.initial.setdefault("municipality", municipalities[0].pk)


class AttendanceImportForm(forms.Form):
    upload = forms.FileField(
        label=_("List of email addresses"),
        help_text=_(
            "A CSV or Excel file with one email address per row, e.g. exported from "
            "the sign-in sheet. Every address must belong to someone registered."
        ),
    )

    def clean_upload(self) -> list[str]:
        """The file's email addresses, in order; other cells (names, headings) are passed over."""
        upload = self.cleaned_data["upload"]
        # The participant import's reader: size, type and zip-bomb checks, cells kept as text.
        table = read_table(name=upload.name or "", content=upload.read(IMPORT_MAX_BYTES + 1))
        emails: dict[str, None] = {}
        for row in table:
            for cell in row:
                text = cell.strip().lower()
                if "@" not in text:
                    continue
                try:
                    validate_email(text)
                except forms.ValidationError:
                    continue
                emails.setdefault(text, None)
        if not emails:
            raise forms.ValidationError(_("The file has no email addresses."))
        return list(emails)


class SessionForm(forms.ModelForm):
    """A session of a cohort's programme; the kind, audience and places follow from it."""

    class Meta:
        model = Event
        fields = [
            "title",
            "theme",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "description",
            "preparation",
            "reflection_questions",
            "for_adepts_only",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "preparation": forms.Textarea(attrs={"rows": 4}),
            "reflection_questions": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "description": _("What the session is about, shown to the participants."),
        }

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            moment = cast(forms.DateTimeField, self.fields[name])
            moment.input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        if not cohort.has_mentors:
            # Without mentors every participant is an adept: the choice means nothing.
            del self.fields["for_adepts_only"]

    def _post_clean(self) -> None:
        # The service validates and saves; the model's own checks run there.
        pass


class SessionMaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    upload = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("Or a link"), required=False, assume_scheme="https")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = _(
            "PDF, Word, Excel, PowerPoint or an image, at most %(limit)s."
        ) % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}


class SessionReflectionForm(forms.Form):
    """One answer per reflection question; a session without questions asks for one text."""

    def __init__(
        self,
        *args: Any,
        questions: list[str],
        reflection: SessionReflection | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        earlier = (
            {item["question"]: item["answer"] for item in reflection.answer_list}
            if (reflection is not None)
            else {}
        )
        self.questions = questions
        for index, question in enumerate(questions):
            self.fields[f"answer_{index}"] = forms.CharField(
                label=question or _("Your reflection"),
                required=False,
                max_length=5000,
                initial=earlier.get(question, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def answers(self) -> list[str]:
        return [
            self.cleaned_data.get(f"answer_{index}", "") for index in range(len(self.questions))
        ]

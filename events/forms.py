"""Forms of events, attendance and the programme's documents."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from common.forms import ChoicesOfModelField, DateTimeInput
from events.models import Event
from programmes.models import (
    Cohort,
    Programme,
)


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
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cohort = cast(forms.ModelChoiceField, self.fields["cohort"])
        cohort.queryset = Cohort.objects.filter(programme=programme)
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
        return data


class AttendanceForm(forms.Form):
    attended = ChoicesOfModelField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Attended"),
    )

    def __init__(self, *args: Any, registered: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        attended = cast(forms.ModelMultipleChoiceField, self.fields["attended"])
        attended.queryset = registered


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

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Appointment, OutcomeTarget


class ReportRequestForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the report"), choices=settings.LANGUAGES)


class AppointmentForm(forms.ModelForm):
    class Meta:
        model = Appointment
        fields = ["appointed_on", "post", "is_manager_post", "is_internal"]
        widgets = {"appointed_on": forms.DateInput(attrs={"type": "date"})}


class OutcomeTargetForm(forms.ModelForm):
    class Meta:
        model = OutcomeTarget
        fields = ["manager_share_percent", "within_months"]

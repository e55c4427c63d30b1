from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AccessibilityReportForm(forms.Form):
    page = forms.CharField(
        label=_("Which page?"),
        required=False,
        max_length=500,
        help_text=_("The address or the name of the page, if you know it."),
    )
    description = forms.CharField(
        label=_("What did not work?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )
    contact_email = forms.EmailField(
        label=_("Your email address (optional)"),
        required=False,
        help_text=_("Only if you want an answer."),
    )

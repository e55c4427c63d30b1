"""What a bulk action from a list asks before it runs: a reason, a message."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DeclineReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, mailed to each applicant"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ChosenMessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}))

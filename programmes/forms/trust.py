"""Forms of the trust pages: retention decisions, anonymisation on request, audit log search."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import RetentionDecision
from .core import DateInput


class RetentionDecisionForm(forms.ModelForm):
    class Meta:
        model = RetentionDecision
        fields = [
            "decided_on",
            "reference",
            "reflections_months",
            "notes_months",
            "evaluation_answers_months",
            "applications_months",
            "contact_details_months",
        ]
        widgets = {"decided_on": DateInput()}


class AnonymiseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example the person's request and the decision to grant it."),
    )
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone."), required=True)


class DeactivateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        help_text=_(
            "For example that the person has left the municipality. Kept in the audit log."
        ),
    )


class AuditSearchForm(forms.Form):
    actor = forms.CharField(label=_("Who (name or email)"), max_length=200, required=False)
    action = forms.CharField(
        label=_("Action"), max_length=60, required=False, help_text=_("e.g. enrolment.admit")
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    target_type = forms.CharField(
        label=_("Object type"), max_length=60, required=False, help_text=_("e.g. programmes.user")
    )
    target_id = forms.CharField(label=_("Object id"), max_length=40, required=False)

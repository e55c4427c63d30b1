"""Forms of the trust pages: retention decisions, anonymisation on request, audit log search."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from audit.actions import ACTION_LABELS, target_type_label
from audit.models import AuditEvent
from common.forms import DateInput
from privacy.models import RetentionDecision


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
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    target_type = forms.ChoiceField(label=_("Object type"), required=False)
    target_id = forms.CharField(label=_("Object id"), max_length=40, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Sorted by the words in the reader's language, so built per request.
        actions = sorted(
            ((code, str(label)) for code, label in ACTION_LABELS.items()), key=lambda c: c[1]
        )
        cast(forms.ChoiceField, self.fields["action"]).choices = [("", _("All actions")), *actions]
        logged = AuditEvent.objects.exclude(target_type="").values_list("target_type", flat=True)
        kinds = sorted(
            ((label, target_type_label(label)) for label in set(logged)), key=lambda c: c[1]
        )
        cast(forms.ChoiceField, self.fields["target_type"]).choices = [("", _("All kinds")), *kinds]

"""The form of a programme's own text of an automatic mail."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.models import Enrolment, MailTemplate


class MailTemplateForm(forms.Form):
    subject = forms.CharField(
        label=_("Subject"), max_length=MailTemplate._meta.get_field("subject").max_length
    )
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Plain text. A blank line starts a new paragraph; a web address becomes a link."
        ),
    )
    participant = forms.TypedChoiceField(
        label=_("Preview with"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("A participant of the programme, whose data the preview shows."),
    )

    def __init__(self, *args: Any, participants: Sequence[Enrolment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[Any, Any]] = [
            (e.pk, f"{e.person.full_name} ({e.cohort.name}, {e.get_role_display().lower()})")
            for e in participants
        ]
        if not choices:
            choices = [("", _("An example participant (the programme has none yet)"))]
        self.fields["participant"].choices = choices  # type: ignore[attr-defined]

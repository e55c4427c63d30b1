"""Forms of the pair's year. They read input; the services decide what is allowed."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput

from .models import (
    MAX_DAYS_BEFORE_END,
    NPS_MAX,
    NPS_MIN,
    RATING_MAX,
    RATING_MIN,
    SCALE_MAX,
    SCALE_MIN,
    Agreement,
    Audience,
    MeetingMode,
    Question,
    QuestionKind,
    Questionnaire,
)
from .models.meetings import MeetingFields

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class MeetingForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DateInput())
    time = forms.TimeField(label=_("Time"), widget=TimeInput())
    minutes = forms.IntegerField(label=_("Length (minutes)"), initial=90)
    mode = forms.ChoiceField(
        label=_("How do you meet?"),
        choices=MeetingMode.choices,
        widget=forms.RadioSelect,
        initial=MeetingMode.IN_PERSON,
    )
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    link = forms.CharField(
        label=_("Link to the digital meeting"),
        required=False,
        max_length=500,
        help_text=_("For example a Teams link starting with https://."),
        widget=forms.URLInput,
    )
    questions = forms.CharField(
        label=_("Preparation questions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What should both of you think about before the meeting?"),
    )

    @classmethod
    def for_meeting(cls, meeting: MeetingFields, data: Mapping[str, Any] | None = None) -> Self:
        local = timezone.localtime(meeting.starts_at)
        initial = {
            "day": local.date(),
            "time": local.time().replace(second=0, microsecond=0),
            "minutes": meeting.minutes,
            "mode": meeting.mode,
            "place": meeting.place,
            "link": meeting.link,
            "questions": meeting.questions,
        }
        return cls(data, initial=initial)

    def service_kwargs(self) -> dict[str, object]:
        data = self.cleaned_data
        starts_at = timezone.make_aware(datetime.datetime.combine(data["day"], data["time"]))
        return {
            "starts_at": starts_at,
            "minutes": data["minutes"],
            "mode": data["mode"],
            "place": data["place"],
            "link": data["link"],
            "questions": data["questions"],
        }


class MeetingRecordForm(MeetingForm):
    """A meeting already held that was never planned here: when, how long, and the notes."""

    notes = forms.CharField(
        label=_("Shared notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Both of you read these. Nobody else does."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["questions"]
        self.fields["minutes"].label = _("Actual length (minutes)")
        self.fields["mode"].label = _("How did you meet?")
        self.fields["link"].required = False
        self.fields["link"].help_text = ""

    def service_kwargs(self) -> dict[str, object]:
        data = self.cleaned_data
        return {
            "starts_at": timezone.make_aware(datetime.datetime.combine(data["day"], data["time"])),
            "held_minutes": data["minutes"],
            "mode": data["mode"],
            "place": data["place"],
            "notes": data["notes"],
        }


class GroupMeetingForm(MeetingForm):
    """A meeting of a mentor's group: the same fields, said to the whole group."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mode"].label = _("How does the group meet?")
        self.fields["questions"].help_text = _(
            "What should everyone in the group think about before the meeting?"
        )


class GroupNameForm(forms.Form):
    name = forms.CharField(
        label=_("The group's name"),
        max_length=200,
        required=False,
        help_text=_("Empty, the group is called by the mentor's name."),
    )


class MeetingLogForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What happened?"),
        choices=[("held", _("We met")), ("cancelled", _("The meeting was cancelled"))],
        widget=forms.RadioSelect,
        initial="held",
    )
    held_minutes = forms.IntegerField(label=_("Actual length (minutes)"), required=False)
    notes = forms.CharField(
        label=_("Shared notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Both of you read these. Nobody else does."),
    )


class PreparationForm(forms.Form):
    text = forms.CharField(label=_("My preparation"), widget=forms.Textarea(attrs={"rows": 5}))


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["meeting_frequency", "meeting_place", "confidentiality", "adept_wishes"]
        widgets = {
            "confidentiality": forms.Textarea(attrs={"rows": 3}),
            "adept_wishes": forms.Textarea(attrs={"rows": 4}),
        }


class FitForm(forms.Form):
    works = forms.TypedChoiceField(
        label=_("Does this pair work for you?"),
        choices=[("yes", _("Yes, it works")), ("no", _("No, I would like to talk about it"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything the coordinator should know? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class GoalForm(forms.Form):
    title = forms.CharField(
        label=_("Goal"),
        max_length=200,
        help_text=_("Concrete, e.g. “leave work on time three days a week”."),
    )


class RatingForm(forms.Form):
    rating = forms.IntegerField(
        label=_("Where are you now, from 1 to 10?"),
        widget=forms.NumberInput(attrs={"min": RATING_MIN, "max": RATING_MAX}),
    )


class HomeworkForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=300)
    due_on = forms.DateField(label=_("Due"), widget=DateInput())


class ReflectionForm(forms.Form):
    text = forms.CharField(label=_("Reflection"), widget=forms.Textarea(attrs={"rows": 6}))
    shared = forms.BooleanField(
        label=_("Share with my partner"),
        required=False,
        help_text=_("Unticked, only you can ever read it."),
    )


class GroupReflectionForm(forms.Form):
    text = forms.CharField(label=_("Reflection"), widget=forms.Textarea(attrs={"rows": 6}))
    shared = forms.BooleanField(
        label=_("Share with the group"),
        required=False,
        help_text=_("Unticked, only you can ever read it."),
    )


class QuestionnaireForm(forms.ModelForm):
    """The end-of-year evaluation's schedule: it opens a set number of days before the end."""

    send_days_before_end = forms.IntegerField(
        label=_("Send this many days before the cohort ends"),
        min_value=1,
        max_value=MAX_DAYS_BEFORE_END,
        initial=30,
    )

    class Meta:
        model = Questionnaire
        fields = ["introduction", "send_days_before_end", "send_reminder"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 3})}


class PulseSurveyForm(forms.ModelForm):
    """A pulse survey's schedule: it opens on a chosen day, or when it is sent now."""

    class Meta:
        model = Questionnaire
        fields = ["title", "introduction", "open_from", "open_until", "send_reminder"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 3}),
            "open_from": DateInput(),
            "open_until": DateInput(),
        }
        help_texts = {
            "open_from": _("Leave empty to send it yourself with “Send now”."),
            "open_until": _("Leave empty to keep it open until the cohort ends."),
        }


class QuestionForm(forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"audience": Audience.BOTH, "kind": QuestionKind.SCALE})
        super().__init__(*args, **kwargs)

    class Meta:
        model = Question
        fields = ["audience", "kind", "text", "options"]
        labels = {"audience": _("Asked of")}
        widgets = {"options": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "options": _("For single and multiple choice: at least two options, one per line."),
        }


def _radio_numbers(low: int, high: int) -> list[tuple[str, str]]:
    return [(str(value), str(value)) for value in range(low, high + 1)]


def _numbers_field(question: Question, low: int, high: int, help_text: StrOrPromise) -> forms.Field:
    return forms.TypedChoiceField(
        label=question.text,
        choices=_radio_numbers(low, high),
        coerce=int,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "form-check-inline"}),
        help_text=help_text,
    )


def _answer_field(question: Question) -> forms.Field:
    if question.kind == QuestionKind.SCALE:
        return _numbers_field(question, SCALE_MIN, SCALE_MAX, _("1 = not at all, 5 = very much"))
    if question.kind == QuestionKind.NPS:
        return _numbers_field(
            question, NPS_MIN, NPS_MAX, _("0 = not at all likely, 10 = extremely likely")
        )
    options = [(str(n), option) for n, option in enumerate(question.option_list)]
    if question.kind == QuestionKind.SINGLE:
        return forms.TypedChoiceField(
            label=question.text,
            choices=options,
            coerce=int,
            required=False,
            widget=forms.RadioSelect,
        )
    if question.kind == QuestionKind.MULTIPLE:
        return forms.TypedMultipleChoiceField(
            label=question.text,
            choices=options,
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Choose as many as apply."),
        )
    return forms.CharField(
        label=question.text, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


def evaluation_form(questions: list[Question]) -> type[forms.Form]:
    """A form with one field per question, of the question's kind."""
    fields = {f"q{question.pk}": _answer_field(question) for question in questions}
    return type("EvaluationForm", (forms.Form,), fields)

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.models import Cohort, Enrolment, Municipality, Role

from . import scoring
from .models import (
    Dimension,
    ExclusionReason,
    ProfileAnswer,
    Question,
    QuestionKind,
    Questionnaire,
)
from .models.profile import SCALE_MAX, SCALE_MIN
from .models.runs import (
    DEFAULT_WEIGHTS,
    MAX_WEIGHT,
    PARTICIPANT_REASONS,
    CohortMatching,
    Objective,
)
from .services.profile import AnswerGiven

CRITERION_HELP = {
    "needs": _("How much of what the adept wants to develop the mentor can offer."),
    "dimensions": _("The leader-profile dimensions, similar or complementary as set."),
    "wishes": _("Work area, way of meeting and language the adept asked for."),
    "experience": _("Years as manager the mentor is ahead, up to ten."),
    "travel": _("Travel time to the mentor's workplace, for pairs who meet in person."),
    "ranking": _("The adept's own ranking of the shortlist (when the shortlist is open)."),
}


class MatchingSettingsForm(forms.Form):
    min_years_ahead = forms.IntegerField(
        label=_("Minimum years the mentor is ahead as manager"), min_value=0, max_value=40
    )
    shortlist_open = forms.BooleanField(
        label=_("Adepts rank a shortlist of mentors"), required=False
    )
    objective = forms.ChoiceField(
        label=_("Once as many adepts as possible have a mentor"),
        choices=[
            (Objective.BEST_TOTAL, _("Best total: the highest total score")),
            (
                Objective.NO_WEAK_PAIR,
                _(
                    "No weak pair: the highest lowest pair score, then the highest total "
                    "(may cost a little total)"
                ),
            ),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, config: CohortMatching, **kwargs: Any
    ) -> None:
        from .explain import criterion_labels

        labels = criterion_labels()
        initial: dict[str, Any] = {c: config.weight(c) for c in scoring.CRITERIA}
        initial.update(
            min_years_ahead=config.min_years_ahead,
            shortlist_open=config.shortlist_open,
            objective=config.objective,
        )
        super().__init__(data, initial=initial, **kwargs)
        for criterion in reversed(scoring.CRITERIA):
            # No bounds here: the service explains a negative or all-zero weight itself.
            self.fields[criterion] = forms.IntegerField(
                label=labels[criterion],
                help_text=f"{CRITERION_HELP[criterion]} "
                + str(
                    _("Default %(default)d, at most %(max)d.")
                    % {"default": DEFAULT_WEIGHTS[criterion], "max": MAX_WEIGHT}
                ),
            )
            self.order_fields([*scoring.CRITERIA, "min_years_ahead", "shortlist_open", "objective"])

    def weights(self) -> dict[str, int]:
        return {c: self.cleaned_data[c] for c in scoring.CRITERIA}


class RunForm(forms.Form):
    unfinished = forms.ChoiceField(
        label=_("Participants who have not finished their leader profile"),
        choices=[
            ("refuse", _("Do not run; list them so that I can remind them")),
            ("exclude", _("Leave them out of this run")),
        ],
        initial="refuse",
        widget=forms.RadioSelect,
    )


class PersonChoiceField(forms.ModelChoiceField):
    """A choice of enrolment, each shown by the person's name."""

    def label_from_instance(self, obj: Enrolment) -> str:
        return obj.person.full_name


class PersonAndMunicipalityChoiceField(forms.ModelChoiceField):
    """A choice of enrolment, each shown by the person's name and municipality."""

    def label_from_instance(self, obj: Enrolment) -> str:
        return f"{obj.person.full_name} ({obj.municipality.name})"


class ExclusionForm(forms.Form):
    mentor = PersonChoiceField(label=_("Mentor"), queryset=Enrolment.objects.none())
    adept = PersonChoiceField(label=_("Adept"), queryset=Enrolment.objects.none())
    reason = forms.ChoiceField(label=_("Reason"), choices=ExclusionReason.choices)

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        admitted = Enrolment.objects.admitted().filter(cohort=cohort).select_related("person")
        mentor = cast(forms.ModelChoiceField, self.fields["mentor"])
        adept = cast(forms.ModelChoiceField, self.fields["adept"])
        mentor.queryset = admitted.mentors().order_by("person__full_name")
        adept.queryset = admitted.adepts().order_by("person__full_name")


class DimensionForm(forms.ModelForm):
    class Meta:
        model = Dimension
        fields = ["name", "mode", "position"]


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = [
            "kind",
            "text",
            "mentor_text",
            "dimension",
            "purpose",
            "options",
            "audience",
            "position",
        ]
        widgets = {"options": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, questionnaire: Questionnaire, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dimension = cast(forms.ModelChoiceField, self.fields["dimension"])
        dimension.queryset = questionnaire.dimensions.all()


class TravelTimeForm(forms.Form):
    """One field per pair of the consortium's municipalities, in minutes."""

    def __init__(
        self,
        *args: Any,
        municipalities: list[Municipality],
        current: dict[tuple[int, int], int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.pairs: list[tuple[str, Municipality, Municipality]] = []
        for i, origin in enumerate(municipalities):
            for destination in municipalities[i + 1 :]:
                low, high = sorted([origin, destination], key=lambda m: m.pk)
                name = f"t_{low.pk}_{high.pk}"
                self.fields[name] = forms.IntegerField(
                    label=f"{origin.name} – {destination.name}",
                    required=False,
                    min_value=0,
                    max_value=600,
                    initial=current.get((low.pk, high.pk)),
                )
                self.pairs.append((name, low, high))


class ShortlistForm(forms.Form):
    """First, second and third choice of mentor."""

    def __init__(
        self, *args: Any, mentors: list[Enrolment], current: list[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "–")] + [
            (str(m.pk), f"{m.person.full_name}, {m.title}, {m.municipality.name}") for m in mentors
        ]
        labels = [_("First choice"), _("Second choice"), _("Third choice")]
        for i, label in enumerate(labels):
            self.fields[f"choice_{i + 1}"] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=False,
                initial=str(current[i]) if i < len(current) else "",
            )

    def chosen_ids(self) -> list[int]:
        return [int(v) for k in sorted(self.cleaned_data) if (v := self.cleaned_data[k])]


class ConflictForm(forms.Form):
    """A participant names someone of the other role in the cohort they must not be paired with."""

    other = PersonAndMunicipalityChoiceField(
        label=_("Person"),
        queryset=Enrolment.objects.none(),
        error_messages={
            "invalid_choice": _(
                "Choose a person of the other role who takes part in your own cohort."
            )
        },
    )
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[(str(r), r.label) for r in PARTICIPANT_REASONS],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the coordinator sees the comment."),
    )

    def __init__(self, *args: Any, enrolment: Enrolment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        other_role = Role.ADEPT if enrolment.role == Role.MENTOR else Role.MENTOR
        field = cast(forms.ModelChoiceField, self.fields["other"])
        field.queryset = (
            Enrolment.objects.admitted()
            .filter(cohort_id=enrolment.cohort_id, role=other_role)
            .exclude(person_id=enrolment.person_id)
            .select_related("person", "municipality")
            .order_by("person__full_name")
        )
        field.label = _("Mentor") if other_role == Role.MENTOR else _("Adept")


class ProfileForm(forms.Form):
    """A participant's leader profile: one field per question asked of their role, named
    ``q<question id>`` as the page's inputs are. Every field may be left empty."""

    def __init__(
        self,
        *args: Any,
        enrolment: Enrolment,
        questions: list[Question],
        answers: dict[int, ProfileAnswer] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        answers = answers or {}
        self.questions = [q for q in questions if q.is_for(enrolment.role)]
        for question in self.questions:
            field = _answer_field(question, answers.get(question.pk))
            field.label = question.wording_for(enrolment.role)
            self.fields[self.field_name(question)] = field

    @staticmethod
    def field_name(question: Question) -> str:
        return f"q{question.pk}"

    @property
    def rows(self) -> list[tuple[Question, forms.BoundField]]:
        """Each question with its field, in the questionnaire's order, for the page."""
        return [(q, self[self.field_name(q)]) for q in self.questions]

    def answers_given(self) -> list[AnswerGiven]:
        given = []
        for question in self.questions:
            value = self.cleaned_data[self.field_name(question)]
            if question.kind == QuestionKind.SCALE:
                given.append(AnswerGiven(question=question, scale_value=value))
            elif question.kind == QuestionKind.CHOICE:
                given.append(AnswerGiven(question=question, choices=tuple(value)))
            else:
                given.append(AnswerGiven(question=question, text=value))
        return given


def _answer_field(question: Question, answer: ProfileAnswer | None) -> forms.Field:
    if question.kind == QuestionKind.SCALE:
        return forms.TypedChoiceField(
            choices=[(str(v), str(v)) for v in range(SCALE_MIN, SCALE_MAX + 1)],
            coerce=int,
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
            initial=str(answer.scale_value) if answer and answer.scale_value else None,
            error_messages={"invalid_choice": _("Answer on the scale from 1 to 5.")},
        )
    if question.kind == QuestionKind.CHOICE:
        return forms.MultipleChoiceField(
            choices=[(option, option) for option in question.option_list],
            required=False,
            widget=forms.CheckboxSelectMultiple,
            initial=answer.choices if answer else [],
            error_messages={"invalid_choice": _("Choose among the options given.")},
        )
    return forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=answer.text if answer else "",
    )

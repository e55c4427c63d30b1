"""A cohort's surveys: the coordinator's builder and sending, and the participants' answers."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TypeGuard

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from notifications.services import delivery_queue, new_key
from programmes.models import Cohort, Enrolment, EnrolmentStatus

from ..models import (
    CHOICE_KINDS,
    MAX_DAYS_BEFORE_END,
    MIN_OPTIONS,
    NPS_MAX,
    NPS_MIN,
    SCALE_MAX,
    SCALE_MIN,
    Answer,
    Audience,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
    SurveyKind,
    audiences_of,
)
from . import notify

AnswerValue = int | str | Sequence[int] | None

# How long a pulse survey stays open when the coordinator names no closing day.
PULSE_OPEN_DAYS = 14


def _pulse_questions() -> list[tuple[str, str]]:
    """A short default: how it goes, whether they would recommend it, what would help."""
    return [
        (QuestionKind.SCALE, _("How well is the mentorship working for you right now?")),
        (
            QuestionKind.NPS,
            _("How likely is it that you would recommend the programme to a colleague?"),
        ),
        (QuestionKind.TEXT, _("What would make the rest of the year better for you?")),
    ]


@transaction.atomic
def questionnaire_save(
    *, cohort: Cohort, introduction: str, send_days_before_end: int, send_reminder: bool = True
) -> Questionnaire:
    """Writes the cohort's end-of-year evaluation, creating it the first time."""
    if not 1 <= send_days_before_end <= MAX_DAYS_BEFORE_END:
        raise ValidationError(
            {"send_days_before_end": _("Choose between 1 and 180 days before the end.")}
        )
    questionnaire, _created = Questionnaire.objects.update_or_create(
        cohort=cohort,
        kind=SurveyKind.EVALUATION,
        defaults={
            "introduction": introduction,
            "send_days_before_end": send_days_before_end,
            "send_reminder": send_reminder,
        },
    )
    return questionnaire


@transaction.atomic
def pulse_create(*, cohort: Cohort, actor: User) -> Questionnaire:
    """A pulse survey with a short default set of questions, not yet opened."""
    survey = Questionnaire.objects.create(
        cohort=cohort, kind=SurveyKind.PULSE, title=_("Pulse survey")
    )
    Question.objects.bulk_create(
        Question(
            questionnaire=survey, audience=Audience.BOTH, kind=kind, text=text, position=position
        )
        for position, (kind, text) in enumerate(_pulse_questions(), start=1)
    )
    audit_record(actor=actor, action="survey.create", target=survey)
    return survey


@transaction.atomic
def survey_save(
    *,
    survey: Questionnaire,
    title: str,
    introduction: str,
    open_from: datetime.date | None,
    open_until: datetime.date | None,
    send_reminder: bool,
) -> Questionnaire:
    """The schedule of a pulse survey: opening on a chosen day (none: not yet), closing day."""
    if open_from is not None and open_until is not None and open_until < open_from:
        raise ValidationError({"open_until": _("The survey must close on or after its first day.")})
    changed = open_until != survey.open_until
    if changed and open_until is not None and open_until < timezone.localdate():
        raise ValidationError({"open_until": _("Choose a closing day from today on.")})
    survey.title = title.strip()
    survey.introduction = introduction
    survey.open_from = open_from
    survey.open_until = open_until
    survey.send_reminder = send_reminder
    survey.save()
    return survey


def _assert_unanswered(survey: Questionnaire) -> None:
    if survey.responses.exists():
        raise ValidationError(_("Questions cannot change once someone has answered."))


def _clean_options(kind: str, options: str) -> str:
    if kind not in CHOICE_KINDS:
        return ""
    lines = [line.strip() for line in options.splitlines() if line.strip()]
    if len(lines) < MIN_OPTIONS:
        raise ValidationError({"options": _("Write at least two options, one per line.")})
    if len(set(lines)) != len(lines):
        raise ValidationError({"options": _("Each option must be different from the others.")})
    return "\n".join(lines)


@transaction.atomic
def question_add(
    *, questionnaire: Questionnaire, audience: str, kind: str, text: str, options: str = ""
) -> Question:
    _assert_unanswered(questionnaire)
    if not text.strip():
        raise ValidationError({"text": _("Write the question.")})
    if kind not in QuestionKind.values:
        raise ValidationError({"kind": _("Choose a kind of question.")})
    if audience not in Audience.values:
        raise ValidationError({"audience": _("Choose who is asked.")})
    position = questionnaire.questions.count() + 1
    return Question.objects.create(
        questionnaire=questionnaire,
        audience=audience,
        kind=kind,
        text=text.strip(),
        options=_clean_options(kind, options),
        position=position,
    )


@transaction.atomic
def question_remove(*, question: Question) -> None:
    _assert_unanswered(question.questionnaire)
    question.delete()


@transaction.atomic
def question_move(*, question: Question, up: bool) -> None:
    """Swaps the question with the one before (or after) it; the survey's order is renumbered."""
    _assert_unanswered(question.questionnaire)
    questions = list(question.questionnaire.questions.all())
    index = next(n for n, q in enumerate(questions) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
    for position, each in enumerate(questions, start=1):
        each.position = position
    Question.objects.bulk_update(questions, ["position"])


@transaction.atomic
def survey_send_now(*, survey: Questionnaire, actor: User) -> int:
    """Opens the survey today and queues its invitations; returns how many were queued."""
    from .sweep import survey_invitations_queue

    if not survey.questions.exists():
        raise ValidationError(_("Add a question before sending the survey."))
    today = timezone.localdate()
    if survey.closes_on < today:
        raise ValidationError(_("The survey's closing day has passed: choose a later one first."))
    survey.open_from = today
    survey.save(update_fields=["open_from"])
    queued = survey_invitations_queue(survey, now=timezone.now())
    audit_record(
        actor=actor, action="survey.send_now", target=survey, summary=f"{queued} invitations"
    )
    return queued


@transaction.atomic
def survey_test_send(*, survey: Questionnaire, person: User) -> None:
    """The invitation as participants get it, to the coordinator only; each test is a new mail."""
    delivery_queue(
        kind=notify.SURVEY_TEST,
        key=f"{notify.questionnaire_key(survey.pk)}:test:{new_key()}",
        recipient=person,
        payload={"questionnaire_id": survey.pk},
    )


def evaluation_enrolment(questionnaire: Questionnaire, person: User) -> Enrolment | None:
    return (
        Enrolment.objects.filter(
            cohort_id=questionnaire.cohort_id, person=person, status=EnrolmentStatus.ADMITTED
        )
        .select_related("municipality")
        .first()
    )


def questions_for_role(questionnaire: Questionnaire, role: str) -> list[Question]:
    return list(questionnaire.questions.filter(audience__in=audiences_of(role)))


def _is_number(value: object, low: int, high: int) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _as_list(value: AnswerValue) -> list[int] | None:
    return list(value) if isinstance(value, list | tuple) else None


def _answer_row(question: Question, value: AnswerValue) -> Answer | None:
    """The answer to store, None for no answer; bad input raises with the question's text."""
    if value in (None, "", [], ()):
        return None
    kind = question.kind
    if kind == QuestionKind.SCALE:
        if _is_number(value, SCALE_MIN, SCALE_MAX):
            return Answer(question=question, scale=value)
        raise ValidationError(_("Answer on the scale from 1 to 5."))
    if kind == QuestionKind.NPS:
        if _is_number(value, NPS_MIN, NPS_MAX):
            return Answer(question=question, score=value)
        raise ValidationError(_("Answer on the scale from 0 to 10."))
    if kind in CHOICE_KINDS:
        chosen = [value] if isinstance(value, int) else _as_list(value)
        count = len(question.option_list)
        if (
            chosen is None
            or not all(_is_number(n, 0, count - 1) for n in chosen)
            or len(set(chosen)) != len(chosen)
            or (kind == QuestionKind.SINGLE and len(chosen) != 1)
        ):
            raise ValidationError(
                _("Choose among the options of “%(question)s”.") % {"question": question.text}
            )
        return Answer(question=question, choices=sorted(chosen))
    if isinstance(value, str) and value.strip():
        return Answer(question=question, text=value.strip())
    return None


@transaction.atomic
def evaluation_answer(
    *, questionnaire: Questionnaire, person: User, answers: dict[int, AnswerValue]
) -> Response:
    """Stores the answers apart from the record that the person answered."""
    if not questionnaire.is_open(timezone.localdate()):
        raise ValidationError(_("The survey is closed."))
    enrolment = evaluation_enrolment(questionnaire, person)
    if enrolment is None:
        raise ValidationError(_("The survey is for the cohort's participants."))
    if Response.objects.filter(questionnaire=questionnaire, person=person).exists():
        raise ValidationError(_("You have already answered the survey."))
    rows = [
        row
        for question in questions_for_role(questionnaire, enrolment.role)
        if (row := _answer_row(question, answers.get(question.pk))) is not None
    ]
    try:
        with transaction.atomic():
            response = Response.objects.create(
                questionnaire=questionnaire,
                person=person,
                role=enrolment.role,
                municipality=enrolment.municipality,
            )
    except IntegrityError:
        raise ValidationError(_("You have already answered the survey.")) from None
    Answer.objects.bulk_create(rows)
    return response

"""The end-of-year evaluation: the coordinator's questionnaire and the participants' answers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from programmes.models import Cohort, Enrolment, EnrolmentStatus

from ..models import (
    MAX_DAYS_BEFORE_END,
    SCALE_MAX,
    SCALE_MIN,
    Answer,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
)


@transaction.atomic
def questionnaire_save(
    *, cohort: Cohort, introduction: str, send_days_before_end: int
) -> Questionnaire:
    if not 1 <= send_days_before_end <= MAX_DAYS_BEFORE_END:
        raise ValidationError(
            {"send_days_before_end": _("Choose between 1 and 180 days before the end.")}
        )
    questionnaire, _created = Questionnaire.objects.update_or_create(
        cohort=cohort,
        defaults={"introduction": introduction, "send_days_before_end": send_days_before_end},
    )
    return questionnaire


@transaction.atomic
def question_add(*, questionnaire: Questionnaire, audience: str, kind: str, text: str) -> Question:
    if questionnaire.responses.exists():
        raise ValidationError(_("Questions cannot change once someone has answered."))
    if not text.strip():
        raise ValidationError({"text": _("Write the question.")})
    if kind not in QuestionKind.values:
        raise ValidationError({"kind": _("Choose a scale or free text.")})
    position = questionnaire.questions.filter(audience=audience).count() + 1
    return Question.objects.create(
        questionnaire=questionnaire,
        audience=audience,
        kind=kind,
        text=text.strip(),
        position=position,
    )


@transaction.atomic
def question_remove(*, question: Question) -> None:
    if question.questionnaire.responses.exists():
        raise ValidationError(_("Questions cannot change once someone has answered."))
    question.delete()


def evaluation_enrolment(questionnaire: Questionnaire, person: User) -> Enrolment | None:
    return (
        Enrolment.objects.filter(
            cohort_id=questionnaire.cohort_id, person=person, status=EnrolmentStatus.ADMITTED
        )
        .select_related("municipality")
        .first()
    )


@transaction.atomic
def evaluation_answer(
    *, questionnaire: Questionnaire, person: User, answers: dict[int, int | str | None]
) -> Response:
    """Stores the answers apart from the record that the person answered."""
    if not questionnaire.is_open(timezone.localdate()):
        raise ValidationError(_("The evaluation is closed."))
    enrolment = evaluation_enrolment(questionnaire, person)
    if enrolment is None:
        raise ValidationError(_("The evaluation is for the cohort's participants."))
    if Response.objects.filter(questionnaire=questionnaire, person=person).exists():
        raise ValidationError(_("You have already answered the evaluation."))
    questions = list(questionnaire.questions.filter(audience=enrolment.role))
    rows = []
    for question in questions:
        value = answers.get(question.pk)
        if question.kind == QuestionKind.SCALE:
            if value in (None, ""):
                continue
            if not isinstance(value, int) or not SCALE_MIN <= value <= SCALE_MAX:
                raise ValidationError(_("Answer on the scale from 1 to 5."))
            rows.append(Answer(question=question, scale=value))
        elif isinstance(value, str) and value.strip():
            rows.append(Answer(question=question, text=value.strip()))
    try:
        with transaction.atomic():
            response = Response.objects.create(
                questionnaire=questionnaire,
                person=person,
                role=enrolment.role,
                municipality=enrolment.municipality,
            )
    except IntegrityError:
        raise ValidationError(_("You have already answered the evaluation.")) from None
    Answer.objects.bulk_create(rows)
    return response

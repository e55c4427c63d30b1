"""The leader-profile questionnaire, the participants' answers and the reminders."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from notifications.models import Delivery
from notifications.services import (
    DeliveryNotNeeded,
    deliveries_wake_on_commit,
    delivery_queue,
    delivery_sender,
)
from programmes.models import Cohort, Enrolment, EnrolmentStatus, Programme
from programmes.services.mail_templates import programme_mail_send

from .. import selectors
from ..models import (
    CohortMatching,
    Dimension,
    ProfileAnswer,
    Question,
    QuestionKind,
    Questionnaire,
    ShortlistRank,
)
from ..models.profile import SCALE_MAX, SCALE_MIN

REMINDER_KIND = "matching.profile_reminder"


def questionnaire_ensure(*, programme: Programme) -> Questionnaire:
    questionnaire, _created = Questionnaire.objects.get_or_create(programme=programme)
    return questionnaire


def questionnaire_is_editable(questionnaire: Questionnaire) -> bool:
    """The questions stay as they are once a running cohort's profiles are open."""
    return not CohortMatching.objects.filter(
        cohort__programme_id=questionnaire.programme_id,
        profiles_opened_at__isnull=False,
        cohort__ends_on__gte=timezone.localdate(),
    ).exists()


def _assert_editable(questionnaire: Questionnaire) -> None:
    if not questionnaire_is_editable(questionnaire):
        raise ValidationError(
            _("The leader profiles are open, so the questions can no longer be changed.")
        )


@transaction.atomic
def dimension_save(
    *,
    questionnaire: Questionnaire,
    name: str,
    mode: str,
    position: int,
    dimension: Dimension | None = None,
) -> Dimension:
    # The mode is a matching setting and may change at any time; the name is part of the questions.
    if dimension is None or dimension.name != name:
        _assert_editable(questionnaire)
    same_name = questionnaire.dimensions.filter(name=name)
    if dimension is not None:
        same_name = same_name.exclude(pk=dimension.pk)
    if same_name.exists():
        raise ValidationError({"name": _("The questionnaire already has a dimension so named.")})
    dimension = dimension or Dimension(questionnaire=questionnaire)
    dimension.name, dimension.mode, dimension.position = name, mode, position
    dimension.full_clean()
    dimension.save()
    return dimension


@transaction.atomic
def question_save(
    *,
    questionnaire: Questionnaire,
    kind: str,
    text: str,
    position: int,
    mentor_text: str = "",
    dimension: Dimension | None = None,
    purpose: str = "information",
    options: str = "",
    audience: str = "both",
    question: Question | None = None,
) -> Question:
    _assert_editable(questionnaire)
    if kind == QuestionKind.SCALE and dimension is None:
        raise ValidationError({"dimension": _("A statement on the scale belongs to a dimension.")})
    if dimension is not None and dimension.questionnaire_id != questionnaire.pk:
        raise ValidationError({"dimension": _("Choose a dimension of this questionnaire.")})
    if kind == QuestionKind.CHOICE and len([o for o in options.splitlines() if o.strip()]) < 2:
        raise ValidationError({"options": _("Give at least two options, one per line.")})
    question = question or Question(questionnaire=questionnaire)
    question.kind, question.text, question.mentor_text = kind, text, mentor_text
    question.dimension = dimension if kind == QuestionKind.SCALE else None
    question.purpose = purpose if kind == QuestionKind.CHOICE else "information"
    question.options = options if kind == QuestionKind.CHOICE else ""
    question.audience, question.position = audience, position
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_delete(*, question: Question) -> None:
    _assert_editable(question.questionnaire)
    question.delete()


@transaction.atomic
def cohort_profiles_open(*, cohort: Cohort, actor: User) -> CohortMatching:
    config = selectors.cohort_matching(cohort)
    questionnaire = selectors.questionnaire_for(cohort)
    if questionnaire is None or not questionnaire.questions.exists():
        raise ValidationError(_("Write the leader-profile questions before opening the profiles."))
    if config.profiles_opened_at is not None:
        raise ValidationError(_("The leader profiles are already open."))
    config.profiles_opened_at = timezone.now()
    config.save(update_fields=["profiles_opened_at"])
    audit_record(actor=actor, action="leader_profile.open", target=cohort)
    return config


@dataclass(frozen=True)
class AnswerGiven:
    """One answer as the participant gave it; only the part of the question's kind is read."""

    question: Question
    scale_value: int | None = None
    choices: tuple[str, ...] = ()
    text: str = ""


def _assert_may_answer(enrolment: Enrolment) -> None:
    if enrolment.status != EnrolmentStatus.ADMITTED:
        raise ValidationError(_("Only admitted participants fill in the leader profile."))
    if selectors.cohort_matching(enrolment.cohort).profiles_opened_at is None:
        raise ValidationError(_("The leader profiles are not open yet."))


def _answer_store(*, enrolment: Enrolment, given: AnswerGiven) -> ProfileAnswer:
    question = given.question
    if question.questionnaire.programme_id != enrolment.cohort.programme_id or not question.is_for(
        enrolment.role
    ):
        raise ValidationError(_("This question is not part of your leader profile."))
    values: dict[str, object] = {}
    if question.kind == QuestionKind.SCALE:
        if given.scale_value is not None and not SCALE_MIN <= given.scale_value <= SCALE_MAX:
            raise ValidationError(_("Answer on the scale from 1 to 5."))
        values["scale_value"] = given.scale_value
    elif question.kind == QuestionKind.CHOICE:
        chosen = list(dict.fromkeys(given.choices))
        if set(chosen) - set(question.option_list):
            raise ValidationError(_("Choose among the options given."))
        values["choices"] = chosen
    else:
        values["text"] = given.text.strip()
    answer, _created = ProfileAnswer.objects.update_or_create(
        enrolment=enrolment, question=question, defaults={**values, "updated_at": timezone.now()}
    )
    return answer


@transaction.atomic
def profile_answer_save(*, enrolment: Enrolment, answer: AnswerGiven) -> ProfileAnswer:
    """Saves one answer as the person goes; an empty answer clears it."""
    _assert_may_answer(enrolment)
    return _answer_store(enrolment=enrolment, given=answer)


@transaction.atomic
def profile_answers_save(
    *, enrolment: Enrolment, answers: list[AnswerGiven]
) -> list[ProfileAnswer]:
    """Saves the whole profile at once: when one answer is refused, none is saved."""
    _assert_may_answer(enrolment)
    saved, refusals = [], []
    for given in answers:
        try:
            saved.append(_answer_store(enrolment=enrolment, given=given))
        except ValidationError as refusal:
            wording = given.question.wording_for(enrolment.role)
            refusals.append(f"{wording}: {' '.join(refusal.messages)}")
    if refusals:
        # Raised out of the transaction, so the answers stored before the refusal roll back.
        raise ValidationError(refusals)
    return saved


def profile_reminders_send(*, cohort: Cohort, actor: User) -> int:
    """Reminds everyone who has not finished; once per person and day."""
    waiting = [p.enrolment for p in selectors.profile_progress(cohort) if not p.finished]
    key_day = timezone.localdate().isoformat()
    with transaction.atomic():
        queued = [
            delivery.pk
            for enrolment in waiting
            if (
                delivery := delivery_queue(
                    kind=REMINDER_KIND,
                    key=f"{enrolment.pk}:{key_day}",
                    recipient=enrolment.person,
                    payload={"enrolment_id": enrolment.pk},
                    wake=False,
                )
            )
            is not None
        ]
        # One wake-up for the whole reminder round, not one per person.
        deliveries_wake_on_commit(queued)
        sent = len(queued)
        audit_record(
            actor=actor, action="leader_profile.remind", target=cohort, summary=f"{sent} reminders"
        )
    return sent


@delivery_sender(REMINDER_KIND)
def profile_reminder_send(delivery: Delivery) -> str:
    enrolment = (
        Enrolment.objects.select_related("cohort__programme")
        .filter(pk=delivery.payload["enrolment_id"], status=EnrolmentStatus.ADMITTED)
        .first()
    )
    if enrolment is None:
        raise DeliveryNotNeeded
    return programme_mail_send(
        key="profile_reminder",
        programme=enrolment.cohort.programme,
        to=delivery.recipient,
        context={"enrolment": enrolment, "cohort": enrolment.cohort},
    )


SHORTLIST_LENGTH = 3


@transaction.atomic
def shortlist_set(*, adept: Enrolment, mentors: list[Enrolment]) -> None:
    """The adept's ranking, first choice first; replaces any earlier ranking."""
    config = selectors.cohort_matching(adept.cohort)
    if not config.shortlist_open:
        raise ValidationError(_("The shortlist is not open."))
    if adept.role != "adept":
        raise ValidationError(_("Only adepts rank mentors."))
    if len({m.pk for m in mentors}) != len(mentors):
        raise ValidationError(_("Choose each mentor only once."))
    allowed = {m.pk for m in selectors.shortlist_mentors(adept)}
    if any(m.pk not in allowed for m in mentors) or len(mentors) > SHORTLIST_LENGTH:
        raise ValidationError(_("Choose among the mentors on the list."))
    ShortlistRank.objects.filter(adept=adept).delete()
    ShortlistRank.objects.bulk_create(
        [ShortlistRank(adept=adept, mentor=m, rank=i) for i, m in enumerate(mentors, start=1)]
    )

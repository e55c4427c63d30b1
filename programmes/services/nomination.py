"""Nominations by the nearest manager and their staged approval."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import person_invite
from audit.services import audit_record
from programmes.models import (
    AdmissionRule,
    ApprovalStage,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Municipality,
    Nomination,
    Role,
    StageDecision,
)
from programmes.profiles import NOMINATION_FIELDS, ApplicationProfile, application_profile
from programmes.services.enrolment import (
    ACTIVE_STATUSES,
    admit_or_wait,
    notify_on_commit,
    person_statistics_set,
    status_set,
    validate_can_enrol,
    validate_statistics,
)


@transaction.atomic
def enrolment_nominate(
    *,
    manager: User,
    cohort: Cohort,
    nominee_email: str,
    nominee_name: str,
    municipality: Municipality,
    motivation: str,
    language: str = "sv",
    **fields: Any,
) -> Nomination:
    """The nearest manager nominates an employee as adept; the manager's consent is implied."""
    cohort = Cohort.objects.select_for_update().select_related("programme").get(pk=cohort.pk)
    if cohort.programme.admission_rule != AdmissionRule.NOMINATION:
        raise ValidationError(
            _("%(programme)s does not take nominations.") % {"programme": cohort.programme.name}
        )
    if not motivation.strip():
        raise ValidationError({"motivation": _("Write why you nominate this person.")})
    if not cohort.programme.approval_stages.exists():
        raise ValidationError(
            _("The programme has no approval stages yet; ask the coordinator to add them.")
        )
    if nominee_email.strip().lower() == manager.email.lower():
        raise ValidationError({"nominee_email": _("You cannot nominate yourself.")})
    nominee = User.objects.filter(email__iexact=nominee_email.strip()).first() or person_invite(
        invited_by=manager, email=nominee_email, full_name=nominee_name, language=language
    )
    validate_can_enrol(person=nominee, cohort=cohort, role=Role.ADEPT)
    profile = application_profile(
        cohort.programme, Role.ADEPT, has_work_areas=cohort.programme.work_areas.exists()
    )
    fields = _nomination_answers(profile, fields)
    enrolment = Enrolment(
        person=nominee,
        cohort=cohort,
        role=Role.ADEPT,
        municipality=municipality,
        status=EnrolmentStatus.APPLIED,
        completed_at=timezone.now(),
        **fields,
    )
    enrolment.full_clean(validate_unique=False)
    enrolment.save()
    nomination = Nomination.objects.create(
        enrolment=enrolment, nominated_by=manager, motivation=motivation.strip()
    )
    audit_record(actor=manager, action="enrolment.nominate", target=enrolment, summary=cohort.name)
    notify_on_commit(enrolment=enrolment, template="nominated")
    return nomination


def _nomination_answers(profile: ApplicationProfile, fields: dict[str, Any]) -> dict[str, Any]:
    """What the manager tells about the nominee, as far as the programme asks it."""
    unknown = set(fields) - set(NOMINATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown nomination fields: {sorted(unknown)}")
    answers = {name: value for name, value in fields.items() if profile.asks(name)}
    missing = {
        name: _("This question is required.")
        for name in NOMINATION_FIELDS
        if profile.requires(name) and answers.get(name) in (None, "")
    }
    if missing:
        raise ValidationError(missing)
    return answers


@transaction.atomic
def nomination_accept(
    *, nomination: Nomination, person: User, gender: str = "", age_group: str = ""
) -> Nomination:
    """The nominee says yes, and may state gender and age group for the statistics."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    enrolment = Enrolment.objects.select_related("person").get(pk=nomination.enrolment_id)
    if enrolment.person_id != person.pk:
        raise ValidationError(_("Only the nominated person can accept the nomination."))
    if nomination.accepted_at is not None:
        raise ValidationError(_("You have already accepted the nomination."))
    if enrolment.status not in ACTIVE_STATUSES:
        raise ValidationError(
            _("The nomination is %(status)s and can no longer be accepted.")
            % {"status": enrolment.get_status_display().lower()}
        )
    validate_statistics(gender=gender, age_group=age_group)
    nomination.accepted_at = timezone.now()
    nomination.save(update_fields=["accepted_at"])
    enrolment.age_group = age_group
    enrolment.save(update_fields=["age_group"])
    # The person's own answer about themselves: accepted_at records it, not the audit log.
    person_statistics_set(person=enrolment.person, gender=gender)
    return nomination


def next_stage(*, nomination: Nomination) -> ApprovalStage | None:
    """The first stage of the programme that has not decided on this nomination."""
    decided = nomination.decisions.values_list("stage_id", flat=True)
    return (
        ApprovalStage.objects.filter(programme_id=nomination.enrolment.cohort.programme_id)
        .exclude(pk__in=decided)
        .order_by("position", "pk")
        .first()
    )


@transaction.atomic
def nomination_stage_decide(
    *,
    nomination: Nomination,
    stage: ApprovalStage,
    approved: bool,
    actor: User,
    comment: str = "",
    message: str = "",
) -> StageDecision:
    """Records one stage's yes or no; the last yes admits, any no declines.

    ``comment`` is internal: the reason a "no" must give stays with those who decide.
    ``message``, if any, is what the nominee and the nominating manager are told.
    """
    cohort = (
        Cohort.objects.select_for_update()
        .select_related("programme")
        .get(pk=nomination.enrolment.cohort_id)
    )
    nomination = Nomination.objects.select_related("enrolment__person").get(pk=nomination.pk)
    enrolment = nomination.enrolment
    enrolment.cohort = cohort
    if enrolment.status != EnrolmentStatus.APPLIED:
        raise ValidationError(
            _("The nomination has already been decided: %(status)s.")
            % {"status": enrolment.get_status_display().lower()}
        )
    expected = next_stage(nomination=nomination)
    if expected is None or expected.pk != stage.pk:
        raise ValidationError(
            _("%(stage)s cannot decide now; the next stage is %(next)s.")
            % {"stage": stage.name, "next": expected.name if expected else "–"}
        )
    if not approved and not comment.strip():
        raise ValidationError(
            {"comment": _("Give the reason, for the record, when the stage says no.")}
        )
    decision = StageDecision.objects.create(
        nomination=nomination,
        stage=stage,
        approved=approved,
        decided_by=actor,
        decided_at=timezone.now(),
        comment=comment.strip(),
        message=message.strip(),
    )
    audit_record(
        actor=actor,
        action="nomination.stage_decide",
        target=enrolment,
        summary=f"{stage.name}: {'yes' if approved else 'no'}",
    )
    if not approved:
        # The status's reason is shown to the nominee: only what the stage chose to tell them.
        status_set(enrolment, EnrolmentStatus.DECLINED, reason=message.strip())
        for audience in ("person", "nominator"):
            notify_on_commit(enrolment=enrolment, template="nomination_declined", audience=audience)
    elif next_stage(nomination=nomination) is None:
        admit_or_wait(enrolment=enrolment, cohort=cohort, actor=actor)
        notify_on_commit(enrolment=enrolment, template="nomination_outcome", audience="nominator")
    else:
        for audience in ("person", "nominator"):
            notify_on_commit(enrolment=enrolment, template="stage_decided", audience=audience)
    return decision

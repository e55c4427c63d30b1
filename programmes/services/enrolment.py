"""Applications, manager consent, admission by the programme's rule, withdrawal, waiting list.

Every change of who holds a place happens with the cohort's row locked
(``select_for_update`` on PostgreSQL; SQLite's IMMEDIATE transactions serialise
writers), so that the count of admitted participants and the decision made
from it cannot interleave with another admission.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Gender, User
from audit.services import audit_record
from notifications.models import Delivery
from notifications.services import (
    DeliveryNotNeeded,
    Notification,
    deliveries_queue,
    deliveries_send,
    delivery_queue,
    delivery_sender,
)
from programmes.models import (
    CONSENT_OVERDUE_AFTER,
    AdmissionRule,
    AgeGroup,
    Cohort,
    ConsentRequest,
    Enrolment,
    EnrolmentStatus,
    MeetingPreference,
    Municipality,
    Role,
)
from programmes.profiles import APPLICATION_FIELDS, ApplicationProfile, application_profile
from programmes.signals import enrolment_admitted, enrolment_withdrawn_before_fee_deadline

CONSENT_SALT = "programmes.consent"
# A consent link works this long after it was sent; every reminder sends a fresh one.
CONSENT_LINK_VALID = datetime.timedelta(days=14)
# A reminder goes to a manager who has not answered after each of these intervals.
CONSENT_REMINDER_AFTER = (datetime.timedelta(days=4), CONSENT_OVERDUE_AFTER)

ACTIVE_STATUSES = (EnrolmentStatus.APPLIED, EnrolmentStatus.WAITING, EnrolmentStatus.ADMITTED)

# Notifications ------------------------------------------------------------------


ENROLMENT_MAIL = "enrolment"
CONSENT_REMINDER = "consent_reminder"


def notify_on_commit(*, enrolment: Enrolment, template: str, audience: str = "person") -> None:
    """Puts an email about ``enrolment`` in the outbox with the change; it leaves on commit.

    The applicant is the recipient of record for a mail to their manager, who may have no account.
    """
    recipient = enrolment.nomination.nominated_by if audience == "nominator" else enrolment.person
    delivery_queue(
        kind=ENROLMENT_MAIL,
        recipient=recipient,
        payload={"enrolment_id": enrolment.pk, "template": template, "audience": audience},
    )


def consent_link(*, consent: ConsentRequest) -> str:
    token = signing.TimestampSigner(salt=CONSENT_SALT).sign(f"{consent.pk}:{consent.nonce}")
    return settings.SITE_URL + reverse("programmes:consent_answer", kwargs={"token": token})


@delivery_sender(ENROLMENT_MAIL)
@delivery_sender(CONSENT_REMINDER)
def enrolment_mail_send(delivery: Delivery) -> str:
    payload = delivery.payload
    return enrolment_notify(
        enrolment_id=payload["enrolment_id"],
        template=payload["template"],
        audience=payload.get("audience", "person"),
    )


def enrolment_notify(*, enrolment_id: int, template: str, audience: str = "person") -> str:
    """Sends one of the enrolment emails to the applicant, their manager or the nominator."""
    from notifications.emails import email_send

    enrolment = (
        Enrolment.objects.select_related("person", "cohort__programme", "municipality")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None:
        raise DeliveryNotNeeded
    context: dict[str, Any] = {
        "enrolment": enrolment,
        "person": enrolment.person,
        "cohort": enrolment.cohort,
        "programme": enrolment.cohort.programme,
        "applications_url": settings.SITE_URL + reverse("programmes:my_applications"),
    }
    if hasattr(enrolment, "nomination"):
        context["nomination"] = enrolment.nomination
        context["decision"] = enrolment.nomination.decisions.select_related("stage").last()
    context["greeting_name"] = enrolment.person.full_name
    if audience == "manager":
        consent = enrolment.consent
        context["greeting_name"] = consent.manager_name
        context["consent"] = consent
        context["consent_url"] = consent_link(consent=consent)
        context["valid_days"] = CONSENT_LINK_VALID.days
        known = User.objects.filter(email__iexact=consent.manager_email).first()
        return email_send(to=known or consent.manager_email, template=template, context=context)
    if audience == "nominator":
        nomination = enrolment.nomination
        context["greeting_name"] = nomination.nominated_by.full_name
        return email_send(to=nomination.nominated_by, template=template, context=context)
    return email_send(to=enrolment.person, template=template, context=context)


# Applying -----------------------------------------------------------------------


def _places(cohort: Cohort, role: str) -> int:
    return cohort.adept_places if role == Role.ADEPT else cohort.mentor_places


def places_left(*, cohort: Cohort, role: str) -> int:
    admitted = Enrolment.objects.filter(
        cohort=cohort, role=role, status=EnrolmentStatus.ADMITTED
    ).count()
    return max(_places(cohort, role) - admitted, 0)


def validate_can_enrol(*, person: User, cohort: Cohort, role: str) -> None:
    if not cohort.is_open_for_applications():
        raise ValidationError(_("Applications to %(cohort)s are closed.") % {"cohort": cohort.name})
    if role == Role.MENTOR and not cohort.has_mentors:
        raise ValidationError(
            _("%(cohort)s is a programme of sessions without mentors.") % {"cohort": cohort.name}
        )
    if Enrolment.objects.filter(person=person, cohort=cohort, role=role).exists():
        raise ValidationError(
            _("%(name)s has already applied to %(cohort)s as %(role)s.")
            % {"name": person.full_name, "cohort": cohort.name, "role": Role(role).label.lower()}
        )


def _answers_checked(profile: ApplicationProfile, fields: dict[str, Any]) -> dict[str, Any]:
    """The answers to what ``profile`` asks; raises ValidationError for a missing required one."""
    unknown = set(fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown application fields: {sorted(unknown)}")
    answers = {name: value for name, value in fields.items() if profile.asks(name)}
    missing = {
        name: _("This question is required.")
        for name in sorted(profile.required)
        if answers.get(name) in (None, "")
    }
    if missing:
        raise ValidationError(missing)
    return answers


def validate_statistics(*, gender: str, age_group: str) -> None:
    errors = {}
    if gender and gender not in Gender.values:
        errors["gender"] = _("Choose one of the listed answers, or leave it empty.")
    if age_group and age_group not in AgeGroup.values:
        errors["age_group"] = _("Choose one of the listed age groups, or leave it empty.")
    if errors:
        raise ValidationError(errors)


def person_statistics_set(*, person: User, gender: str) -> None:
    """The person's own answer about gender, kept on the account for the reports."""
    if person.gender != gender:
        person.gender = gender
        person.save(update_fields=["gender"])


@transaction.atomic
def enrolment_apply(
    *,
    person: User,
    cohort: Cohort,
    role: str,
    municipality: Municipality,
    manager_name: str = "",
    manager_email: str = "",
    gender: str = "",
    age_group: str = "",
    **fields: Any,
) -> Enrolment:
    """A person's own application; the nearest manager is asked where the programme says so.

    Only what the programme asks of the role is kept (programmes/profiles.py). Gender and
    age group are optional and used only in statistics over the whole group.
    """
    cohort = Cohort.objects.select_for_update().select_related("programme").get(pk=cohort.pk)
    programme = cohort.programme
    rule = programme.admission_rule
    if rule == AdmissionRule.NOMINATION:
        raise ValidationError(
            _("%(programme)s takes nominations from managers, not applications.")
            % {"programme": programme.name}
        )
    validate_can_enrol(person=person, cohort=cohort, role=role)
    if rule == AdmissionRule.SELECTION and places_left(cohort=cohort, role=role) == 0:
        raise ValidationError(
            _("All places for %(role)s in %(cohort)s are taken.")
            % {"role": Role(role).label.lower(), "cohort": cohort.name}
        )
    profile = application_profile(
        programme,
        role,
        has_work_areas=programme.work_areas.exists(),
        cohort_format=cohort.format,
    )
    fields.setdefault("meeting_preference", MeetingPreference.EITHER)
    answers = _answers_checked(profile, fields)
    validate_statistics(gender=gender, age_group=age_group)
    if profile.needs_consent:
        _validate_manager(person=person, manager_name=manager_name, manager_email=manager_email)
    now = timezone.now()
    enrolment = Enrolment(
        person=person,
        cohort=cohort,
        role=role,
        municipality=municipality,
        status=EnrolmentStatus.APPLIED,
        age_group=age_group,
        # Without a manager to agree, the application is complete when it is sent.
        completed_at=None if profile.needs_consent else now,
        **answers,
    )
    enrolment.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:
        raise ValidationError(_("You have already applied in that role.")) from None
    person_statistics_set(person=person, gender=gender)
    notify_on_commit(enrolment=enrolment, template="application_received")
    if not profile.needs_consent:
        if rule == AdmissionRule.OPEN:
            admit_or_wait(enrolment=enrolment, cohort=cohort)
        return enrolment
    ConsentRequest.objects.create(
        enrolment=enrolment,
        manager_name=manager_name.strip(),
        manager_email=manager_email.strip(),
        nonce=secrets.token_hex(16),
        asked_at=now,
    )
    notify_on_commit(enrolment=enrolment, template="consent_asked", audience="manager")
    return enrolment


def _validate_manager(*, person: User, manager_name: str, manager_email: str) -> None:
    errors = {}
    if not manager_name.strip():
        errors["manager_name"] = _("Give the name of your nearest manager.")
    if not manager_email.strip():
        errors["manager_email"] = _("Give the email address of your nearest manager.")
    elif manager_email.strip().lower() == person.email.lower():
        errors["manager_email"] = _("Give your nearest manager's address, not your own.")
    if errors:
        raise ValidationError(errors)


# Manager consent ----------------------------------------------------------------


class ConsentLinkError(Exception):
    """Why a consent link cannot be used; ``message`` is shown to the manager."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def consent_from_token(*, token: str) -> ConsentRequest:
    signer = signing.TimestampSigner(salt=CONSENT_SALT)
    try:
        value = signer.unsign(token, max_age=CONSENT_LINK_VALID)
    except signing.SignatureExpired:
        raise ConsentLinkError(
            _("This link has expired. Ask the applicant or the coordinator for a new one.")
        ) from None
    except signing.BadSignature:
        raise ConsentLinkError(
            _("This link is not valid. Check that you copied the whole link from the email.")
        ) from None
    pk, _sep, nonce = value.partition(":")
    consent = (
        ConsentRequest.objects.select_related(
            "enrolment__person", "enrolment__cohort__programme", "enrolment__municipality"
        )
        .filter(pk=pk, nonce=nonce)
        .first()
    )
    if consent is None:
        raise ConsentLinkError(_("This link is not valid any more."))
    if not consent.is_pending:
        raise ConsentLinkError(
            _("This link has already been used: you answered on %(day)s.")
            % {"day": timezone.localtime(consent.decided_at).strftime("%Y-%m-%d")}
        )
    if consent.enrolment.status != EnrolmentStatus.APPLIED:
        raise ConsentLinkError(_("The application has been withdrawn or decided already."))
    return consent


@transaction.atomic
def consent_answer(*, token: str, agreed: bool, comment: str = "") -> ConsentRequest:
    """The manager's answer; an agreement completes the application."""
    found = consent_from_token(token=token)
    cohort = (
        Cohort.objects.select_for_update()
        .select_related("programme")
        .get(pk=found.enrolment.cohort_id)
    )
    # Re-read under the lock: two clicks on the same link must not both count.
    consent = ConsentRequest.objects.select_related("enrolment__person").get(pk=found.pk)
    if not consent.is_pending or consent.enrolment.status != EnrolmentStatus.APPLIED:
        raise ConsentLinkError(_("This link has already been used."))
    now = timezone.now()
    consent.decided_at = now
    consent.agreed = agreed
    consent.comment = comment.strip()
    consent.save(update_fields=["decided_at", "agreed", "comment"])
    enrolment = consent.enrolment
    enrolment.cohort = cohort
    if not agreed:
        status_set(
            enrolment,
            EnrolmentStatus.DECLINED,
            reason=_("Your nearest manager did not agree."),
        )
        notify_on_commit(enrolment=enrolment, template="consent_declined")
        return consent
    enrolment.completed_at = now
    enrolment.save(update_fields=["completed_at"])
    if cohort.programme.admission_rule == AdmissionRule.OPEN:
        admit_or_wait(enrolment=enrolment, cohort=cohort)
    return consent


# Admission ----------------------------------------------------------------------


def status_set(enrolment: Enrolment, status: str, *, reason: str = "") -> None:
    enrolment.status = status
    enrolment.status_reason = reason
    enrolment.status_changed_at = timezone.now()
    enrolment.save(update_fields=["status", "status_reason", "status_changed_at"])


def place_give(enrolment: Enrolment, *, template: str = "admitted") -> None:
    """Admits and tells the person; the caller holds the cohort's lock and audits."""
    status_set(enrolment, EnrolmentStatus.ADMITTED)
    enrolment_admitted.send(sender=Enrolment, enrolment=enrolment)
    notify_on_commit(enrolment=enrolment, template=template)


def _admit(enrolment: Enrolment, *, actor: User | None, template: str = "admitted") -> None:
    place_give(enrolment, template=template)
    audit_record(
        actor=actor,
        action="enrolment.admit",
        target=enrolment,
        summary=f"{enrolment.get_role_display()} in {enrolment.cohort.name}",
    )


def admit_or_wait(*, enrolment: Enrolment, cohort: Cohort, actor: User | None = None) -> None:
    """First come first served; the caller holds the cohort's lock."""
    if places_left(cohort=cohort, role=enrolment.role) > 0:
        _admit(enrolment, actor=actor)
    else:
        status_set(enrolment, EnrolmentStatus.WAITING)
        notify_on_commit(enrolment=enrolment, template="waiting_list")


def waiting_list(*, cohort: Cohort, role: str) -> list[Enrolment]:
    return list(
        Enrolment.objects.filter(cohort=cohort, role=role, status=EnrolmentStatus.WAITING)
        .select_related("person")
        .order_by("completed_at", "pk")
    )


def _lock_for(enrolment: Enrolment) -> Cohort:
    return (
        Cohort.objects.select_for_update().select_related("programme").get(pk=enrolment.cohort_id)
    )


def _reload(enrolment: Enrolment) -> Enrolment:
    return Enrolment.objects.select_related("person", "municipality").get(pk=enrolment.pk)


@transaction.atomic
def enrolment_admit(*, enrolment: Enrolment, actor: User) -> Enrolment:
    """The coordinator admits a complete application (selection, or from the waiting list)."""
    cohort = _lock_for(enrolment)
    enrolment = _reload(enrolment)
    enrolment.cohort = cohort
    if enrolment.status not in (EnrolmentStatus.APPLIED, EnrolmentStatus.WAITING):
        raise ValidationError(
            _("Only an open application can be admitted; this one is %(status)s.")
            % {"status": enrolment.get_status_display().lower()}
        )
    if enrolment.completed_at is None:
        raise ValidationError(_("The application is not complete: the manager has not agreed."))
    if places_left(cohort=cohort, role=enrolment.role) == 0:
        raise ValidationError(
            _("All places for %(role)s in %(cohort)s are taken.")
            % {"role": enrolment.get_role_display().lower(), "cohort": cohort.name}
        )
    _admit(enrolment, actor=actor)
    return enrolment


@transaction.atomic
def enrolment_decline(*, enrolment: Enrolment, actor: User, reason: str) -> Enrolment:
    cohort = _lock_for(enrolment)
    enrolment = _reload(enrolment)
    enrolment.cohort = cohort
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason; the applicant will read it.")})
    if enrolment.status not in (EnrolmentStatus.APPLIED, EnrolmentStatus.WAITING):
        raise ValidationError(
            _("Only an open application can be declined; this one is %(status)s.")
            % {"status": enrolment.get_status_display().lower()}
        )
    status_set(enrolment, EnrolmentStatus.DECLINED, reason=reason.strip())
    audit_record(actor=actor, action="enrolment.decline", target=enrolment, summary=cohort.name)
    notify_on_commit(enrolment=enrolment, template="declined")
    return enrolment


def fee_deadline(cohort: Cohort) -> datetime.date:
    """The last day a withdrawal removes the fee; the cohort's start unless set."""
    return cohort.withdrawal_fee_deadline or cohort.starts_on


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, actor: User) -> Enrolment:
    """Withdraws an application or a place; a freed place goes to the first on the list."""
    cohort = _lock_for(enrolment)
    enrolment = _reload(enrolment)
    enrolment.cohort = cohort
    if enrolment.status not in ACTIVE_STATUSES:
        raise ValidationError(
            _("The application is already %(status)s.")
            % {"status": enrolment.get_status_display().lower()}
        )
    held_place = enrolment.status == EnrolmentStatus.ADMITTED
    status_set(enrolment, EnrolmentStatus.WITHDRAWN)
    if held_place and timezone.localdate() <= fee_deadline(cohort):
        enrolment_withdrawn_before_fee_deadline.send(sender=Enrolment, enrolment=enrolment)
    audit_record(actor=actor, action="enrolment.withdraw", target=enrolment, summary=cohort.name)
    if held_place:
        for waiting in waiting_list(cohort=cohort, role=enrolment.role)[:1]:
            waiting.cohort = cohort
            _admit(waiting, actor=None, template="promoted")
    return enrolment


# Reminders ----------------------------------------------------------------------


def consent_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Queues a reminder to each manager who has not answered, one per interval passed, once."""
    now = now or timezone.now()
    first_due = now - CONSENT_REMINDER_AFTER[0]
    pending = ConsentRequest.objects.filter(
        decided_at__isnull=True, asked_at__lte=first_due, enrolment__status=EnrolmentStatus.APPLIED
    ).select_related("enrolment")
    notifications = []
    for consent in pending:
        passed = sum(1 for after in CONSENT_REMINDER_AFTER if consent.asked_at <= now - after)
        notifications.append(
            Notification(
                kind=CONSENT_REMINDER,
                key=f"consent:{consent.pk}:{passed}",
                # The manager may have no account: the applicant is the recipient of record.
                recipient_id=consent.enrolment.person_id,
                payload={
                    "enrolment_id": consent.enrolment_id,
                    "template": "consent_reminder",
                    "audience": "manager",
                },
            )
        )
    deliveries_queue(notifications, wake=False)
    return deliveries_send(kinds=[CONSENT_REMINDER]).total

"""A programme's own texts of its automatic mails: merge fields, rendering, sending, changing.

A text is plain text with merge fields in braces (``{first_name}``), never Django
template syntax: a coordinator's text is data, each field is replaced by its value
as text, and nothing else in it is interpreted. The HTML part is made from the
same text (escaped, in paragraphs, every address a link) in the mail layout.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from notifications.emails import (
    Attachment,
    RenderedEmail,
    email_render,
    email_send,
    email_send_rendered,
    recipient_language,
)
from notifications.mail_registry import Mail, mail_for
from notifications.models import Delivery
from notifications.services import DeliveryNotNeeded, delivery_queue, delivery_sender
from programmes.models import (
    Cohort,
    Enrolment,
    EnrolmentStatus,
    MailTemplate,
    Municipality,
    Programme,
    Role,
)

# A programme's text as the layout renders it (programmes/templates/emails/programme_mail.*).
OVERRIDE_TEMPLATE = "programme_mail"
TEST_KIND = "mail_template_test"
# Anything in braces is meant as a merge field; one no mail offers is refused.
FIELD = re.compile(r"\{([^{}\n]*)\}")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
EXTRA_BLANK_LINES = re.compile(r"\n\s*\n(\s*\n)+")

# The made-up participant of a preview when the programme has none yet, and of the default texts.
SAMPLE_NAME = "Kim Exempelsson"
SAMPLE_COHORT = "Exempelgruppen"
SAMPLE_STARTS = datetime.date(2031, 8, 25)
SAMPLE_ENDS = datetime.date(2032, 6, 11)
SAMPLE_MUNICIPALITY = "Exempelby"
SAMPLE_MENTOR = "Maria Mentorsson"
SAMPLE_ADEPT = "Ada Adeptsson"


@dataclass(frozen=True)
class MailText:
    subject: str
    body: str


def merge(text: str, values: dict[str, str]) -> str:
    """``text`` with each known field replaced by its value; the values are not read again."""
    return FIELD.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def validate_merge_fields(*, mail: Mail, text: MailText) -> None:
    known = mail.field_names
    unknown = sorted(
        {
            match.group(0)
            for part in (text.subject, text.body)
            for match in FIELD.finditer(part)
            if match.group(1) not in known
        }
    )
    if unknown:
        raise ValidationError(
            _("This mail has no merge field %(unknown)s. You can use: %(known)s.")
            % {
                "unknown": ", ".join(unknown),
                "known": ", ".join(f"{{{field.name}}}" for field in mail.fields),
            }
        )


# Participants of a preview -------------------------------------------------------


def sample_enrolment(programme: Programme | None = None) -> Enrolment:
    """A made-up adept, not saved: a preview's participant when the programme has none."""
    programme = programme or Programme(pk=0, name=_("Example programme"))
    cohort = Cohort(
        pk=0, programme=programme, name=SAMPLE_COHORT, starts_on=SAMPLE_STARTS, ends_on=SAMPLE_ENDS
    )
    return _made_up(cohort=cohort, name=SAMPLE_NAME, role=Role.ADEPT, person_pk=0)


def sample_partner(enrolment: Enrolment) -> Enrolment:
    """A made-up other half of ``enrolment``'s pair, for the previews of the pair's mails.

    Its person has no pk, so that ``Pair.partner_of`` tells the two apart.
    """
    if enrolment.role == Role.ADEPT:
        return _made_up(cohort=enrolment.cohort, name=SAMPLE_MENTOR, role=Role.MENTOR)
    return _made_up(cohort=enrolment.cohort, name=SAMPLE_ADEPT, role=Role.ADEPT)


def _made_up(*, cohort: Cohort, name: str, role: str, person_pk: int | None = None) -> Enrolment:
    enrolment = Enrolment(
        pk=0,
        person=User(pk=person_pk, full_name=name, email="exempel@example.se"),
        cohort=cohort,
        role=role,
        status=EnrolmentStatus.ADMITTED,
        municipality=Municipality(pk=0, name=SAMPLE_MUNICIPALITY),
        status_reason=_("All places are taken."),
    )
    # Known to be absent, so that a template asking for them does not look in the database.
    for relation in ("consent", "nomination"):
        enrolment._state.fields_cache[relation] = None
    return enrolment


def preview_participants(programme: Programme) -> list[Enrolment]:
    """The programme's participants a coordinator can preview a mail with, newest cohort first."""
    return list(
        Enrolment.objects.filter(cohort__programme=programme)
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .select_related("person", "cohort__programme", "municipality")
        .order_by("-cohort__starts_on", "person__full_name")[:200]
    )


# Rendering and sending -----------------------------------------------------------


def _full_context(to: User | str, context: dict[str, Any]) -> dict[str, Any]:
    return {"recipient": to, "site_url": settings.SITE_URL, **context}


def _override_context(
    *, mail: Mail, programme: Programme, text: MailText, context: dict[str, Any], language: str
) -> dict[str, Any]:
    with translation.override(language):
        values = mail.values(context)
    body = merge(text.body, values).strip()
    return {
        "subject": merge(text.subject, values),
        "body": body,
        "paragraphs": PARAGRAPH_BREAK.split(body),
        "programme_name": programme.name,
        "page_url": values.get("link", settings.SITE_URL),
    }


def mail_render(
    *,
    mail: Mail,
    programme: Programme,
    language: str,
    to: User | str,
    context: dict[str, Any],
    text: MailText | None,
) -> RenderedEmail:
    """The mail as it would leave: ``text`` if given, else the default template."""
    context = _full_context(to, context)
    if text is None:
        return email_render(template=mail.template, context=context, language=language)
    return email_render(
        template=OVERRIDE_TEMPLATE,
        context={
            **context,
            **_override_context(
                mail=mail, programme=programme, text=text, context=context, language=language
            ),
        },
        language=language,
    )


def programme_text(*, programme: Programme | None, key: str, language: str) -> MailText | None:
    """The programme's own text of the mail in ``language``, or None for the default."""
    if programme is None or programme.pk is None:
        return None
    template = MailTemplate.objects.filter(programme=programme, key=key, language=language).first()
    return MailText(template.subject, template.body) if template else None


def programme_mail_send(
    *,
    key: str,
    programme: Programme | None,
    to: User | str,
    context: dict[str, Any],
    language: str | None = None,
    attachments: list[Attachment] | None = None,
) -> str:
    """Sends the mail ``key`` in the recipient's language: the programme's text, or the default.

    ``programme`` is None for a mail about something of no programme (an open event).
    """
    mail = mail_for(key)
    language = recipient_language(to, language)
    text = programme_text(programme=programme, key=key, language=language)
    if text is None or programme is None:
        return email_send(
            to=to,
            template=mail.template,
            context=context,
            language=language,
            attachments=attachments,
        )
    override = _override_context(
        mail=mail,
        programme=programme,
        text=text,
        context=_full_context(to, context),
        language=language,
    )
    return email_send(
        to=to,
        template=OVERRIDE_TEMPLATE,
        context={**context, **override},
        language=language,
        attachments=attachments,
    )


# The default text ------------------------------------------------------------------


def default_text(*, mail: Mail, language: str) -> MailText:
    """The default template's text with merge fields where the made-up participant's data is.

    The coordinator starts editing from this; what the template says around the data
    stays as it is, and the layout's own closing lines are left to the layout.
    """
    enrolment = sample_enrolment()
    context = _full_context(enrolment.person, mail.sample(enrolment))
    rendered = email_render(template=mail.template, context=context, language=language)
    with translation.override(language):
        values = mail.values(context)
        closing = _("The mentor programme of the consortium's municipalities")
    body = rendered.text
    if closing in body:
        body = body[: body.rindex(closing)]
    return MailText(
        subject=_fields_for_values(rendered.subject, values),
        body=_fields_for_values(EXTRA_BLANK_LINES.sub("\n\n", body.strip()), values),
    )


def _fields_for_values(text: str, values: dict[str, str]) -> str:
    # Longest first, so that a full name becomes {full_name} before its first name is looked at.
    for name, value in sorted(values.items(), key=lambda item: -len(item[1])):
        if value:
            text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", f"{{{name}}}", text)
    return text


# Changing ------------------------------------------------------------------------


@transaction.atomic
def mail_template_save(
    *, programme: Programme, key: str, language: str, subject: str, body: str, actor: User
) -> MailTemplate:
    mail = mail_for(key)
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Choose Swedish or English."))
    text = MailText(subject=" ".join(subject.split()), body=body.strip())
    if not text.subject or not text.body:
        raise ValidationError(_("Write a subject and a text."))
    validate_merge_fields(mail=mail, text=text)
    template, created = MailTemplate.objects.update_or_create(
        programme=programme,
        key=key,
        language=language,
        defaults={
            "subject": text.subject,
            "body": text.body,
            "updated_by": actor,
            "updated_at": timezone.now(),
        },
    )
    audit_record(
        actor=actor,
        action="mail_template.save",
        target=template,
        summary=f"{programme.name}: {key} ({language}) {'created' if created else 'changed'}",
    )
    return template


@transaction.atomic
def mail_template_reset(*, programme: Programme, key: str, language: str, actor: User) -> bool:
    """Goes back to the default text; False when the programme had none of its own."""
    mail_for(key)
    template = MailTemplate.objects.filter(programme=programme, key=key, language=language).first()
    if template is None:
        return False
    audit_record(
        actor=actor,
        action="mail_template.reset",
        target=template,
        summary=f"{programme.name}: {key} ({language}) back to the default",
    )
    template.delete()
    return True


@transaction.atomic
def mail_template_test_send(
    *,
    programme: Programme,
    key: str,
    language: str,
    actor: User,
    text: MailText | None,
    participant: Enrolment | None = None,
) -> None:
    """Puts the mail, as ``text`` or the saved text would make it, in the outbox for ``actor``."""
    mail = mail_for(key)
    if text is not None:
        validate_merge_fields(mail=mail, text=text)
    delivery_queue(
        kind=TEST_KIND,
        recipient=actor,
        payload={
            "programme_id": programme.pk,
            "key": key,
            "language": language,
            "participant_id": participant.pk if participant else None,
            "text": {"subject": text.subject, "body": text.body} if text else None,
        },
    )
    audit_record(
        actor=actor,
        action="mail_template.test_send",
        target=programme,
        summary=f"{key} ({language})",
    )


@delivery_sender(TEST_KIND)
def mail_template_test_deliver(delivery: Delivery) -> str:
    payload = delivery.payload
    programme = Programme.objects.filter(pk=payload["programme_id"]).first()
    if programme is None:
        raise DeliveryNotNeeded
    mail = mail_for(payload["key"])
    participant = (
        Enrolment.objects.select_related("person", "cohort__programme", "municipality")
        .filter(pk=payload["participant_id"], cohort__programme=programme)
        .first()
    ) or sample_enrolment(programme)
    language = payload["language"]
    text = (
        MailText(**payload["text"])
        if payload["text"]
        else programme_text(programme=programme, key=mail.key, language=language)
    )
    rendered = mail_render(
        mail=mail,
        programme=programme,
        language=language,
        to=participant.person,
        context=mail.sample(participant),
        text=text,
    )
    return email_send_rendered(address=delivery.recipient.email, rendered=rendered)

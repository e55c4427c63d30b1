"""A programme's own texts of its automatic mails: merge fields, the send path, the defaults."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from notifications.mail_registry import mail_for, registered_mails
from programmes.models import EnrolmentStatus, MailTemplate
from programmes.services.enrolment import enrolment_admit
from programmes.services.mail_templates import (
    MailText,
    default_text,
    mail_template_reset,
    mail_template_save,
    merge,
    validate_merge_fields,
)
from tests.factories import EnrolmentFactory

ISSUE_MAILS = (
    "consent_asked",
    "admitted",
    "waiting_list",
    "declined",
    "profile_reminder",
    "pair_published_adept",
    "pair_published_mentor",
    "event_reminder",
    "meeting_reminder",
    "nudge",
    "evaluation",
    "evaluation_reminder",
)


def _applicant(world, language: str = "sv"):
    enrolment = EnrolmentFactory(
        cohort=world.cohort, status=EnrolmentStatus.APPLIED, completed_at=timezone.now()
    )
    enrolment.person.full_name = "Siobhán O'Brien"
    enrolment.person.preferred_language = language
    enrolment.person.save()
    return enrolment


def _save(world, **changes):
    fields = {
        "programme": world.programme,
        "key": "admitted",
        "language": "sv",
        "subject": "Välkommen till {programme}, {first_name}!",
        "body": "Hej {first_name}!\n\nDu börjar {starts_on} i {cohort}.\n\nLäs mer: {link}",
        "actor": world.coordinator,
    }
    return mail_template_save(**{**fields, **changes})


def test_every_mail_the_issue_names_that_exists_is_declared(db) -> None:
    assert set(ISSUE_MAILS) <= set(registered_mails())


def test_an_unknown_key_is_a_programming_error(db) -> None:
    with pytest.raises(LookupError):
        mail_for("no_such_mail")


def test_merge_replaces_known_fields_and_reads_no_value_again() -> None:
    text = merge("Hej {first_name}, {unknown}", {"first_name": "{programme} {{x}}"})
    assert text == "Hej {programme} {{x}}, {unknown}"


def test_a_text_with_an_unknown_merge_field_is_refused_and_nothing_is_saved(world) -> None:
    with pytest.raises(ValidationError) as error:
        _save(world, body="Hej {first_name.__class__} och {förnamn}")
    message = " ".join(error.value.messages)
    assert "{first_name.__class__}" in message and "{förnamn}" in message
    assert "{first_name}" in message  # the fields it may use are named
    assert not MailTemplate.objects.exists()


def test_django_template_syntax_is_refused_when_saving(world) -> None:
    with pytest.raises(ValidationError):
        _save(world, body="Hej {first_name}! {% now 'Y' %} {{ settings.SECRET_KEY }}")


def test_django_template_syntax_in_a_stored_text_is_sent_as_it_was_written(
    world, outbox, django_capture_on_commit_callbacks
) -> None:
    MailTemplate.objects.create(
        programme=world.programme,
        key="admitted",
        language="sv",
        subject="Hej",
        body="Hej {first_name}! {% now 'Y' %} {{ settings.SECRET_KEY }}",
    )
    enrolment = _applicant(world)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_admit(enrolment=enrolment, actor=world.coordinator)
    (mail,) = outbox
    assert "Hej Siobhán! {% now 'Y' %} {{ settings.SECRET_KEY }}" in mail.body


def test_admission_sends_the_programmes_text_in_the_recipients_language(
    world, outbox, django_capture_on_commit_callbacks
) -> None:
    _save(world)
    enrolment = _applicant(world)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_admit(enrolment=enrolment, actor=world.coordinator)
    (mail,) = outbox
    assert mail.subject == "Välkommen till Mentorprogrammet, Siobhán!"
    assert "Du börjar" in mail.body and "i 2026/27" in mail.body
    assert "&#x27;" not in mail.body
    assert "http://testserver/me/applications/" in mail.body or "/me/" in mail.body
    # The programme's name and the link are in both parts.
    html = mail.alternatives[0][0]
    assert "Mentorprogrammet" in mail.body and "Mentorprogrammet" in html
    assert '<a href="' in html and "O&#x27;Brien" not in mail.body


def test_a_recipient_in_english_gets_the_default_when_only_swedish_is_changed(
    world, outbox, django_capture_on_commit_callbacks
) -> None:
    _save(world)
    enrolment = _applicant(world, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_admit(enrolment=enrolment, actor=world.coordinator)
    (mail,) = outbox
    assert mail.subject == "You are admitted to Mentorprogrammet"


def test_another_programmes_text_is_not_used(
    world, outbox, django_capture_on_commit_callbacks
) -> None:
    _save(world, programme=world.other_programme, actor=world.other_coordinator)
    enrolment = _applicant(world)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_admit(enrolment=enrolment, actor=world.coordinator)
    (mail,) = outbox
    assert mail.subject == "Du är antagen till Mentorprogrammet"


def test_saving_and_resetting_are_audited_and_reset_returns_to_the_default(
    world, outbox, django_capture_on_commit_callbacks
) -> None:
    _save(world)
    _save(world, subject="Andra gången, {first_name}")
    assert MailTemplate.objects.get().subject == "Andra gången, {first_name}"
    assert mail_template_reset(
        programme=world.programme, key="admitted", language="sv", actor=world.coordinator
    )
    assert not MailTemplate.objects.exists()
    actions = list(
        AuditEvent.objects.filter(action__startswith="mail_template")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["mail_template.save", "mail_template.save", "mail_template.reset"]
    enrolment = _applicant(world)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_admit(enrolment=enrolment, actor=world.coordinator)
    assert outbox[0].subject == "Du är antagen till Mentorprogrammet"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_default_text_is_the_templates_text_with_merge_fields(db, language) -> None:
    text = default_text(mail=mail_for("admitted"), language=language)
    assert "{programme}" in text.subject
    assert "{full_name}" in text.body and "{link}" in text.body and "{starts_on}" in text.body
    assert "Exempel" not in text.body  # no made-up data is left in it


def test_every_default_text_uses_only_its_own_merge_fields(db) -> None:
    for mail in registered_mails().values():
        for language in ("sv", "en"):
            text = default_text(mail=mail, language=language)
            assert text.body, mail.key
            # Saving the default as it is must pass the check a coordinator's text passes.
            validate_merge_fields(mail=mail, text=MailText(text.subject, text.body))

"""The coordinator's mail template pages: list, edit, preview, test send, reset, and who may."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from programmes.models import MailTemplate
from tests.factories import EnrolmentFactory

from .factories_running import in_english

pytestmark = pytest.mark.usefixtures("in_english")
__all__ = ["in_english"]

EDITED = {
    "subject": "Welcome, {first_name}",
    "body": "Hello {first_name}!\n\nSee you in {cohort}: {link}",
}


def _list_url(world) -> str:
    return reverse("programmes:mail_template_list", kwargs={"pk": world.programme.pk})


def _edit_url(world, key: str = "admitted", language: str = "en", programme=None) -> str:
    return reverse(
        "programmes:mail_template_edit",
        kwargs={"pk": (programme or world.programme).pk, "key": key, "language": language},
    )


def _reset_url(world, language: str = "en") -> str:
    return reverse(
        "programmes:mail_template_reset",
        kwargs={"pk": world.programme.pk, "key": "admitted", "language": language},
    )


def test_the_list_shows_every_mail_in_both_languages_and_which_are_changed(
    world, client_for
) -> None:
    MailTemplate.objects.create(
        programme=world.programme, key="admitted", language="sv", subject="x", body="y"
    )
    page = client_for("coordinator").get(_list_url(world)).content.decode()
    assert "Admitted" in page and "Meeting reminder" in page and "Event reminder" in page
    assert page.count(">Changed<") == 1
    assert _edit_url(world, "admitted", "sv") in page and _edit_url(world, "admitted", "en") in page


def test_the_programme_page_links_to_the_mail_templates(world, client_for) -> None:
    page = client_for("coordinator").get(
        reverse("programmes:programme_detail", kwargs={"pk": world.programme.pk})
    )
    assert _list_url(world) in page.content.decode()


def test_the_edit_page_starts_from_the_default_and_previews_a_real_participant(
    world, client_for
) -> None:
    page = client_for("coordinator").get(_edit_url(world)).content.decode()
    assert "{programme}" in page  # the default subject, with its merge field
    assert "{first_name}" in page  # the fields listed beside the text
    # The preview has the first participant's data: the cohort's participants are sorted by name.
    assert "Hello Ada Adept," in page


def test_previewing_an_edited_text_merges_the_chosen_participants_data_and_saves_nothing(
    world, client_for
) -> None:
    response = client_for("coordinator").post(
        _edit_url(world),
        {**EDITED, "participant": world.mentor_enrolment.pk, "action": "preview"},
    )
    page = response.content.decode()
    assert "Welcome, Mona" in page and "See you in 2026/27" in page
    assert not MailTemplate.objects.exists()


def test_a_participant_of_another_programme_cannot_be_previewed(world, client_for) -> None:
    stranger = EnrolmentFactory(cohort=world.other_cohort)
    response = client_for("coordinator").post(
        _edit_url(world), {**EDITED, "participant": stranger.pk, "action": "preview"}
    )
    assert stranger.person.full_name not in response.content.decode()


def test_an_unknown_merge_field_is_shown_as_an_error_and_nothing_is_saved(
    world, client_for
) -> None:
    response = client_for("coordinator").post(
        _edit_url(world), {**EDITED, "body": "Hello {firstname}", "action": "save"}
    )
    assert response.status_code == 200
    assert "This mail has no merge field {firstname}" in response.content.decode()
    assert not MailTemplate.objects.exists()


def test_saving_keeps_the_text_and_audits_it(world, client_for) -> None:
    response = client_for("coordinator").post(_edit_url(world), {**EDITED, "action": "save"})
    assert response.status_code == 302
    template = MailTemplate.objects.get()
    assert (template.key, template.language, template.subject) == (
        "admitted",
        "en",
        EDITED["subject"],
    )
    assert template.updated_by == world.coordinator
    assert AuditEvent.objects.filter(action="mail_template.save", actor=world.coordinator).exists()


def test_a_test_send_reaches_only_the_coordinator_with_the_edited_text(
    world, client_for, outbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coordinator").post(
            _edit_url(world),
            {**EDITED, "participant": world.adept_enrolment.pk, "action": "test"},
        )
    assert response.status_code == 200
    (mail,) = outbox
    assert mail.to == [world.coordinator.email]
    assert mail.subject == "Test: Welcome, Ada"
    assert "See you in 2026/27" in mail.body
    assert not MailTemplate.objects.exists()


def test_reset_goes_back_to_the_default(world, client_for) -> None:
    client = client_for("coordinator")
    client.post(_edit_url(world), {**EDITED, "action": "save"})
    response = client.post(_reset_url(world))
    assert response.status_code == 302
    assert not MailTemplate.objects.exists()
    assert AuditEvent.objects.filter(action="mail_template.reset").exists()


def test_reset_is_a_post_only(world, client_for) -> None:
    assert client_for("coordinator").get(_reset_url(world)).status_code == 405


def test_an_unknown_mail_or_language_is_404(world, client_for) -> None:
    client = client_for("coordinator")
    assert client.get(_edit_url(world, key="no_such_mail")).status_code == 404
    assert client.get(_edit_url(world, language="de")).status_code == 404


@pytest.mark.parametrize("role", ["adept", "mentor", "contact_a", "manager", "outsider"])
def test_people_who_do_not_run_the_programme_get_404(world, client_for, role) -> None:
    client = client_for(role)
    assert client.get(_list_url(world)).status_code == 404
    assert client.get(_edit_url(world)).status_code == 404
    assert client.post(_edit_url(world), {**EDITED, "action": "save"}).status_code == 404
    assert client.post(_reset_url(world)).status_code == 404
    assert not MailTemplate.objects.exists()


def test_the_coordinator_of_another_programme_gets_404(world, client_for) -> None:
    client = client_for("other_coordinator")
    assert client.get(_edit_url(world)).status_code == 404
    assert client.post(_edit_url(world), {**EDITED, "action": "save"}).status_code == 404


def test_an_administrator_may_edit(world, client_for) -> None:
    response = client_for("administrator").post(_edit_url(world), {**EDITED, "action": "save"})
    assert response.status_code == 302
    assert MailTemplate.objects.get().updated_by == world.administrator


def test_anonymous_is_sent_to_sign_in(world, client_for) -> None:
    response = client_for("anonymous").get(_list_url(world))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_html_part_of_the_preview_is_shown_as_its_source(world, client_for) -> None:
    page = client_for("coordinator").get(_edit_url(world)).content.decode()
    assert "&lt;!doctype html&gt;" in page
    assert page.count("<!doctype html>") == 1  # the page's own

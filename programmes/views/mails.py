"""The coordinator's pages for the programme's own texts of its automatic mails."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from common.formflow import submit
from notifications.mail_registry import Mail, registered_mails
from programmes import access
from programmes.forms.mails import MailTemplateForm
from programmes.models import Enrolment, MailTemplate, Programme
from programmes.services import mail_templates as services
from programmes.services.mail_templates import MailText


def _mail_or_404(key: str, language: str) -> Mail:
    mail = registered_mails().get(key)
    if mail is None or language not in dict(settings.LANGUAGES):
        raise Http404
    return mail


@login_required
def mail_template_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = access.programme_for_coordinator(request.user, pk)
    changed = set(MailTemplate.objects.filter(programme=programme).values_list("key", "language"))
    rows = [
        {
            "mail": mail,
            "languages": [
                (code, name, (mail.key, code) in changed) for code, name in settings.LANGUAGES
            ],
        }
        for mail in registered_mails().values()
    ]
    return render(
        request, "programmes/mails/mail_template_list.html", {"programme": programme, "rows": rows}
    )


def _participant(programme: Programme, participants: list[Enrolment], pk: int | None) -> Enrolment:
    """The chosen participant of the programme, its first, or a made-up one when it has none."""
    by_pk = {e.pk: e for e in participants}
    if pk in by_pk:
        return by_pk[pk]
    return participants[0] if participants else services.sample_enrolment(programme)


@login_required
def mail_template_edit(
    request: AuthenticatedHttpRequest, pk: int, key: str, language: str
) -> HttpResponse:
    programme = access.programme_for_coordinator(request.user, pk)
    mail = _mail_or_404(key, language)
    participants = services.preview_participants(programme)
    saved = services.programme_text(programme=programme, key=key, language=language)
    shown = saved or services.default_text(mail=mail, language=language)
    form = MailTemplateForm(
        request.POST or None,
        participants=participants,
        initial={
            "subject": shown.subject,
            "body": shown.body,
            "participant": participants[0].pk if participants else None,
        },
    )
    # The preview shows what would leave now: the saved text, or the default template itself.
    text, chosen = saved, None
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["participant"]
        edited = MailText(form.cleaned_data["subject"], form.cleaned_data["body"])
        text = submit(form, services.validate_merge_fields, mail=mail, text=edited)
        action = request.POST.get("action")
        saved_now = None
        if text is not None and action == "save":
            saved_now = submit(
                form,
                services.mail_template_save,
                programme=programme,
                key=key,
                language=language,
                subject=text.subject,
                body=text.body,
                actor=request.user,
            )
        if saved_now is not None:
            flash.success(request, _("The text is saved; the next mail uses it."))
            return redirect("programmes:mail_template_list", pk=programme.pk)
        if text is not None and action == "test":
            services.mail_template_test_send(
                programme=programme,
                key=key,
                language=language,
                actor=request.user,
                text=text,
                participant=_participant(programme, participants, chosen),
            )
            flash.success(
                request, _("A test is on its way to %(address)s.") % {"address": request.user.email}
            )
    participant = _participant(programme, participants, chosen)
    preview = None
    if not form.errors:
        preview = services.mail_preview(
            mail=mail, programme=programme, language=language, participant=participant, text=text
        )
    return render(
        request,
        "programmes/mails/mail_template_form.html",
        {
            "programme": programme,
            "mail": mail,
            "language": language,
            "language_name": dict(settings.LANGUAGES)[language],
            "form": form,
            "is_changed": saved is not None,
            "preview": preview,
            "participant": participant,
        },
    )


@login_required
@require_POST
def mail_template_reset(
    request: AuthenticatedHttpRequest, pk: int, key: str, language: str
) -> HttpResponse:
    programme = access.programme_for_coordinator(request.user, pk)
    _mail_or_404(key, language)
    if services.mail_template_reset(
        programme=programme, key=key, language=language, actor=request.user
    ):
        flash.success(request, _("The mail uses the default text again."))
    return redirect("programmes:mail_template_list", pk=programme.pk)

"""Every email leaves through here: plain text and HTML, in the recipient's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from .models import User


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes | str
    mimetype: str


def email_send(
    *,
    to: User | str,
    template: str,
    context: dict[str, Any] | None = None,
    language: str | None = None,
    attachments: list[Attachment] | None = None,
) -> None:
    """Renders ``emails/<template>_subject.txt``, ``.txt`` and ``.html`` and sends them.

    ``to`` is a person (their language is used) or a bare address (e.g. a
    manager without an account), in which case ``language`` or Swedish is used.
    """
    address = to.email if isinstance(to, User) else to
    language = language or (to.preferred_language if isinstance(to, User) else None)
    context = {"recipient": to, "site_url": settings.SITE_URL, **(context or {})}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(subject=" ".join(subject.split()), body=text, to=[address])
    message.attach_alternative(html, "text/html")
    for attachment in attachments or []:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    message.send()

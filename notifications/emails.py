"""Every email leaves through here: plain text and HTML, in the recipient's language."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.crypto import salted_hmac

if TYPE_CHECKING:
    from accounts.models import User


# The Message-ID for emails sent while it is set; see stable_message_id.
_message_id: ContextVar[str | None] = ContextVar("message_id", default=None)


def render_plain(name: str, context: dict[str, Any]) -> str:
    """A subject or plain-text part: text, not HTML, so nothing in it is escaped (a name
    like O'Brien or "the adept's profile" must not arrive as O&#x27;Brien)."""
    # The project's templates are Django templates: their own Template renders a Context.
    template = get_template(name).template  # type: ignore[attr-defined]
    return str(template.render(Context(context, autoescape=False)))


@contextmanager
def stable_message_id(seed: str) -> Iterator[None]:
    """Emails sent inside carry a Message-ID made from ``seed`` instead of a fresh one.

    A delivery that has to be retried (its worker died between the mail server
    taking the message and the record of it) then goes out as the same message,
    which mail systems that deduplicate on Message-ID show once. The id is keyed
    with SECRET_KEY so that nobody outside can predict it and send a look-alike first.
    """
    digest = salted_hmac("notifications.emails.message_id", seed).hexdigest()[:32]
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    token = _message_id.set(f"<{digest}@{host}>")
    try:
        yield
    finally:
        _message_id.reset(token)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes | str
    mimetype: str


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def email_render(*, template: str, context: dict[str, Any], language: str) -> RenderedEmail:
    """The subject, plain-text and HTML parts of ``emails/<template>*`` in ``language``."""
    with translation.override(language):
        subject = render_plain(f"emails/{template}_subject.txt", context).strip()
        text = render_plain(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    return RenderedEmail(subject=" ".join(subject.split()), text=text, html=html)


def recipient_language(to: User | str, language: str | None = None) -> str:
    """The language a mail to ``to`` is written in: the one asked for, theirs, or Swedish."""
    language = language or (None if isinstance(to, str) else to.preferred_language)
    return language or settings.LANGUAGE_CODE


def email_send(
    *,
    to: User | str,
    template: str,
    context: dict[str, Any] | None = None,
    language: str | None = None,
    attachments: list[Attachment] | None = None,
) -> str:
    """Renders ``emails/<template>_subject.txt``, ``.txt`` and ``.html`` and sends them.

    Returns the address. ``to`` is a person (their language is used) or a bare address (e.g. a
    manager without an account), in which case ``language`` or Swedish is used.
    """
    address = to if isinstance(to, str) else to.email
    context = {"recipient": to, "site_url": settings.SITE_URL, **(context or {})}
    rendered = email_render(
        template=template, context=context, language=recipient_language(to, language)
    )
    return email_send_rendered(address=address, rendered=rendered, attachments=attachments)


def email_send_rendered(
    *, address: str, rendered: RenderedEmail, attachments: list[Attachment] | None = None
) -> str:
    """Sends a mail rendered already (e.g. a coordinator's test of a programme's text)."""
    message_id = _message_id.get()
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        to=[address],
        headers={"Message-ID": message_id} if message_id else None,
    )
    message.attach_alternative(rendered.html, "text/html")
    for attachment in attachments or []:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    message.send()
    return address

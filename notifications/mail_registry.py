"""The automatic mails a programme can shape, each declared by its own app in ``<app>/mails.py``.

A declaration (:class:`Mail`) names the mail by a key, says in a label what it is,
names the default template files (``emails/<template>*``), lists the merge fields a
programme's own text may use, each with the function that reads its value from the
context the sender renders, and builds a preview's context from one participant.

The registry is found by convention through the app registry, like each app's
``tasks.sweep``: ``programmes`` keeps the per-programme texts and cannot import the
apps above it, so it reads their ``MAILS`` here.
"""

from __future__ import annotations

import datetime
import functools
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from programmes.models import Enrolment

# The context a sender renders a mail with.
Context = dict[str, Any]
# Builds the context of a preview for one participant (saved, or a made-up one).
SampleBuilder = Callable[["Enrolment"], Context]


@dataclass(frozen=True)
class MergeField:
    """A ``{name}`` a programme's text may use, and how its value is read from the context."""

    name: str
    label: StrOrPromise
    value: Callable[[Context], Any]

    def text(self, context: Context) -> str:
        value = self.value(context)
        if isinstance(value, datetime.datetime):
            return formats.date_format(value, "j F Y H:i")
        if isinstance(value, datetime.date):
            return formats.date_format(value, "j F Y")
        return "" if value is None else str(value)


@dataclass(frozen=True)
class Mail:
    key: str
    label: StrOrPromise
    template: str
    fields: tuple[MergeField, ...]
    sample: SampleBuilder

    @property
    def field_names(self) -> set[str]:
        return {field.name for field in self.fields}

    def values(self, context: Context) -> dict[str, str]:
        """Each merge field's value as text, read from the context the default template gets."""
        return {field.name: field.text(context) for field in self.fields}


def absolute(url: str) -> str:
    """A link that works from a mail: the site's address before a path of the site."""
    return settings.SITE_URL + url if url.startswith("/") else url


def _greeting_name(context: Context) -> str:
    name = context.get("greeting_name")
    if name:
        return str(name)
    recipient = context.get("recipient")
    return str(getattr(recipient, "full_name", "") or "")


def _cohort(context: Context, attribute: str) -> Any:
    # Some mails are about no cohort (an event open to whole municipalities).
    return getattr(context.get("cohort"), attribute, "")


def link_field(context_key: str, label: StrOrPromise) -> MergeField:
    """The mail's ``{link}``: the page it is about, from the context's ``context_key``."""
    return MergeField("link", label, lambda context: absolute(str(context[context_key])))


FIRST_NAME = MergeField(
    "first_name", _("The recipient's first name"), lambda c: _greeting_name(c).split(" ")[0]
)
FULL_NAME = MergeField("full_name", _("The recipient's full name"), _greeting_name)
PROGRAMME = MergeField("programme", _("The programme's name"), lambda c: c["programme"].name)
COHORT = MergeField("cohort", _("The cohort's name"), lambda c: _cohort(c, "name"))
STARTS_ON = MergeField("starts_on", _("The cohort's first day"), lambda c: _cohort(c, "starts_on"))
ENDS_ON = MergeField("ends_on", _("The cohort's last day"), lambda c: _cohort(c, "ends_on"))
# What every mail about a person in a cohort can say.
COMMON_FIELDS = (FIRST_NAME, FULL_NAME, PROGRAMME, COHORT, STARTS_ON, ENDS_ON)


def merge_fields(*extra: MergeField) -> tuple[MergeField, ...]:
    """The common fields and a mail's own, in the order a coordinator reads them."""
    return (*COMMON_FIELDS, *extra)


@functools.cache
def registered_mails() -> dict[str, Mail]:
    """Every app's declared mails by key, in app order; two with one key is a programming error."""
    found: dict[str, Mail] = {}
    for mail in _declarations():
        if mail.key in found:
            raise ValueError(f"Two mails declare the key {mail.key!r}.")
        found[mail.key] = mail
    return found


def _declarations() -> Iterable[Mail]:
    for app_name in settings.PROJECT_APPS:
        module_name = f"{app_name}.mails"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                continue
            raise
        yield from getattr(module, "MAILS", ())


def mail_for(key: str) -> Mail:
    """The declared mail of ``key``; raises LookupError for a key no app declares."""
    try:
        return registered_mails()[key]
    except KeyError:
        raise LookupError(f"No mail is declared with the key {key!r}.") from None

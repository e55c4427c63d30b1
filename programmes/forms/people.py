"""Naming people by their e-mail addresses, found with a search as one types.

A choice among all accounts would list every adept to every coordinator, and is unusable at
a few thousand accounts. Instead the field takes addresses, one a line, matched exactly
(``access.accounts_named_by``); the search beside it suggests, from the third character
(htmx), only the people the chooser may see (``access.people_choosable_by``), and a click
adds the address.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User

SEPARATORS = re.compile(r"[\s,;]+")


class PeoplePickerWidget(forms.Textarea):
    template_name = "programmes/widgets/people_picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"rows": 3, "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if value and not isinstance(value, str):
            # Initial values are people (or their ids); the field shows their addresses.
            people = list(value)
            if people and not isinstance(people[0], User):
                people = list(User.objects.filter(pk__in=people).order_by("email"))
            return "\n".join(person.email for person in people)
        return super().format_value(value)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["search_url"] = reverse("programmes:people_search")
        return context


class PeopleField(forms.Field):
    """People by e-mail address, one a line (or separated by commas); each must be one the
    chooser may name. Cleans to a list of accounts."""

    widget = PeoplePickerWidget

    def __init__(self, *, queryset: QuerySet[User] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.queryset = queryset if queryset is not None else User.objects.none()

    def to_python(self, value: Any) -> list[str]:
        if not value:
            return []
        if not isinstance(value, str):
            value = "\n".join(str(item) for item in value)
        addresses = [part.strip().lower() for part in SEPARATORS.split(value) if part.strip()]
        return list(dict.fromkeys(addresses))

    def clean(self, value: Any) -> list[User]:
        if "\x00" in str(value or ""):
            raise forms.ValidationError(_("Null characters are not allowed."))
        addresses = self.to_python(value)
        self.validate(addresses)
        if len(addresses) > 50:
            raise forms.ValidationError(_("Name at most 50 people here."))
        found = {person.email.lower(): person for person in self._people(addresses)}
        unknown = [address for address in addresses if address not in found]
        if unknown:
            raise forms.ValidationError(
                _(
                    "No account has the address %(addresses)s. Check the spelling, or invite "
                    "the person first."
                ),
                params={"addresses": ", ".join(unknown)},
            )
        return [found[address] for address in addresses]

    def _people(self, addresses: Iterable[str]) -> QuerySet[User]:
        """The accounts with these addresses, whatever their case (at most 50 of them)."""
        match = Q()
        for address in addresses:
            match |= Q(email__iexact=address)
        return self.queryset.filter(match) if match else self.queryset.none()

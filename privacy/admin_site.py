"""The project's admin site: no URL filter, list filter or search reads text.

A changelist answers ``?text__contains=abc`` with the number of matching rows, so text
an administrator may not read (a reflection, a meeting's notes, an answer, a TOTP secret)
could be recovered letter by letter. Every text field is therefore closed to lookups in
every ModelAdmin, the account libraries' included, unless its app's privacy module lists
it in ``ADMIN_SEARCHABLE_TEXT``: names, addresses and titles the admin lists anyway.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpRequest

from common.admin import ModelAdminMixin
from common.admin_forms import LabelledAdminForms
from privacy.registry import admin_searchable_text

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)
SEARCH_PREFIXES = "^=@"


def is_closed_text(model_field: models.Field) -> bool:
    """Free text (not a fixed list of choices) that no admin filter or search may touch."""
    if not isinstance(model_field, TEXT_FIELDS) or model_field.choices:
        return False
    searchable = admin_searchable_text().get(model_field.model._meta.label_lower, ())
    return model_field.name not in searchable


def closed_text_in(model: type[models.Model], path: str) -> models.Field | None:
    """The closed text field a lookup path such as ``meeting__notes__contains`` reaches."""
    for part in path.split(LOOKUP_SEP):
        try:
            model_field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None  # the rest is a lookup or a transform
        if isinstance(model_field, models.Field) and not model_field.is_relation:
            return model_field if is_closed_text(model_field) else None
        related = model_field.related_model
        # None for a generic relation; "self" only before the app registry is ready.
        if related is None or isinstance(related, str):
            return None
        model = related
    return None


def _declared_paths(model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
    """The search fields and list filters of a ModelAdmin, as (option, lookup path)."""
    paths = [("search_fields", name.lstrip(SEARCH_PREFIXES)) for name in model_admin.search_fields]
    for item in model_admin.list_filter:
        name = item[0] if isinstance(item, (list, tuple)) else item
        if isinstance(name, str):
            paths.append(("list_filter", name))
    return paths


class ClosedTextLookups(ModelAdminMixin):
    """Refuses every lookup that reaches closed text; Django then answers 400, not a count."""

    model: type[models.Model]

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        if closed_text_in(self.model, lookup) is not None:
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        if search_term:
            for name in self.get_search_fields(request):
                if closed_text_in(self.model, name.lstrip(SEARCH_PREFIXES)) is not None:
                    raise DisallowedModelAdminLookup(f"Searching {name} not allowed")
        return super().get_search_results(request, queryset, search_term)

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        for option, path in _declared_paths(self):
            found = closed_text_in(self.model, path)
            if found is not None:
                errors.append(
                    checks.Error(
                        f"{option} '{path}' reaches {found.model._meta.label}.{found.name}, "
                        "free text the admin must not filter or search on.",
                        hint="Remove it, or list the field in its app's ADMIN_SEARCHABLE_TEXT "
                        "if it is a name or title the admin shows anyway.",
                        obj=self.__class__,
                        id="programmes.E001",
                    )
                )
        return errors


class AdminSite(admin.AdminSite):
    """Puts ClosedTextLookups and LabelledAdminForms in front of every ModelAdmin registered,
    whoever registers it."""

    def register(
        self,
        model_or_iterable: Any,
        admin_class: type[admin.ModelAdmin] | None = None,
        **options: Any,
    ) -> None:
        base = admin_class or admin.ModelAdmin
        guarded = type(
            base.__name__,
            (ClosedTextLookups, LabelledAdminForms, base),
            {"__module__": base.__module__},
        )
        super().register(model_or_iterable, guarded, **options)

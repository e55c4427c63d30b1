"""Admin forms every field of which has a name that assistive technology can read.

Django's admin writes dates and times as a split pair of text inputs without labels, with
calendar and clock links that have no text, and the fields of a tabular inline without labels
(WCAG 2.1 1.3.1, 2.4.4, 4.1.2). The admin site puts :class:`LabelledAdminForms` in front of every
ModelAdmin and of its inlines: dates and times become the browser's own date and date-time
inputs, named by their label; a tabular inline's fields are named after their column; the icon
links beside a related field have text.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db import models
from django.http import HttpRequest
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput, DateTimeInput

RELATED_LINKS_TEMPLATE = "admin/widgets/related_widget_wrapper_labelled.html"


def native_date_input(db_field: models.Field) -> dict[str, Any]:
    """The form field and the browser's own input for a date or a date and time (in place of
    the admin's split pair); seconds are kept as stored."""
    if isinstance(db_field, models.DateTimeField):
        return {
            "form_class": forms.DateTimeField,
            "widget": DateTimeInput(format="%Y-%m-%dT%H:%M:%S", attrs={"step": 1}),
        }
    if isinstance(db_field, models.DateField):
        return {"widget": DateInput()}
    return {}


# The two mixins below go in front of formsets, ModelAdmins and inlines alike, so the type
# checker cannot know the class their super() reaches: hence the [misc] ignores on those calls.


class NamedDeleteBoxes:
    """A tabular inline's formset whose delete boxes are named like their column."""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)  # type: ignore[misc]
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = _("Delete?")


class LabelledAdminForms:
    """Gives every field of the admin's forms, and its inlines' forms, a readable name."""

    def formfield_for_dbfield(
        self, db_field: models.Field, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if "widget" not in kwargs and not db_field.choices:
            kwargs = {**native_date_input(db_field), **kwargs}
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
        if formfield is None:
            return None
        if isinstance(formfield.widget, RelatedFieldWidgetWrapper):
            formfield.widget.template_name = RELATED_LINKS_TEMPLATE
        if isinstance(self, admin.TabularInline):
            # A tabular inline has a column header, not a label, above each field.
            formfield.widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return formfield

    def get_formset(
        self, request: HttpRequest, obj: models.Model | None = None, **kwargs: Any
    ) -> type:
        formset = super().get_formset(request, obj, **kwargs)  # type: ignore[misc]
        if isinstance(self, admin.TabularInline):
            return type(formset.__name__, (NamedDeleteBoxes, formset), {})
        return formset

    def get_inlines(self, request: HttpRequest, obj: models.Model | None) -> list[type]:
        inlines = super().get_inlines(request, obj)  # type: ignore[misc]
        return [labelled(inline) for inline in inlines]


@cache
def labelled(admin_class: type) -> type:
    """The ModelAdmin or inline class with :class:`LabelledAdminForms` in front of it."""
    if issubclass(admin_class, LabelledAdminForms):
        return admin_class
    return type(
        admin_class.__name__,
        (LabelledAdminForms, admin_class),
        {"__module__": admin_class.__module__},
    )

"""The admin's fields that grant access change only through programmes.services.grants.

A field that grants access (a municipality's contacts, a programme's coordinators, a
person's staff and superuser flags, groups and permissions) is read-only for whoever may not
grant it (``grants.may_grant``), so a forged request cannot change it; for whoever may, the
change is saved through the service, which writes one audit entry per grant and revocation.
"""

from __future__ import annotations

from typing import Any

from django.forms import ModelForm
from django.http import HttpRequest

from accounts.models import User
from common.admin import ModelAdminMixin
from programmes.services.grants import (
    Access,
    access_grant,
    access_revoke,
    access_set,
    may_grant,
    person_access_set,
)

# A person's flags and lists of the admin site, and what each grants.
PERSON_FLAGS = {"is_staff": Access.STAFF, "is_superuser": Access.SUPERUSER}
PERSON_LISTS = {"groups": Access.GROUP, "user_permissions": Access.PERMISSION}


def _take(form: ModelForm, names: dict[str, Access]) -> dict[str, Any]:
    """Removes the granting fields from what the form saves itself, and returns them."""
    return {name: form.cleaned_data.pop(name) for name in names if name in form.cleaned_data}


class GrantListsAdminMixin(ModelAdminMixin):
    """For a model whose many-to-many fields (``grant_fields``) list who holds access to it."""

    grant_fields: dict[str, Access] = {}

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        refused = [
            name
            for name, what in self.grant_fields.items()
            if not may_grant(request.user, what, obj)
        ]
        return fields + refused

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool
    ) -> None:
        chosen = _take(form, self.grant_fields)
        super().save_related(request, form, formsets, change)
        for name, people in chosen.items():
            access_set(
                granter=request.user,
                what=self.grant_fields[name],
                target=form.instance,
                people=people,
            )


class PersonAccessAdminMixin(ModelAdminMixin):
    """A person's staff and superuser flags, groups and permissions: superusers only."""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if not may_grant(request.user, Access.SUPERUSER):
            fields += [*PERSON_FLAGS, *PERSON_LISTS]
        return fields

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Changing a superuser's address or password would take over their rights.
        if obj is not None and obj.is_superuser and not may_grant(request.user, Access.SUPERUSER):
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: User, form: ModelForm, change: bool) -> None:
        wanted = {
            name: form.cleaned_data[name] for name in PERSON_FLAGS if name in form.cleaned_data
        }
        # The form has set the flags on the person already; the service sets them again.
        stored = User.objects.filter(pk=obj.pk).values(*wanted).first() if obj.pk else None
        for name in wanted:
            setattr(obj, name, stored[name] if stored else False)
        super().save_model(request, obj, form, change)
        for name, on in wanted.items():
            change_flag = access_grant if on else access_revoke
            change_flag(granter=request.user, person=obj, what=PERSON_FLAGS[name])

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool
    ) -> None:
        chosen = _take(form, PERSON_LISTS)
        super().save_related(request, form, formsets, change)
        for name, targets in chosen.items():
            person_access_set(
                granter=request.user, person=form.instance, what=PERSON_LISTS[name], targets=targets
            )


class ContactsAdminMixin(GrantListsAdminMixin):
    grant_fields = {"contacts": Access.CONTACT}


class CoordinatorsAdminMixin(GrantListsAdminMixin):
    grant_fields = {"coordinators": Access.COORDINATOR}

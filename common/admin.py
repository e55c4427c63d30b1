"""Admin classes shared by the apps' admin modules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest

# The base of a mixin for ModelAdmin classes: to the type checker a ModelAdmin, so that its
# super() calls are checked; at run time a plain class, as a mixin has to be.
if TYPE_CHECKING:
    ModelAdminMixin = admin.ModelAdmin[Any]
else:
    ModelAdminMixin = object


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

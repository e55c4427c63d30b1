"""Modules found by convention in every project app: each app's ``tasks``, ``mails``, ..."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import ModuleType

from django.conf import settings


def app_modules(name: str) -> Iterator[ModuleType]:
    """``<app>.<name>`` of every project app that has one, in app order."""
    for app_name in settings.PROJECT_APPS:
        module_name = f"{app_name}.{name}"
        try:
            yield importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            # Only the module's own absence means the app has none; a broken import is raised.
            if error.name != module_name:
                raise

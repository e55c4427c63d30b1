"""Model fields shared by the apps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models


class LinkField(models.URLField):
    """A web link. In forms and the admin, a link typed without a scheme
    ("teams.microsoft.com/...") is read as https://."""

    # Keyword arguments only, as Django's URLField.formfield (the stubs give Field's signature).
    def formfield(self, **kwargs: Any) -> forms.Field | None:  # type: ignore[override]
        return super().formfield(**{"assume_scheme": "https", **kwargs})

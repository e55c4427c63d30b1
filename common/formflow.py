"""The one step every form view shares: call a service, turn its refusal into form errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError

R = TypeVar("R")


def submit(form: forms.BaseForm, service: Callable[..., R], /, **kwargs: Any) -> R | None:
    """Runs ``service`` and returns its result, or None with the refusal shown on ``form``."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, messages in error.error_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            form.add_error(None, error)
        return None
